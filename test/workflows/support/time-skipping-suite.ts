import type { INestApplicationContext } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import type { QcycleConfig } from '@qcycle/config';
import {
  createTestDatabase,
  startTimeSkippingEnvironment,
  testConfig,
  type TestDatabase,
} from '@qcycle/testing';
import { migrate, startWorkerApp } from '../../support/apps';
import { CycleDriver } from './cycle-driver';

/** A private time-skipping server, a PostgreSQL database and the real worker on both. */
export interface TimeSkippingSuite {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  config: QcycleConfig;
  worker: INestApplicationContext;
  dataSource: DataSource;
  /** Completes tasks as the API does; lets a day pass on the server while it waits for one. */
  driver: CycleDriver;
  close(): Promise<void>;
}

export async function startTimeSkippingSuite(): Promise<TimeSkippingSuite> {
  const env = await startTimeSkippingEnvironment();
  let database: TestDatabase | undefined;
  let worker: INestApplicationContext | undefined;
  const close = async () => {
    await worker?.close();
    await env.teardown();
    await database?.drop();
  };
  try {
    database = await createTestDatabase('postgres');
    const config = testConfig(database.config, env.address);
    await migrate(config);
    worker = await startWorkerApp(config);
    const dataSource = worker.get(DataSource);
    const driver = new CycleDriver(env.client, dataSource, () => env.sleep('1 day'));
    return { env, database, config, worker, dataSource, driver, close };
  } catch (error) {
    await close();
    throw error;
  }
}
