import type { DataSource } from 'typeorm';
import { defaultCycleCalendar, KONTUM_2024_TEMPLATE, vnLocalToInstant } from '@qcycle/domain';
import {
  AuditEntity,
  AuditStepEntity,
  CorrectiveActionEntity,
  ManagementReviewEntity,
  MeasurementEntity,
  migrateUp,
  ObjectiveResultEntity,
  openDataSource,
  QualityCycleEntity,
  TaskEntity,
} from '@qcycle/persistence';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '@qcycle/testing';
import { QualityRecordActivities } from './quality-records.activities';

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('management review inputs on %s', (kind) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let records: QualityRecordActivities;
  const actions = [
    { title: 'Số hóa hồ sơ ISO của Văn phòng', ownerUnitCode: 'vp-hanhchinh-tochuc', dueDate: '2024-06-30' },
  ];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dataSource = await openDataSource(database.config);
    await migrateUp(dataSource);
    records = new QualityRecordActivities(dataSource);
    // Kon Tum's 2023 review, held: its actions and its opportunities for improvement (ISO 9.3.3 a).
    await dataSource.getRepository(ManagementReviewEntity).insert({
      id: 'quality-cycle/kontum/2023/review',
      cycleId: 'kontum-2023',
      inputs: {},
      outputs: {
        improvementOpportunities: ['Số hóa sổ theo dõi hồ sơ đất đai', '  '],
        qmsChanges: ['Bổ sung quy trình tiếp nhận phản ánh'],
        resourceNeeds: [],
      },
      actions,
      minutesRef: 'BB-01/2023',
      chairedBy: 'leader',
      heldAt: '2023-12-15T03:00:00.000Z',
      status: 'held',
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it("carry last year's review actions into this year's inputs (ISO 9.3.2 a)", async () => {
    const inputs = await records.compileReviewInputs({ cycleId: 'kontum-2024' });
    expect(inputs.previousActions).toEqual({ status: 'carried-over', items: actions });

    const firstYear = await records.compileReviewInputs({ cycleId: 'daklak-2024' });
    expect(firstYear.previousActions).toEqual({ status: 'none', items: [] });
    expect(firstYear.improvementOpportunities).toEqual([]);
  });

  it("list last year's review's opportunities for improvement and this year's audit observations (ISO 9.3.2 f)", async () => {
    const step = (id: string, result: string, notes: string) => ({
      id: `quality-cycle/kontum/2024/audit/step/${id}`,
      auditId: 'quality-cycle/kontum/2024/audit',
      cycleId: 'kontum-2024',
      unitCode: 'vp-ttpvhcc',
      process: 'Tiếp nhận, trả kết quả hồ sơ TTHC',
      clause: '8.5.1',
      auditorUserId: 'auditor',
      result,
      evidence: null,
      notes,
      finding: null,
      signedOffAt: '2024-10-10T03:00:00.000Z',
    });
    await dataSource
      .getRepository(AuditStepEntity)
      .insert([
        step('s1', 'conformity', 'Đúng quy trình'),
        step('s2', 'observation', 'Nên niêm yết thời hạn trả kết quả tại quầy'),
      ]);

    const inputs = await records.compileReviewInputs({ cycleId: 'kontum-2024' });
    expect(inputs.improvementOpportunities).toEqual([
      'Họp xem xét của lãnh đạo năm 2023: Số hóa sổ theo dõi hồ sơ đất đai',
      'Đánh giá nội bộ, Tiếp nhận, trả kết quả hồ sơ TTHC (8.5.1): Nên niêm yết thời hạn trả kết quả tại quầy',
    ]);
  });

  it("give each objective's results of the earlier years, real ones only, for the trend (ISO 9.3.2 c)", async () => {
    // Objective 4 as 2023 and 2021 closed it; 2022 was a rehearsal in this organisation's slot.
    const onTime = (percent: number, status: 'achieved' | 'missed') => ({
      indicatorId: 'obj-4-on-time',
      status,
      final: true,
      value: { kind: 'ratio', numerator: percent * 10, denominator: 1000, percent },
      periodsDue: 12,
      periodsReported: 12,
      periodsMissing: 0,
      lateReports: 0,
      reasons: status === 'achieved' ? [] : ['target-not-met'],
    });
    const closed = (year: number, percent: number, status: 'achieved' | 'missed') => ({
      id: `kontum-${year}/obj-4`,
      cycleId: `kontum-${year}`,
      objectiveId: 'obj-4',
      status,
      indicators: [onTime(percent, status)],
      computedAt: `${year}-12-31T10:00:00.000Z`,
    });
    await dataSource
      .getRepository(ObjectiveResultEntity)
      .insert([closed(2023, 78, 'missed'), closed(2022, 99, 'achieved'), closed(2021, 95, 'achieved')]);
    await dataSource.getRepository(QualityCycleEntity).insert({
      id: 'kontum-2022',
      workflowId: 'quality-cycle/kontum/2022',
      organisationCode: 'kontum',
      year: 2022,
      status: 'cancelled',
      phase: 'monitoring',
      startedBy: 'qmr',
      startedAt: '2022-01-03T01:00:00.000Z',
      updatedAt: '2022-03-01T01:00:00.000Z',
      rehearsal: true,
    });
    const calendar = defaultCycleCalendar(2024);
    const inputs = await records.compileReviewInputs({
      cycleId: 'kontum-2024',
      objectives: KONTUM_2024_TEMPLATE.objectives,
      calendar,
      asOf: vnLocalToInstant(calendar.managementReviewDate, '08:00'),
    });
    const results = inputs.objectiveResults ?? [];
    expect(results.find((r) => r.objectiveId === 'obj-4')?.earlierYears).toEqual([
      {
        year: 2023,
        result: 'not-achieved',
        indicators: [{ indicatorId: 'obj-4-on-time', value: onTime(78, 'missed').value }],
      },
      {
        year: 2021,
        result: 'achieved',
        indicators: [{ indicatorId: 'obj-4-on-time', value: onTime(95, 'achieved').value }],
      },
    ]);
    // An objective no earlier year closed has no trend to show.
    expect(results.find((r) => r.objectiveId === 'obj-2')).not.toHaveProperty('earlierYears');
  });

  it('give process performance, nonconformities and audit results with the earlier years that closed, for their trend (ISO 9.3.2 c 3, 4, 6)', async () => {
    const cycle = (year: number, status: 'closed', rehearsal: boolean | null) => ({
      id: `kontum-${year}`,
      workflowId: `quality-cycle/kontum/${year}`,
      organisationCode: 'kontum',
      year,
      status,
      phase: 'closing' as const,
      startedBy: 'qmr',
      startedAt: `${year}-01-03T01:00:00.000Z`,
      updatedAt: `${year + 1}-01-20T01:00:00.000Z`,
      rehearsal,
    });
    // 2023 closed for real; 2021 closed on code from before rehearsals were recorded (null: real);
    // 2022 is the cancelled rehearsal of the test above.
    await dataSource
      .getRepository(QualityCycleEntity)
      .insert([cycle(2023, 'closed', false), cycle(2021, 'closed', null)]);
    const task = (
      year: number,
      n: number,
      fields: { late?: boolean; escalated?: boolean; open?: boolean } = {},
    ) => ({
      id: `quality-cycle/kontum/${year}/task/${n}`,
      cycleId: `kontum-${year}`,
      workflowId: `quality-cycle/kontum/${year}`,
      kind: 'measurement-report',
      title: { vi: 'Báo cáo', en: 'Report' },
      assigneeUserId: 'staff',
      delegateUserIds: [],
      status: fields.open ? 'open' : 'completed',
      openedAt: `${year}-02-01T01:00:00.000Z`,
      late: fields.late ?? false,
      escalationLevel: fields.escalated ? 'unit-head' : 'none',
    });
    await dataSource.getRepository(TaskEntity).insert([
      task(2023, 1),
      task(2023, 2, { late: true, escalated: true }),
      // Late as entered, but reported on paper in time: not late.
      task(2023, 3, { late: true }),
      task(2023, 4, { open: true, escalated: true }),
      task(2021, 1, { late: true }),
      task(2022, 1),
    ]);
    await dataSource.getRepository(MeasurementEntity).insert({
      id: 'kontum-2023/obj-4/obj-4-on-time/2023-01',
      cycleId: 'kontum-2023',
      objectiveId: 'obj-4',
      indicatorId: 'obj-4-on-time',
      periodKey: '2023-01',
      kind: 'ratio',
      numerator: 98,
      denominator: 100,
      evidence: [],
      reportedBy: 'staff',
      reportedAt: '2023-06-01T01:00:00.000Z',
      late: false,
      taskId: 'quality-cycle/kontum/2023/task/3',
      paperReportDate: '2023-02-06',
      paperReportReference: 'BC-05/2023',
    });
    const action = (n: number, status: string) => ({
      id: `quality-cycle/kontum/2023/audit/ca/${n}`,
      cycleId: 'kontum-2023',
      auditId: 'quality-cycle/kontum/2023/audit',
      stepId: `quality-cycle/kontum/2023/audit/step/s${n}`,
      severity: 'minor-nc',
      unitCode: 'vp-ttpvhcc',
      finding: 'Hồ sơ trả muộn không có phiếu xin lỗi',
      status,
      rounds: 1,
      openedAt: '2023-10-10T03:00:00.000Z',
    });
    await dataSource.getRepository(CorrectiveActionEntity).insert([action(1, 'closed'), action(2, 'open')]);
    await dataSource.getRepository(AuditEntity).insert({
      id: 'quality-cycle/kontum/2023/audit',
      cycleId: 'kontum-2023',
      leadAuditorUserId: 'auditor',
      status: 'closed',
    });
    const step = (n: number, result: string) => ({
      id: `quality-cycle/kontum/2023/audit/step/s${n}`,
      auditId: 'quality-cycle/kontum/2023/audit',
      cycleId: 'kontum-2023',
      unitCode: 'vp-ttpvhcc',
      process: 'Tiếp nhận, trả kết quả hồ sơ TTHC',
      clause: '8.5.1',
      auditorUserId: 'auditor',
      result,
      signedOffAt: '2023-10-10T03:00:00.000Z',
    });
    await dataSource
      .getRepository(AuditStepEntity)
      .insert([step(1, 'minor-nc'), step(2, 'minor-nc'), step(3, 'conformity')]);

    const inputs = await records.compileReviewInputs({ cycleId: 'kontum-2024' });
    expect(inputs.processPerformance.earlierYears).toEqual([
      { year: 2023, tasksCompleted: 3, tasksCompletedLate: 1, tasksEscalated: 2 },
      { year: 2021, tasksCompleted: 1, tasksCompletedLate: 1, tasksEscalated: 0 },
    ]);
    expect(inputs.nonconformitiesAndCorrectiveActions.earlierYears).toEqual([
      { year: 2023, total: 2, closed: 1, open: 1 },
      { year: 2021, total: 0, closed: 0, open: 0 },
    ]);
    expect(inputs.auditResults.earlierYears).toEqual([
      {
        year: 2023,
        audits: 1,
        closed: 1,
        steps: expect.arrayContaining([
          { result: 'minor-nc', count: 2 },
          { result: 'conformity', count: 1 },
        ]),
      },
      { year: 2021, audits: 0, closed: 0, steps: [] },
    ]);
    // This year's own figures are as before: 2024's two audit steps of the test above.
    expect(inputs.auditResults).toMatchObject({
      audits: 0,
      steps: expect.arrayContaining([{ result: 'observation', count: 1 }]),
    });

    // An organisation with no earlier year in qcycle has no trend to show.
    const firstYear = await records.compileReviewInputs({ cycleId: 'daklak-2024' });
    expect(firstYear.processPerformance).not.toHaveProperty('earlierYears');
    expect(firstYear.auditResults).not.toHaveProperty('earlierYears');
  });

  it("say by unit where this year's tasks were late, escalated or urged (ISO 9.3.2 c 3)", async () => {
    const task = (
      n: number,
      unitCode: string | null,
      status: string,
      fields: { late?: boolean; escalated?: boolean; urgedAt?: string } = {},
    ) => ({
      id: `quality-cycle/kontum/2024/task/${n}`,
      cycleId: 'kontum-2024',
      workflowId: 'quality-cycle/kontum/2024',
      kind: 'measurement-report',
      title: { vi: 'Báo cáo', en: 'Report' },
      assigneeUserId: 'staff',
      delegateUserIds: [],
      unitCode,
      status,
      openedAt: '2024-02-01T01:00:00.000Z',
      late: fields.late ?? false,
      escalationLevel: fields.escalated ? 'unit-head' : 'none',
      urgedAt: fields.urgedAt ?? null,
    });
    await dataSource.getRepository(TaskEntity).insert([
      task(1, 'vp-ttpvhcc', 'completed', {
        late: true,
        escalated: true,
        urgedAt: '2024-02-09T02:00:00.000Z',
      }),
      task(2, 'vp-ttpvhcc', 'completed'),
      task(3, 'vp-ttpvhcc', 'open', { urgedAt: '2024-03-09T02:00:00.000Z' }),
      // Entered late from a paper report made on time: on time.
      task(4, 'vp-tonghop', 'completed', { late: true }),
      task(5, 'vp-tonghop', 'cancelled'),
      task(6, null, 'completed', { late: true }),
    ]);
    await dataSource.getRepository(MeasurementEntity).insert({
      id: 'kontum-2024/obj-2/obj-2-directed/2024-q1',
      cycleId: 'kontum-2024',
      objectiveId: 'obj-2',
      indicatorId: 'obj-2-directed',
      periodKey: '2024-q1',
      kind: 'ratio',
      numerator: 10,
      denominator: 10,
      evidence: [],
      reportedBy: 'staff',
      reportedAt: '2024-05-01T01:00:00.000Z',
      late: false,
      taskId: 'quality-cycle/kontum/2024/task/4',
      paperReportDate: '2024-04-05',
      paperReportReference: 'BC-02/2024',
    });

    const inputs = await records.compileReviewInputs({ cycleId: 'kontum-2024' });
    const figures = { tasksEscalated: 0, tasksUrged: 0 };
    expect(inputs.processPerformanceByUnit).toEqual([
      { unitCode: 'vp-tonghop', tasksGiven: 1, tasksCompleted: 1, tasksCompletedLate: 0, ...figures },
      {
        unitCode: 'vp-ttpvhcc',
        tasksGiven: 3,
        tasksCompleted: 2,
        tasksCompletedLate: 1,
        tasksEscalated: 1,
        tasksUrged: 2,
      },
      { unitCode: null, tasksGiven: 1, tasksCompleted: 1, tasksCompletedLate: 1, ...figures },
    ]);
    expect(inputs.processPerformance).toMatchObject({
      tasksCompleted: 4,
      tasksCompletedLate: 2,
      tasksEscalated: 1,
    });
  });
});
