import type { DataSource } from 'typeorm';
import { EventLogEntryEntity, TaskEntity, migrateUp, openDataSource } from '@qcycle/persistence';
import { createTestDatabase, type TestDatabaseKind } from '@qcycle/testing';
import { CycleRecordActivities } from './cycle-record.activities';
import { QualityRecordActivities } from './quality-records.activities';

/*
 * A completion is recorded by a local activity (workflows/src/activities.ts `localRecords`). If the
 * worker dies after the write committed but before its workflow task completed, the next worker
 * runs the handler again, at a later workflow time: the record keeps the first write, and the
 * activity answers with it, so the workflow's answer and the record agree.
 */
const CYCLE = 'kontum-2024';
const WORKFLOW = 'quality-cycle/kontum/2024/approval';

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('the completion record on %s', (kind) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let records: QualityRecordActivities;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dataSource = await openDataSource(database.config);
    await migrateUp(dataSource);
    records = new QualityRecordActivities(dataSource);
    await new CycleRecordActivities(dataSource).recordCycleStarted({
      cycleId: CYCLE,
      workflowId: 'quality-cycle/kontum/2024',
      organisationCode: 'kontum',
      year: 2024,
      startedBy: 'qr',
      startedAt: '2024-01-02T01:00:00.000Z',
    });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('answers the completion as recorded; a repeat at a later time writes nothing and answers the first', async () => {
    const taskId = `${WORKFLOW}/approve/1`;
    await records.openTask({
      taskId,
      cycleId: CYCLE,
      workflowId: WORKFLOW,
      kind: 'objectives-approval',
      title: { vi: 'Phê duyệt mục tiêu', en: 'Approve the objectives' },
      assigneeUserId: 'leader',
      delegateUserIds: [],
      openedAt: '2024-01-03T01:00:00.000Z',
      dueAt: '2024-01-05T10:00:00.000Z',
    });
    const outcome = { decision: 'approve', documentNumber: '1/QĐ-UBND', signingDate: '2024-01-04' };
    const first = { taskId, cycleId: CYCLE, actorUserId: 'leader', outcome, late: false };

    await expect(records.completeTaskRecord({ ...first, at: '2024-01-04T02:00:00.000Z' })).resolves.toEqual({
      completedAt: '2024-01-04T02:00:00.000Z',
      late: false,
    });
    // The same completion again, as a new worker runs it after the first died: later, and late.
    await expect(
      records.completeTaskRecord({ ...first, at: '2024-01-06T02:00:00.000Z', late: true }),
    ).resolves.toEqual({ completedAt: '2024-01-04T02:00:00.000Z', late: false });

    const task = await dataSource.getRepository(TaskEntity).findOneByOrFail({ id: taskId });
    expect(task).toMatchObject({
      status: 'completed',
      closedAt: '2024-01-04T02:00:00.000Z',
      late: false,
      completedBy: 'leader',
    });
    const completed = await dataSource
      .getRepository(EventLogEntryEntity)
      .findBy({ id: `${taskId}/completed` });
    expect(completed).toHaveLength(1);
    expect(completed[0].occurredAt).toBe('2024-01-04T02:00:00.000Z');
  });
});
