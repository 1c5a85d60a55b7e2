import type { INestApplicationContext } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { QcycleConfig } from '@qcycle/config';
import { createTestDatabase, testConfig, type TestDatabase } from '@qcycle/testing';
import { migrate, startWorkerApp } from '../../support/apps';
import { CycleDriver } from './cycle-driver';

/**
 * The shared Temporal dev server (real time), a SQLite database of the suite's own and the real
 * worker on both; the driver lets a tenth of a second pass while it waits for a task's record.
 */
export interface DevServerSuite {
  config: QcycleConfig;
  client: Client;
  worker: INestApplicationContext;
  dataSource: DataSource;
  driver: CycleDriver;
  /** Closes the worker app and starts a new one on the same database and task queue. */
  restartWorker(): Promise<void>;
  close(): Promise<void>;
}

/** `configure` adjusts the suite's configuration before the worker starts (e.g. its mail relay). */
export async function startDevServerSuite(
  configure: (config: QcycleConfig) => QcycleConfig = (config) => config,
): Promise<DevServerSuite> {
  let database: TestDatabase | undefined;
  let connection: Connection | undefined;
  let worker: INestApplicationContext | undefined;
  const close = async () => {
    await worker?.close();
    await connection?.close();
    await database?.drop();
  };
  try {
    database = await createTestDatabase('sqlite');
    const config = configure(testConfig(database.config));
    await migrate(config);
    connection = await Connection.connect({ address: config.temporal.address });
    const client = new Client({ connection });
    const withWorker = (app: INestApplicationContext) => {
      worker = app;
      const dataSource = app.get(DataSource);
      const driver = new CycleDriver(
        client,
        dataSource,
        () => new Promise((resolve) => setTimeout(resolve, 100)),
      );
      return { worker: app, dataSource, driver };
    };
    const suite: DevServerSuite = {
      config,
      client,
      ...withWorker(await startWorkerApp(config)),
      async restartWorker() {
        await suite.worker.close();
        Object.assign(suite, withWorker(await startWorkerApp(config)));
      },
      close,
    };
    return suite;
  } catch (error) {
    await close();
    throw error;
  }
}
