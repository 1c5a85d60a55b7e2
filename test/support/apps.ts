import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { QcycleConfig } from '@qcycle/config';
import { migrateUp, openDataSource } from '@qcycle/persistence';
import { testWorkflowBundle } from '@qcycle/testing';
import { createApiApp, type CreateApiAppOptions } from '../../apps/api/src/api-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/** Brings a suite's database to the current schema. */
export async function migrate(config: QcycleConfig): Promise<void> {
  const dataSource = await openDataSource(config.database);
  try {
    await migrateUp(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** The real worker app (Nest context + Temporal Worker) on the suite's database and task queue. */
export async function startWorkerApp(config: QcycleConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config, workflowBundlePath: testWorkflowBundle().codePath }),
    { logger: ['error'] },
  );
  await app.init();
  return app;
}

/** The real API app, listening on a free loopback port; returns its base URL. */
export async function startApiApp(
  config: QcycleConfig,
  options: Omit<CreateApiAppOptions, 'logger'> = {},
): Promise<{ app: INestApplication; baseUrl: string }> {
  const app = await createApiApp(config, { ...options, logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, baseUrl: `http://127.0.0.1:${address.port}` };
}
