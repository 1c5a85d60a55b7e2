import { QUALITY_CYCLE_WORKFLOW, cycleStateQuery, type QualityCycleResult } from '@qcycle/contracts';
import {
  AssignmentEntity,
  AuditEntity,
  AuditStepEntity,
  CorrectiveActionEntity,
  DecisionEntity,
  EventLogEntryEntity,
  ManagementReviewEntity,
  MeasurementEntity,
  NotificationEntity,
  ObjectiveResultEntity,
  QualityCycleEntity,
  TaskEntity,
} from '@qcycle/persistence';
import { uniqueSuffix } from '@qcycle/testing';
import { recordHistories } from './support/cycle-driver';
import { APPROVE, DELEGATIONS, kontumCycle, octoberAuditPlan } from './support/cycle-fixtures';
import { startTimeSkippingSuite, type TimeSkippingSuite } from './support/time-skipping-suite';

const month = (m: number) => `2024-${String(m).padStart(2, '0')}`;

/**
 * The whole Kon Tum 2024 year on the time-skipping test server, driven as its people would through
 * the API (updates by the assignee's user id), asserted from the database records. The cycle runs
 * as a rehearsal: the 2024 calendar is moved to start at the test server's clock (docs/workflows.md).
 */
describe('the Kon Tum 2024 year on the time-skipping server', () => {
  let suite: TimeSkippingSuite;
  beforeAll(async () => {
    suite = await startTimeSkippingSuite();
  });
  afterAll(() => suite?.close());

  it('runs approval, delegation, twelve months of monitoring, audit with a corrective action, review and close', async () => {
    const org = `kt-${uniqueSuffix()}`;
    const { input, ids, user } = kontumCycle(org, { rehearsal: true });
    const { env, config, dataSource, driver } = suite;
    const handle = await env.client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });

    // Objectives: returned once with comments, revised, approved.
    await driver.complete(`${ids.approval}/approve/1`, user.leader, {
      decision: 'return',
      comments: 'Làm rõ cách đánh giá mục tiêu 4.',
    });
    await driver.complete(`${ids.approval}/revise/1`, user.qr, {
      note: 'Đã làm rõ cách đánh giá mục tiêu 4.',
    });
    await driver.complete(`${ids.approval}/approve/2`, user.leader, {
      ...APPROVE,
      signingDate: '2024-01-05',
    });

    // Assignment: the Chief of Office delegates to two units; the service centre passes objective 4 to its staff.
    await driver.complete(`${ids.assignment}/accept`, user.qr, DELEGATIONS);
    await driver.complete(`${ids.assignment}/unit/vp-tonghop`, user.head('vp-tonghop'), { accepted: true });
    await driver.complete(`${ids.assignment}/unit/vp-ttpvhcc`, user.head('vp-ttpvhcc'), {
      accepted: true,
      staffDelegations: [{ objectiveId: 'obj-4', userId: user.staff('vp-ttpvhcc') }],
    });

    const reportObjective4 = (m: number) =>
      driver.complete(`${ids.monitoring('obj-4')}/measure/${month(m)}`, user.staff('vp-ttpvhcc'), {
        figures: [
          { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
          { indicatorId: 'obj-4-on-time', numerator: 90, denominator: 100 },
        ],
        evidence: [`BC-TTHC-${month(m)}`],
      });
    const reportQuarter = async (q: number) => {
      await driver.complete(`${ids.monitoring('obj-2')}/measure/2024-Q${q}`, user.head('vp-tonghop'), {
        figures: [{ indicatorId: 'obj-2-key-tasks', numerator: 5, denominator: 5 }],
        evidence: [`BC-CTCT-Q${q}`],
      });
      // Objective 3 misses one reform target in the second quarter: at risk, and missed for the year.
      await driver.complete(`${ids.monitoring('obj-3')}/measure/2024-Q${q}`, user.head('vp-tonghop'), {
        figures: [{ indicatorId: 'obj-3-reform-targets', numerator: q === 2 ? 9 : 10, denominator: 10 }],
        evidence: [`BC-CCHC-Q${q}`],
      });
    };

    for (let m = 1; m <= 9; m++) {
      if (m === 5) {
        // May's report comes in only after it was escalated to the unit head: accepted, marked late.
        await driver.task(`${ids.monitoring('obj-4')}/measure/${month(5)}`, {
          until: (t) => t.escalationLevel === 'unit-head',
        });
        const late = await reportObjective4(5);
        expect(late.late).toBe(true);
      } else {
        expect((await reportObjective4(m)).late).toBe(false);
      }
      if (m % 3 === 0) await reportQuarter(m / 3);
      if (m === 6) {
        // At risk after Q2: the Quality Representative gets a follow-up task.
        await driver.complete(`${ids.monitoring('obj-3')}/at-risk/2024-Q2`, user.qr, {
          note: 'Đã đôn đốc Phòng Tổng hợp hoàn thành chỉ tiêu còn lại.',
        });
      }
    }

    // Internal audit in October: plan (no auditor on their own unit), sign-offs, one nonconformity.
    const plan = octoberAuditPlan([user.auditor(0), user.auditor(1)]);
    await driver.complete(`${ids.audit}/plan`, user.auditor(0), plan);
    await driver.complete(`${ids.audit}/step/s1`, user.auditor(0), {
      result: 'conformity',
      evidence: ['Sổ theo dõi nhiệm vụ 2024'],
    });
    await driver.complete(`${ids.audit}/step/s2`, user.auditor(1), {
      result: 'minor-nc',
      evidence: ['Hồ sơ 000.00.24.H34-240812-0007'],
      finding: 'Phiếu kiểm soát quá trình giải quyết hồ sơ không ghi đủ thời điểm chuyển bước.',
    });
    const ca = `${ids.audit}/ca/s2`;
    await driver.complete(`${ca}/plan/1`, user.head('vp-ttpvhcc'), {
      correction: 'Bổ sung thời điểm chuyển bước trên các phiếu còn thiếu.',
      rootCause: 'Mẫu phiếu cũ không có ô ghi thời điểm.',
      action: 'Cập nhật mẫu phiếu, tập huấn công chức một cửa.',
      ownerUserId: user.staff('vp-ttpvhcc'),
      dueDate: '2024-11-15',
    });
    await driver.complete(`${ca}/verify/1`, user.auditor(1), {
      effective: true,
      notes: 'Đã kiểm tra 20 hồ sơ tháng 11, đầy đủ.',
    });
    await driver.complete(`${ids.audit}/close`, user.auditor(0), {
      report: 'Báo cáo đánh giá nội bộ năm 2024: 1 điểm không phù hợp nhẹ, đã khắc phục.',
    });
    // The Quality Representative approves the report: that closes the audit.
    await driver.complete(`${ids.audit}/report/approve/1`, user.qr, { decision: 'approve' });

    await reportObjective4(10);
    await reportObjective4(11);

    // Management review in December, with inputs compiled from the records.
    await driver.complete(`${ids.review}/review`, user.leader, {
      minutesRef: 'BB-XXLĐ-2024',
      outputs: {
        improvementOpportunities: ['Số hóa phiếu kiểm soát'],
        qmsChanges: [],
        resourceNeeds: ['Máy quét tại bộ phận một cửa'],
      },
      actions: [
        { title: 'Số hóa phiếu kiểm soát quá trình', ownerUnitCode: 'vp-ttpvhcc', dueDate: '2025-06-30' },
      ],
    });

    await reportObjective4(12);
    await reportQuarter(4);

    const result: QualityCycleResult = await handle.result();
    const expected = {
      'obj-1': 'achieved',
      'obj-2': 'achieved',
      'obj-3': 'missed',
      'obj-4': 'achieved',
      'obj-5': 'achieved',
    };
    expect(Object.fromEntries(result.objectives.map((o) => [o.objectiveId, o.status]))).toEqual(expected);
    expect((await handle.query(cycleStateQuery)).status).toBe('closed');

    // Everything asserted again from the database records.
    const repo = <T extends object>(entity: new () => T) => dataSource.getRepository<T>(entity);
    const results = await repo(ObjectiveResultEntity).findBy({ cycleId: input.cycleId });
    expect(Object.fromEntries(results.map((r) => [r.objectiveId, r.status]))).toEqual(expected);
    expect(await repo(QualityCycleEntity).findOneBy({ id: input.cycleId })).toMatchObject({
      status: 'closed',
      phase: 'closing',
    });

    const decision = await repo(DecisionEntity).findOneByOrFail({ cycleId: input.cycleId });
    expect(decision).toMatchObject({
      documentNumber: '123/QĐ-UBND',
      signerName: 'Nguyễn Hữu Tháp',
      signedBy: user.leader,
      signingDate: '2024-01-05',
      effectiveDate: '2024-01-05',
      rounds: 2,
    });

    const assignments = await repo(AssignmentEntity).findBy({ cycleId: input.cycleId });
    expect(assignments.map((a) => [a.objectiveId, a.level, a.unitCode, a.assigneeUserId]).sort()).toEqual([
      ['obj-2', 'unit', 'vp-tonghop', user.head('vp-tonghop')],
      ['obj-3', 'unit', 'vp-tonghop', user.head('vp-tonghop')],
      ['obj-4', 'staff', 'vp-ttpvhcc', user.staff('vp-ttpvhcc')],
      ['obj-4', 'unit', 'vp-ttpvhcc', user.head('vp-ttpvhcc')],
    ]);

    // Each report records the status it left the objective in: objective 3 turned at risk with Q2.
    const obj3Q2 = await repo(EventLogEntryEntity).findOneByOrFail({
      id: `${ids.monitoring('obj-3')}/measure/2024-Q2/measured`,
    });
    expect(obj3Q2).toMatchObject({
      type: 'measurement.reported',
      payload: { objectiveId: 'obj-3', periodKey: '2024-Q2', statusBefore: 'on-track', status: 'at-risk' },
    });

    const obj4 = await repo(MeasurementEntity).find({
      where: { cycleId: input.cycleId, objectiveId: 'obj-4' },
      order: { periodKey: 'ASC' },
    });
    expect(obj4).toHaveLength(24);
    expect([...new Set(obj4.map((m) => m.periodKey))]).toEqual(
      Array.from({ length: 12 }, (_, i) => month(i + 1)),
    );
    expect(obj4.filter((m) => m.late).map((m) => m.periodKey)).toEqual(['2024-05', '2024-05']);
    const may = await repo(TaskEntity).findOneByOrFail({ id: `${ids.monitoring('obj-4')}/measure/2024-05` });
    expect(may).toMatchObject({ status: 'completed', late: true, escalationLevel: 'unit-head' });
    const escalations = await repo(EventLogEntryEntity).findBy({
      cycleId: input.cycleId,
      type: 'task.escalated',
    });
    expect(escalations.map((e) => e.id)).toEqual([`${may.id}/escalated/unit-head`]);
    // People were told through the real notification activity: the assignment, the reminder, the escalation.
    const mayNotices = await repo(NotificationEntity).findBy({ taskId: may.id });
    expect(mayNotices.map((n) => [n.reason, n.recipientUserId]).sort()).toEqual([
      ['assigned', user.staff('vp-ttpvhcc')],
      ['escalated', user.head('vp-ttpvhcc')],
      ['reminder', user.staff('vp-ttpvhcc')],
    ]);

    const audit = await repo(AuditEntity).findOneByOrFail({ id: ids.audit });
    expect(audit).toMatchObject({ status: 'closed', leadAuditorUserId: user.auditor(0) });
    expect(
      await repo(EventLogEntryEntity).findOneByOrFail({ id: `${ids.audit}/report-approved` }),
    ).toMatchObject({
      type: 'audit.report-approved',
      actor: user.qr,
      payload: { rounds: 1, submittedBy: user.auditor(0) },
    });
    const steps = await repo(AuditStepEntity).findBy({ auditId: ids.audit });
    expect(steps.map((s) => [s.unitCode, s.auditorUserId, s.result]).sort()).toEqual([
      ['vp-tonghop', user.auditor(0), 'conformity'],
      ['vp-ttpvhcc', user.auditor(1), 'minor-nc'],
    ]);
    expect(await repo(CorrectiveActionEntity).findBy({ cycleId: input.cycleId })).toEqual([
      expect.objectContaining({
        id: ca,
        status: 'closed',
        effective: true,
        verifiedBy: user.auditor(1),
        ownerUserId: user.staff('vp-ttpvhcc'),
        rounds: 1,
      }),
    ]);
    const review = await repo(ManagementReviewEntity).findOneByOrFail({ id: ids.review });
    expect(review).toMatchObject({ status: 'held', minutesRef: 'BB-XXLĐ-2024', chairedBy: user.leader });
    expect(Object.keys(review.inputs)).toEqual(
      expect.arrayContaining([
        'previousActions',
        'objectives',
        'auditResults',
        'nonconformitiesAndCorrectiveActions',
        'monitoringResults',
      ]),
    );
    expect(review.inputs).toMatchObject({
      nonconformitiesAndCorrectiveActions: { total: 1, closed: 1, open: 0 },
    });

    // Nothing left open; every task completed once.
    const tasks = await repo(TaskEntity).findBy({ cycleId: input.cycleId });
    expect(tasks.filter((t) => t.status === 'open')).toEqual([]);
    const completedEvents = await repo(EventLogEntryEntity).countBy({
      cycleId: input.cycleId,
      type: 'task.completed',
    });
    expect(completedEvents).toBe(tasks.filter((t) => t.status === 'completed').length);

    await recordHistories(env.client, 'kontum-2024-year', [
      ids.workflowId,
      ids.approval,
      ids.assignment,
      ids.monitoring('obj-2'),
      ids.monitoring('obj-3'),
      ids.monitoring('obj-4'),
      ids.audit,
      ca,
      ids.review,
    ]);
  });
});
