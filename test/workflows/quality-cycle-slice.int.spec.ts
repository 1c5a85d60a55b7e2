import type { INestApplicationContext } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import type { QcycleConfig } from '@qcycle/config';
import {
  QUALITY_CYCLE_WORKFLOW,
  cancelCycleSignal,
  cycleStateQuery,
  qualityCycleId,
  qualityCycleWorkflowId,
  type QualityCycleState,
} from '@qcycle/contracts';
import { EventLogEntryEntity, QualityCycleEntity } from '@qcycle/persistence';
import { createTestDatabase, startTimeSkippingEnvironment, testConfig, uniqueSuffix, type TestDatabase } from '@qcycle/testing';
import { migrate, startWorkerApp } from '../support/apps';

function cycleInput(organisationCode: string, year: number) {
  return { cycleId: qualityCycleId(organisationCode, year), organisationCode, year, startedBy: 'qr-kontum' };
}

describe('quality cycle on the Temporal dev server', () => {
  let database: TestDatabase;
  let config: QcycleConfig;
  let worker: INestApplicationContext;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    config = testConfig(database.config);
    await migrate(config);
    worker = await startWorkerApp(config);
    connection = await Connection.connect({ address: config.temporal.address });
    client = new Client({ connection });
  });

  afterAll(async () => {
    await worker?.close();
    await connection?.close();
    await database?.drop();
  });

  it('records the started cycle, answers its live state, and records its cancellation once', async () => {
    const org = `org-${uniqueSuffix()}`;
    const year = new Date().getUTCFullYear() + 1;
    const handle = await client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: qualityCycleWorkflowId(org, year),
      args: [cycleInput(org, year)],
    });

    const dataSource = worker.get(DataSource);
    let recorded: QualityCycleEntity | null = null;
    for (let attempt = 0; attempt < 100 && !recorded; attempt++) {
      recorded = await dataSource.getRepository(QualityCycleEntity).findOneBy({ id: qualityCycleId(org, year) });
      if (!recorded) await new Promise((r) => setTimeout(r, 100));
    }
    expect(recorded).toMatchObject({ organisationCode: org, year, status: 'running', phase: 'objectives-approval', startedBy: 'qr-kontum' });

    const live = await handle.query(cycleStateQuery);
    expect(live).toEqual<QualityCycleState>({ cycleId: qualityCycleId(org, year), organisationCode: org, year, status: 'running', phase: 'objectives-approval' });

    await handle.signal(cancelCycleSignal, { reason: 'started by mistake', by: 'qr-kontum' });
    await handle.signal(cancelCycleSignal, { reason: 'second click', by: 'qr-kontum' });
    expect((await handle.result()).status).toBe('cancelled');

    const events = await dataSource.getRepository(EventLogEntryEntity).find({ where: { cycleId: qualityCycleId(org, year) }, order: { occurredAt: 'ASC' } });
    expect(events.map((e) => [e.type, e.actor])).toEqual([
      ['cycle.started', 'qr-kontum'],
      ['cycle.cancelled', 'qr-kontum'],
    ]);
    expect(events[1].payload).toMatchObject({ reason: 'started by mistake' });
    expect(await dataSource.getRepository(QualityCycleEntity).findOneBy({ id: qualityCycleId(org, year) })).toMatchObject({ status: 'cancelled' });
  });
});

describe('quality cycle on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let config: QcycleConfig;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    database = await createTestDatabase('postgres');
    config = testConfig(database.config, env.address);
    await migrate(config);
    worker = await startWorkerApp(config);
  });

  afterAll(async () => {
    await worker?.close();
    await env?.teardown();
    await database?.drop();
  });

  it('keeps the cycle open through the year and closes it when the year-end timer fires', async () => {
    const org = `org-${uniqueSuffix()}`;
    // Next year's cycle: its year-end timer is more than 30 days (at least a year) away.
    const year = new Date(await env.currentTimeMs()).getUTCFullYear() + 1;
    const startedAt = await env.currentTimeMs();
    const handle = await env.client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: qualityCycleWorkflowId(org, year),
      args: [cycleInput(org, year)],
    });

    await env.sleep('30 days');
    expect(await handle.query(cycleStateQuery)).toMatchObject({ status: 'running' });

    const result = await handle.result();
    expect(result.status).toBe('closed');
    const skippedDays = ((await env.currentTimeMs()) - startedAt) / 86_400_000;
    expect(skippedDays).toBeGreaterThan(365);

    const record = await worker.get(DataSource).getRepository(QualityCycleEntity).findOneBy({ id: qualityCycleId(org, year) });
    expect(record).toMatchObject({ status: 'closed', phase: 'closing' });
    // Closed at the end of 31 December in Asia/Ho_Chi_Minh, i.e. 16:59:59 UTC.
    expect(record?.updatedAt.startsWith(`${year}-12-31T16:59:59`)).toBe(true);
  });
});
