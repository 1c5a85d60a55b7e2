/**
 * One more qcycle worker in a process of its own, for bench/many-agencies.bench.ts: the real worker
 * app on the configuration in its environment (DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE,
 * QCYCLE_WORKFLOW_BUNDLE). Says `ready` on stdout once it polls; stops on SIGTERM.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@qcycle/config';
import { WorkerModule } from '../../apps/worker/src/worker.module';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config: loadConfig(), workflowBundlePath: process.env.QCYCLE_WORKFLOW_BUNDLE }),
    { logger: ['error'] },
  );
  await app.init();
  app.enableShutdownHooks();
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
