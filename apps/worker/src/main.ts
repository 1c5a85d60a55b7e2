import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@qcycle/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({
      config,
      workflowBundlePath: process.env.QCYCLE_WORKFLOW_BUNDLE || undefined,
      startNotificationSweep: true,
    }),
    { logger: ['log', 'warn', 'error'] },
  );
  // SIGINT/SIGTERM → Nest shutdown hooks → the Temporal Worker drains and stops.
  app.enableShutdownHooks();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    new Logger('worker').error(error instanceof Error ? error.stack : String(error));
  }
  process.exit(1);
});
