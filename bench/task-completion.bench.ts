/**
 * How long a person waits when they submit a task: the `completeTask` Update round trip (validator,
 * handler, the activity that records the completion) on the real Temporal dev server, with the
 * records in SQLite and in PostgreSQL. Baselines measured in the same run against the same workflow:
 *  - describe: a Temporal server round trip that involves no worker;
 *  - query:    a round trip through the worker (workflow state read), no database write.
 * Figures only: nothing here asserts a time. Run with `npm run bench`.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { QcycleConfig } from '@qcycle/config';
import { QUALITY_CYCLE_WORKFLOW, completeTaskUpdate, openTasksQuery } from '@qcycle/contracts';
import {
  createTestDatabase,
  testConfig,
  uniqueSuffix,
  type TestDatabase,
  type TestDatabaseKind,
} from '@qcycle/testing';
import { migrate, startWorkerApp } from '../test/support/apps';
import { CycleDriver } from '../test/workflows/support/cycle-driver';
import { kontumCycle, pastYearOpenCalendar } from '../test/workflows/support/cycle-fixtures';
import { report, timed } from './support/figures';

const ROUNDS = 15; // each round completes two tasks: the leader returns the draft, the QR revises it

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('task completion latency, records in %s', (kind) => {
  let database: TestDatabase;
  let config: QcycleConfig;
  let worker: INestApplicationContext;
  let connection: Connection;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    config = testConfig(database.config);
    await migrate(config);
    worker = await startWorkerApp(config);
    connection = await Connection.connect({ address: config.temporal.address });
  });

  afterAll(async () => {
    await worker?.close();
    await connection?.close();
    await database?.drop();
  });

  it('measures completeTask against describe and query baselines', async () => {
    const client = new Client({ connection });
    const { input, ids, user } = kontumCycle(`bench-${uniqueSuffix()}`, { calendar: pastYearOpenCalendar() });
    await client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });
    const driver = new CycleDriver(
      client,
      worker.get(DataSource),
      () => new Promise((r) => setTimeout(r, 20)),
    );
    const approval = client.workflow.getHandle(ids.approval);
    const figures = { describe: [] as number[], query: [] as number[], completeTask: [] as number[] };

    const complete = async (taskId: string, actorUserId: string, outcome: unknown) => {
      await driver.task(taskId); // the record exists: the person has it in their inbox
      await timed(figures.describe, () => approval.describe());
      await timed(figures.query, () => approval.query(openTasksQuery));
      await timed(figures.completeTask, () =>
        approval.executeUpdate(completeTaskUpdate, {
          updateId: taskId,
          args: [{ taskId, actorUserId, outcome: outcome as never }],
        }),
      );
    };
    for (let round = 1; round <= ROUNDS; round++) {
      await complete(`${ids.approval}/approve/${round}`, user.leader, {
        decision: 'return',
        comments: `Vòng ${round}: bổ sung.`,
      });
      await complete(`${ids.approval}/revise/${round}`, user.qr, { note: `Đã bổ sung vòng ${round}.` });
    }

    console.log(report(`task completion on the dev server, records in ${kind} (ms):`, figures));
    expect(figures.completeTask).toHaveLength(2 * ROUNDS);
  });
});
