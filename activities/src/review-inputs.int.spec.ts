import type { DataSource } from 'typeorm';
import { defaultCycleCalendar, KONTUM_2024_TEMPLATE, vnLocalToInstant } from '@qcycle/domain';
import {
  AuditStepEntity,
  ManagementReviewEntity,
  migrateUp,
  ObjectiveResultEntity,
  openDataSource,
  QualityCycleEntity,
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
});
