import type { DataSource } from 'typeorm';
import { payloadOf } from '@qcycle/contracts';
import type { Measurement } from '@qcycle/domain';
import {
  EventLogEntryEntity,
  MeasurementEntity,
  MIGRATIONS,
  migrateUp,
  openDataSource,
  pendingMigrations,
} from '@qcycle/persistence';
import { createTestDatabase, type TestDatabaseKind } from '@qcycle/testing';
import { CycleRecordActivities } from '../../activities/src/cycle-record.activities';
import { QualityRecordActivities } from '../../activities/src/quality-records.activities';

/**
 * A report made on paper before qcycle asked for it keeps the paper's day and reference with its
 * measurement rows and its `measurement.reported` event (docs/objectives.md "Reports made on
 * paper"), on both databases; the migration that adds the columns keeps the rows already there,
 * both ways.
 */
const CYCLE = 'kontum-2024';
const MONITORING = 'quality-cycle/kontum/2024/monitoring/obj-4';
const MIGRATION = 'MeasurementPaperReport1796110000000';

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('a measurement reported on paper, on %s', (kind) => {
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
      startedAt: '2024-06-03T01:00:00.000Z',
    });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** A month of objective 4, entered on 10 June; `paperReport` as the workflow hands it over. */
  const report = async (month: string, late: boolean, paperReport?: { date: string; reference: string }) => {
    const taskId = `${MONITORING}/measure/2024-${month}`;
    const reportedAt = '2024-06-10T03:00:00.000Z';
    await records.openTask({
      taskId,
      cycleId: CYCLE,
      workflowId: MONITORING,
      kind: 'measurement-report',
      title: { vi: `Báo cáo tháng ${month}`, en: `Report ${month}` },
      assigneeUserId: 'staff',
      delegateUserIds: [],
      objectiveId: 'obj-4',
      periodKey: `2024-${month}`,
      openedAt: '2024-06-04T01:00:00.000Z',
      dueAt: '2024-02-07T10:00:00.000Z',
    });
    // The task is late as entered, whatever the paper says.
    await records.completeTaskRecord({
      taskId,
      cycleId: CYCLE,
      actorUserId: 'staff',
      outcome: { figures: [], evidence: ['BC'], ...(paperReport ? { paperReport } : {}) },
      at: reportedAt,
      late: true,
    });
    const measurement: Measurement = {
      kind: 'ratio',
      indicatorId: 'obj-4-on-time',
      periodKey: `2024-${month}`,
      numerator: 90,
      denominator: 100,
      evidence: ['BC'],
      reportedAt,
      reportedBy: 'staff',
      late,
      ...(paperReport ? { paperReport } : {}),
    };
    const facts = {
      cycleId: CYCLE,
      objectiveId: 'obj-4',
      periodKey: `2024-${month}`,
      taskId,
      measurements: [measurement],
      reportedBy: 'staff',
      reportedAt,
      late,
      ...(paperReport ? { paperReport } : {}),
    };
    await records.recordMeasurements(facts);
    await records.recordMeasurements(facts);
    return taskId;
  };

  it('keeps the paper’s day and reference with the row and the event, once', async () => {
    const january = await report('01', false, { date: '2024-02-05', reference: '45/BC-VP' });
    const row = await dataSource.getRepository(MeasurementEntity).findOneByOrFail({ taskId: january });
    expect(row).toMatchObject({
      late: false,
      paperReportDate: '2024-02-05',
      paperReportReference: '45/BC-VP',
    });
    const events = await dataSource.getRepository(EventLogEntryEntity).findBy({ id: `${january}/measured` });
    expect(events).toHaveLength(1);
    expect(payloadOf(events[0], 'measurement.reported')).toEqual({
      objectiveId: 'obj-4',
      periodKey: '2024-01',
      late: false,
      paperReport: { date: '2024-02-05', reference: '45/BC-VP' },
    });

    // A report entered in qcycle has none, and its event says nothing of paper.
    const march = await report('03', true);
    expect(
      await dataSource.getRepository(MeasurementEntity).findOneByOrFail({ taskId: march }),
    ).toMatchObject({
      late: true,
      paperReportDate: null,
      paperReportReference: null,
    });
    const marchEvent = await dataSource
      .getRepository(EventLogEntryEntity)
      .findOneByOrFail({ id: `${march}/measured` });
    expect(marchEvent.payload).not.toHaveProperty('paperReport');
  });

  it('counts a task reported on paper in time as on time in the review’s process performance', async () => {
    // February was reported on paper after its due day: late by the paper too.
    await report('02', true, { date: '2024-03-20', reference: '60/BC-VP' });
    const inputs = await records.compileReviewInputs({ cycleId: CYCLE, previousActions: [] });
    // Three tasks, each entered late; January's paper was in time.
    expect(inputs.processPerformance).toMatchObject({ tasksCompleted: 3, tasksCompletedLate: 2 });
    expect(inputs.objectives).toEqual([{ objectiveId: 'obj-4', periodsReported: 3, lateReports: 2 }]);
  });

  it('adds the columns to the rows already there, and takes them away keeping the rows', async () => {
    const count = () => dataSource.getRepository(MeasurementEntity).count();
    const before = await count();
    // Back to before this migration, whatever was added since (never further than all of them).
    for (let undone = 0; !(await pendingMigrations(dataSource)).includes(MIGRATION); undone++) {
      expect(undone).toBeLessThan(MIGRATIONS.length);
      await dataSource.undoLastMigration({ transaction: 'each' });
    }
    const runner = dataSource.createQueryRunner();
    const reverted = await runner.getTable('measurements').finally(() => runner.release());
    expect(reverted?.findColumnByName('paper_report_date')).toBeUndefined();
    expect(reverted?.findColumnByName('paper_report_reference')).toBeUndefined();
    expect((await dataSource.query('SELECT COUNT(*) AS n FROM measurements')) as unknown).toEqual([
      { n: kind === 'postgres' ? String(before) : before },
    ]);

    await migrateUp(dataSource);
    const again = dataSource.createQueryRunner();
    const table = await again.getTable('measurements').finally(() => again.release());
    expect(table?.findColumnByName('paper_report_date')).toMatchObject({ length: '10', isNullable: true });
    expect(table?.findColumnByName('paper_report_reference')).toMatchObject({
      length: '200',
      isNullable: true,
    });
    // What the revert dropped is gone: every row reads as a report made in qcycle.
    const rows = await dataSource.getRepository(MeasurementEntity).find();
    expect(rows).toHaveLength(before);
    expect(rows.every((r) => r.paperReportDate === null && r.paperReportReference === null)).toBe(true);
  });
});
