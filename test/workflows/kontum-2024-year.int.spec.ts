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
import { activitiesStillOut, uniqueSuffix } from '@qcycle/testing';
import { recordHistories } from './support/cycle-driver';
import { kontumCycle } from './support/cycle-fixtures';
import { kontumYearSteps, month } from './support/kontum-year';
import { startTimeSkippingSuite, type TimeSkippingSuite } from './support/time-skipping-suite';

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
    const cycle = kontumCycle(org, { rehearsal: true });
    const { input, ids, user } = cycle;
    const { env, config, dataSource, driver } = suite;
    const handle = await env.client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });

    const year = kontumYearSteps(driver, cycle);
    // Objectives: returned once with comments, revised, approved.
    await year.approveAfterOneReturn();
    // Assignment: the Chief of Office delegates to two units; the service centre passes objective 4 to its staff.
    await year.assign();

    for (let m = 1; m <= 9; m++) {
      if (m === 5) {
        // May's report comes in only after it was escalated to the unit head: accepted, marked late.
        await year.untilMayEscalated();
        expect((await year.reportObjective4(5)).late).toBe(true);
      } else {
        expect((await year.reportObjective4(m)).late).toBe(false);
      }
      if (m % 3 === 0) await year.reportQuarter(m / 3);
      // At risk after Q2: the Quality Representative gets a follow-up task.
      if (m === 6) await year.followUpObjective3();
    }

    // Internal audit in October: plan (no auditor on their own unit), sign-offs, one nonconformity,
    // the report approved by the Quality Representative.
    await year.holdAudit();
    const ca = year.correctiveAction;
    await year.reportObjective4(10);
    await year.reportObjective4(11);
    // Management review in December, with inputs compiled from the records.
    await year.holdReview();
    await year.reportObjective4(12);
    await year.reportQuarter(4);

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
    // The year's tasks by unit, up to the review: the units whose objectives were reported, the
    // tasks of no unit last, adding up to the year's figures.
    const byUnit = review.inputs.processPerformanceByUnit as {
      unitCode: string | null;
      tasksCompleted: number;
    }[];
    expect(byUnit.map((unit) => unit.unitCode)).toEqual(expect.arrayContaining(['vp-ttpvhcc', 'vp-tonghop']));
    expect(byUnit.at(-1)?.unitCode).toBeNull();
    expect(byUnit.reduce((sum, unit) => sum + unit.tasksCompleted, 0)).toBe(
      (review.inputs.processPerformance as { tasksCompleted: number }).tasksCompleted,
    );

    // Nothing left open; every task completed once.
    const tasks = await repo(TaskEntity).findBy({ cycleId: input.cycleId });
    expect(tasks.filter((t) => t.status === 'open')).toEqual([]);
    const completedEvents = await repo(EventLogEntryEntity).countBy({
      cycleId: input.cycleId,
      type: 'task.completed',
    });
    expect(completedEvents).toBe(tasks.filter((t) => t.status === 'completed').length);

    // Every workflow of the year ended after its last activity: no task's notice left out (a task's
    // end does not wait for it; its workflow's end does).
    const workflowIds = [
      ids.workflowId,
      ids.approval,
      ids.assignment,
      ids.monitoring('obj-2'),
      ids.monitoring('obj-3'),
      ids.monitoring('obj-4'),
      ids.audit,
      ca,
      ids.review,
    ];
    for (const workflowId of workflowIds) {
      const { events } = await env.client.workflow.getHandle(workflowId).fetchHistory();
      expect({ workflowId, stillOut: activitiesStillOut(events ?? []) }).toEqual({
        workflowId,
        stillOut: [],
      });
    }

    await recordHistories(env.client, 'kontum-2024-year', workflowIds);
  });
});
