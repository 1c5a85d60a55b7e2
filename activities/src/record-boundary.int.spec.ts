import type { DataSource } from 'typeorm';
import {
  AuditEntity,
  AuditStepEntity,
  CorrectiveActionEntity,
  DecisionEntity,
  EventLogEntryEntity,
  ManagementReviewEntity,
  MeasurementEntity,
  ObjectiveResultEntity,
  QualityCycleEntity,
  TaskEntity,
  migrateUp,
  openDataSource,
} from '@qcycle/persistence';
import { createTestDatabase, type TestDatabaseKind } from '@qcycle/testing';
import { payloadOf, type ApprovedDecision } from '@qcycle/contracts';
import type { ObjectiveEvaluation } from '@qcycle/domain';
import { CycleRecordActivities } from './cycle-record.activities';
import { QualityRecordActivities } from './quality-records.activities';

/*
 * The record boundary (issue #9): the workflows hand the record activities domain facts; the
 * activities build the rows, the event ids and the typed event payloads. A retried activity (same
 * facts) writes nothing twice, and an activity task scheduled by older workflow code, with rows
 * and a ready-made event, is still recorded.
 */
const CYCLE = 'kontum-2024';
const CYCLE_WORKFLOW = 'quality-cycle/kontum/2024';

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('the record boundary on %s', (kind) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let records: QualityRecordActivities;
  let cycleRecords: CycleRecordActivities;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dataSource = await openDataSource(database.config);
    await migrateUp(dataSource);
    records = new QualityRecordActivities(dataSource);
    cycleRecords = new CycleRecordActivities(dataSource);
    await cycleRecords.recordCycleStarted({
      cycleId: CYCLE,
      workflowId: CYCLE_WORKFLOW,
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

  const eventById = (id: string) => dataSource.getRepository(EventLogEntryEntity).findOneByOrFail({ id });
  const eventsLike = (prefix: string) =>
    dataSource
      .getRepository(EventLogEntryEntity)
      .createQueryBuilder('e')
      .where('e.id LIKE :prefix', { prefix: `${prefix}%` })
      .getCount();

  it('a decision: the record and `objectives.approved` from the approved decision, once', async () => {
    const decision: ApprovedDecision = {
      documentNumber: '123/QĐ-UBND',
      signerName: 'Nguyễn Văn A',
      signerTitle: 'PHÓ CHỦ TỊCH',
      signedBy: 'leader',
      signingDate: '2024-01-10',
      effectiveDate: '2024-01-10',
      rounds: 2,
      objectives: [],
    };
    const facts = {
      cycleId: CYCLE,
      organisationCode: 'kontum',
      year: 2024,
      approvalId: `${CYCLE_WORKFLOW}/approval`,
      decision,
      approvedBy: 'leader',
      approvedAt: '2024-01-10T02:00:00.000Z',
    };
    await records.recordDecision(facts);
    await records.recordDecision(facts); // the retry after a lost answer

    const row = await dataSource.getRepository(DecisionEntity).findOneByOrFail({ id: facts.approvalId });
    expect(row).toMatchObject({
      cycleId: CYCLE,
      organisationCode: 'kontum',
      year: 2024,
      documentNumber: '123/QĐ-UBND',
      signerName: 'Nguyễn Văn A',
      signedBy: 'leader',
      signingDate: '2024-01-10',
      rounds: 2,
      recordedAt: '2024-01-10T02:00:00.000Z',
    });
    const event = await eventById(`${facts.approvalId}/decision`);
    expect(event).toMatchObject({
      type: 'objectives.approved',
      actor: 'leader',
      occurredAt: facts.approvedAt,
    });
    expect(payloadOf(event, 'objectives.approved')).toEqual({
      documentNumber: '123/QĐ-UBND',
      signingDate: '2024-01-10',
      rounds: 2,
    });
    expect(await dataSource.getRepository(DecisionEntity).countBy({ cycleId: CYCLE })).toBe(1);
    expect(await eventsLike(`${facts.approvalId}/decision`)).toBe(1);
  });

  it("a period's report: one row per indicator and `measurement.reported` with the status change, once", async () => {
    const taskId = `${CYCLE_WORKFLOW}/monitoring/obj-4/measure/2024-03`;
    const reportedAt = '2024-04-03T03:00:00.000Z';
    const facts = {
      cycleId: CYCLE,
      objectiveId: 'obj-4',
      periodKey: '2024-03',
      taskId,
      measurements: [
        {
          kind: 'ratio' as const,
          indicatorId: 'obj-4-process',
          periodKey: '2024-03',
          numerator: 120,
          denominator: 120,
          evidence: ['BC-03/2024'],
          reportedAt,
          reportedBy: 'staff',
          late: true,
        },
        {
          kind: 'ratio' as const,
          indicatorId: 'obj-4-on-time',
          periodKey: '2024-03',
          numerator: 90,
          denominator: 120,
          evidence: ['BC-03/2024'],
          reportedAt,
          reportedBy: 'staff',
          late: true,
        },
      ],
      reportedBy: 'staff',
      reportedAt,
      late: true,
      statusChange: { statusBefore: 'on-track' as const, status: 'at-risk' as const },
    };
    await records.recordMeasurements(facts);
    await records.recordMeasurements(facts);

    const rows = await dataSource
      .getRepository(MeasurementEntity)
      .find({ where: { taskId }, order: { indicatorId: 'ASC' } });
    expect(
      rows.map((r) => [r.id, r.kind, r.numerator, r.denominator, r.value, r.late, r.reportedBy]),
    ).toEqual([
      [`${taskId}/obj-4-on-time`, 'ratio', 90, 120, null, true, 'staff'],
      [`${taskId}/obj-4-process`, 'ratio', 120, 120, null, true, 'staff'],
    ]);
    expect(rows[0]).toMatchObject({
      cycleId: CYCLE,
      objectiveId: 'obj-4',
      periodKey: '2024-03',
      evidence: ['BC-03/2024'],
    });
    const event = await eventById(`${taskId}/measured`);
    expect(event).toMatchObject({ type: 'measurement.reported', actor: 'staff', occurredAt: reportedAt });
    expect(payloadOf(event, 'measurement.reported')).toEqual({
      objectiveId: 'obj-4',
      periodKey: '2024-03',
      late: true,
      statusBefore: 'on-track',
      status: 'at-risk',
    });
    expect(await eventsLike(`${taskId}/measured`)).toBe(1);
  });

  it('a corrective action, step by step: each retried step changes nothing its first attempt wrote', async () => {
    const auditId = `${CYCLE_WORKFLOW}/audit`;
    const id = `${auditId}/ca/s2`;
    const opened = {
      step: 'opened' as const,
      cycleId: CYCLE,
      correctiveActionId: id,
      auditId,
      stepId: 's2',
      severity: 'minor-nc' as const,
      unitCode: 'vp-tonghop',
      finding: 'Hồ sơ không lưu đủ 5 năm',
      raisedBy: 'auditor-1',
      at: '2024-10-10T03:00:00.000Z',
    };
    const planned = {
      step: 'planned' as const,
      cycleId: CYCLE,
      correctiveActionId: id,
      round: 1,
      plan: {
        correction: 'Bổ sung hồ sơ',
        rootCause: 'Chưa có quy định lưu trữ',
        action: 'Ban hành quy định lưu trữ',
        ownerUserId: 'head-tonghop',
        dueDate: '2024-11-15',
      },
      plannedBy: 'head-tonghop',
      at: '2024-10-20T03:00:00.000Z',
    };
    const verified = {
      step: 'verified' as const,
      cycleId: CYCLE,
      correctiveActionId: id,
      round: 1,
      verification: { effective: false, notes: 'Chưa áp dụng ở bộ phận một cửa' },
      verifiedBy: 'auditor-1',
      at: '2024-11-20T03:00:00.000Z',
    };
    for (const facts of [opened, opened, planned, planned, verified, verified]) {
      await records.recordCorrectiveAction(facts);
    }

    const row = await dataSource.getRepository(CorrectiveActionEntity).findOneByOrFail({ id });
    expect(row).toMatchObject({
      cycleId: CYCLE,
      auditId,
      stepId: `${auditId}/step/s2`,
      severity: 'minor-nc',
      finding: 'Hồ sơ không lưu đủ 5 năm',
      action: 'Ban hành quy định lưu trữ',
      ownerUserId: 'head-tonghop',
      dueDate: '2024-11-15',
      status: 'open',
      rounds: 1,
      effective: false,
      verifiedBy: 'auditor-1',
      openedAt: opened.at,
    });
    expect(payloadOf(await eventById(`${id}/opened`), 'corrective-action.opened')).toEqual({
      severity: 'minor-nc',
      unitCode: 'vp-tonghop',
    });
    expect(payloadOf(await eventById(`${id}/planned/1`), 'corrective-action.planned')).toEqual({
      round: 1,
      dueDate: '2024-11-15',
    });
    const reopened = await eventById(`${id}/verified/1`);
    expect(reopened.type).toBe('corrective-action.reopened');
    expect(payloadOf(reopened, 'corrective-action.reopened')).toEqual({
      round: 1,
      effective: false,
      notes: 'Chưa áp dụng ở bộ phận một cửa',
    });
    expect(await eventsLike(id)).toBe(3);
  });

  it('a corrective action carried forward at the close awaiting verification keeps its plan, once', async () => {
    const id = `${CYCLE_WORKFLOW}/audit/ca/s3`;
    const steps = [
      {
        step: 'opened' as const,
        cycleId: CYCLE,
        correctiveActionId: id,
        auditId: `${CYCLE_WORKFLOW}/audit`,
        stepId: 's3',
        severity: 'minor-nc' as const,
        unitCode: 'vp-tonghop',
        finding: 'Sổ theo dõi chưa cập nhật',
        raisedBy: 'auditor-1',
        at: '2024-10-10T03:00:00.000Z',
      },
      {
        step: 'planned' as const,
        cycleId: CYCLE,
        correctiveActionId: id,
        round: 1,
        plan: {
          correction: 'Cập nhật sổ',
          rootCause: 'Chưa phân công người cập nhật',
          action: 'Phân công người cập nhật hằng tuần',
          ownerUserId: 'head-tonghop',
          dueDate: '2025-01-15',
        },
        plannedBy: 'head-tonghop',
        at: '2024-10-20T03:00:00.000Z',
      },
      {
        step: 'carried-forward' as const,
        cycleId: CYCLE,
        correctiveActionId: id,
        round: 1,
        waitingFor: 'verification' as const,
        at: '2024-12-31T10:00:00.000Z',
      },
    ];
    for (const facts of [...steps, steps[2]]) await records.recordCorrectiveAction(facts);

    // Still being carried out (printed "Đang khắc phục"), not back to newly recorded.
    expect(await dataSource.getRepository(CorrectiveActionEntity).findOneByOrFail({ id })).toMatchObject({
      status: 'planned',
      action: 'Phân công người cập nhật hằng tuần',
      dueDate: '2025-01-15',
      rounds: 1,
      effective: null,
    });
    expect(payloadOf(await eventById(`${id}/carried-forward`), 'corrective-action.carried-forward')).toEqual({
      round: 1,
      waitingFor: 'verification',
    });
    expect(await eventsLike(id)).toBe(3);
  });

  it("next year continues that action: its own record naming last year's, once, and the review's inputs say where it stands", async () => {
    const lastYears = `${CYCLE_WORKFLOW}/audit/ca/s3`; // carried forward awaiting verification, above
    const id = 'quality-cycle/kontum/2025/nonconformity/1';
    const facts = {
      step: 'carried-in' as const,
      cycleId: 'kontum-2025',
      correctiveActionId: id,
      carriedFrom: lastYears,
      source: 'audit-finding' as const,
      severity: 'minor-nc' as const,
      unitCode: 'vp-tonghop',
      description: 'Sổ theo dõi chưa cập nhật',
      raisedBy: 'auditor-1',
      verifierUserId: 'auditor-1',
      plan: {
        correction: 'Cập nhật sổ',
        rootCause: 'Chưa phân công người cập nhật',
        action: 'Phân công người cập nhật hằng tuần',
        ownerUserId: 'head-tonghop',
        dueDate: '2025-01-15',
      },
      at: '2025-01-02T01:00:00.000Z',
    };
    await records.recordCorrectiveAction(facts);
    await records.recordCorrectiveAction(facts);

    // No audit of this year: its audit and step stay empty; the plan awaits verification.
    expect(await dataSource.getRepository(CorrectiveActionEntity).findOneByOrFail({ id })).toMatchObject({
      cycleId: 'kontum-2025',
      carriedFromId: lastYears,
      auditId: '',
      stepId: '',
      source: 'audit-finding',
      status: 'planned',
      action: 'Phân công người cập nhật hằng tuần',
      verifierUserId: 'auditor-1',
      rounds: 1,
    });
    expect(payloadOf(await eventById(`${id}/carried-in`), 'corrective-action.carried-in')).toEqual({
      carriedFrom: lastYears,
      source: 'audit-finding',
      severity: 'minor-nc',
      unitCode: 'vp-tonghop',
      verifierUserId: 'auditor-1',
      waitingFor: 'verification',
    });
    expect(await eventsLike(id)).toBe(1);
    // Last year's record is not touched: it still says how it stood at its close.
    expect(
      await dataSource.getRepository(CorrectiveActionEntity).findOneByOrFail({ id: lastYears }),
    ).toMatchObject({ cycleId: CYCLE, status: 'planned', carriedFromId: null });

    const inputs = await records.compileReviewInputs({ cycleId: 'kontum-2025' });
    const continued = Object.fromEntries(
      inputs.previousCorrectiveActions.items.map((a) => [a.correctiveActionId, a.continuedAs]),
    );
    // The other open action of 2024 (above) was not continued.
    expect(continued).toEqual({
      [`${CYCLE_WORKFLOW}/audit/ca/s2`]: undefined,
      [lastYears]: { correctiveActionId: id, status: 'planned' },
    });
  });

  it("an audit step signed off updates the planned step's record, once", async () => {
    const auditId = `${CYCLE_WORKFLOW}/audit`;
    const step = {
      id: 's1',
      unitCode: 'vp-hcth',
      process: 'Tiếp nhận hồ sơ',
      clause: '8.5.1',
      auditorUserId: 'auditor-2',
    };
    const planned = {
      step: 'planned' as const,
      cycleId: CYCLE,
      auditId,
      steps: [step],
      plannedBy: 'lead',
      at: '2024-10-02T03:00:00.000Z',
    };
    const signedOff = {
      step: 'signed-off' as const,
      cycleId: CYCLE,
      auditId,
      stepId: 's1',
      outcome: { result: 'conformity' as const, evidence: ['PV-01'] },
      signedOffBy: 'auditor-2',
      at: '2024-10-08T03:00:00.000Z',
    };
    for (const facts of [planned, signedOff, planned, signedOff]) await records.recordAuditSteps(facts);

    const row = await dataSource.getRepository(AuditStepEntity).findOneByOrFail({ id: `${auditId}/step/s1` });
    expect(row).toMatchObject({
      auditId,
      cycleId: CYCLE,
      process: 'Tiếp nhận hồ sơ',
      auditorUserId: 'auditor-2',
      result: 'conformity',
      evidence: ['PV-01'],
      notes: null,
      finding: null,
      signedOffAt: signedOff.at,
    });
    const event = await eventById(`${auditId}/step/s1/signed-off`);
    expect(payloadOf(event, 'audit.step-signed-off')).toEqual({ result: 'conformity' });
    expect(payloadOf(await eventById(`${auditId}/steps`), 'audit.steps-planned')).toEqual({});
  });

  it("the review held: the 9.3.3 outputs with the 9.3.1 conclusion and the leader's judgement of objective 1", async () => {
    const reviewId = `${CYCLE_WORKFLOW}/review`;
    await records.recordManagementReview({
      step: 'inputs-compiled',
      cycleId: CYCLE,
      reviewId,
      inputs: { changesInIssues: 'none' },
      at: '2024-12-16T01:00:00.000Z',
    });
    const held = {
      step: 'held' as const,
      cycleId: CYCLE,
      reviewId,
      outcome: {
        minutesRef: 'BB-12/2024',
        outputs: { improvementOpportunities: ['Số hóa hồ sơ'], qmsChanges: [], resourceNeeds: [] },
        actions: [{ title: 'Số hóa hồ sơ', ownerUnitCode: 'vp-hcth', dueDate: '2025-06-30' }],
        qmsJudgement: { achieved: true, notes: 'Đã đánh giá nội bộ và họp xem xét' },
        conclusion: { suitable: true, adequate: true, effective: true },
      },
      chairedBy: 'leader',
      heldAt: '2024-12-16T03:00:00.000Z',
    };
    await records.recordManagementReview(held);
    await records.recordManagementReview(held);

    const row = await dataSource.getRepository(ManagementReviewEntity).findOneByOrFail({ id: reviewId });
    expect(row).toMatchObject({
      cycleId: CYCLE,
      status: 'held',
      inputs: { changesInIssues: 'none' },
      minutesRef: 'BB-12/2024',
      chairedBy: 'leader',
      actions: held.outcome.actions,
      outputs: {
        improvementOpportunities: ['Số hóa hồ sơ'],
        qmsChanges: [],
        resourceNeeds: [],
        conclusion: { suitable: true, adequate: true, effective: true },
        qmsJudgement: { achieved: true, notes: 'Đã đánh giá nội bộ và họp xem xét', judgedBy: 'leader' },
      },
    });
    expect(payloadOf(await eventById(`${reviewId}/held`), 'review.held')).toEqual({
      minutesRef: 'BB-12/2024',
      actions: 1,
      qmsJudgement: { achieved: true, notes: 'Đã đánh giá nội bộ và họp xem xét' },
    });
    expect(await eventsLike(reviewId)).toBe(2);
  });

  it("the year's close: a result row per objective, the cycle closed, `cycle.closed` with each result explained", async () => {
    const evaluations: ObjectiveEvaluation[] = [
      {
        objectiveId: 'obj-2',
        status: 'achieved',
        final: true,
        indicators: [
          {
            indicatorId: 'obj-2-tasks',
            status: 'achieved',
            final: true,
            periodsDue: 4,
            periodsReported: 4,
            periodsMissing: 0,
            lateReports: 0,
            reasons: [],
          },
        ],
      },
      {
        objectiveId: 'obj-5',
        status: 'missed',
        final: true,
        indicators: [
          {
            indicatorId: 'obj-5-internal-audits',
            status: 'missed',
            final: true,
            periodsDue: 1,
            periodsReported: 1,
            periodsMissing: 0,
            lateReports: 0,
            reasons: ['target-not-met'],
          },
        ],
      },
    ];
    const facts = {
      cycleId: CYCLE,
      cycleWorkflowId: CYCLE_WORKFLOW,
      evaluations,
      auditStatus: 'not-closed' as const,
      reviewStatus: 'held' as const,
      objective1JudgedBy: 'leader',
      correctiveActionsCarriedForward: [`${CYCLE_WORKFLOW}/audit/ca/s2`],
      closedAt: '2024-12-31T10:00:00.000Z',
    };
    await records.recordObjectiveResults(facts);
    await records.recordObjectiveResults(facts);

    const rows = await dataSource
      .getRepository(ObjectiveResultEntity)
      .find({ where: { cycleId: CYCLE }, order: { objectiveId: 'ASC' } });
    expect(rows.map((r) => [r.id, r.status, r.computedAt])).toEqual([
      [`${CYCLE}/obj-2`, 'achieved', facts.closedAt],
      [`${CYCLE}/obj-5`, 'missed', facts.closedAt],
    ]);
    expect(await dataSource.getRepository(QualityCycleEntity).findOneByOrFail({ id: CYCLE })).toMatchObject({
      status: 'closed',
      phase: 'closing',
    });
    const closed = payloadOf(await eventById(`${CYCLE_WORKFLOW}/closed`), 'cycle.closed');
    expect(closed).toEqual({
      results: [
        { objectiveId: 'obj-2', status: 'achieved', result: 'achieved' },
        {
          objectiveId: 'obj-5',
          status: 'missed',
          result: 'not-achieved',
          explanation: expect.objectContaining({ en: expect.stringContaining('obj-5-internal-audits') }),
        },
      ],
      auditStatus: 'not-closed',
      reviewStatus: 'held',
      objective1JudgedBy: 'leader',
      correctiveActionsCarriedForward: [`${CYCLE_WORKFLOW}/audit/ca/s2`],
    });
  });

  /** Opens the staff member's first-quarter report of an objective; answers its task id. */
  async function firstQuarterReportOf(objectiveId: string): Promise<string> {
    const taskId = `${CYCLE_WORKFLOW}/monitoring/${objectiveId}/measure/2024-Q1`;
    await records.openTask({
      taskId,
      cycleId: CYCLE,
      workflowId: `${CYCLE_WORKFLOW}/monitoring/${objectiveId}`,
      kind: 'measurement-report',
      title: { vi: 'Báo cáo', en: 'Report' },
      assigneeUserId: 'staff',
      delegateUserIds: [],
      openedAt: '2024-04-01T01:00:00.000Z',
      dueAt: '2024-04-05T10:00:00.000Z',
    });
    return taskId;
  }

  it("a task's escalation, reassignment and new delegates, the cycle's moved dates, a unit's work and a role moved, from facts, once", async () => {
    const taskId = await firstQuarterReportOf('obj-2');
    const escalated = {
      event: 'escalated' as const,
      cycleId: CYCLE,
      taskId,
      level: 'unit-head',
      recipientUserId: 'head',
      at: '2024-04-08T01:00:00.000Z',
    };
    const reassigned = {
      event: 'reassigned' as const,
      cycleId: CYCLE,
      taskId,
      number: 1,
      from: 'staff',
      to: 'staff-2',
      delegateUserIds: ['head', 'staff'],
      reason: 'Nghỉ phép',
      reassignedBy: 'head',
      at: '2024-04-08T02:00:00.000Z',
      requestId: 'req-1',
    };
    for (const facts of [escalated, escalated, reassigned, reassigned]) await records.recordTaskEvent(facts);

    expect(await dataSource.getRepository(TaskEntity).findOneByOrFail({ id: taskId })).toMatchObject({
      escalationLevel: 'unit-head',
      assigneeUserId: 'staff-2',
      delegateUserIds: ['head', 'staff'],
    });
    expect(payloadOf(await eventById(`${taskId}/escalated/unit-head`), 'task.escalated')).toEqual({
      taskId,
      recipientUserId: 'head',
      level: 'unit-head',
    });
    const reassignment = await eventById(`${taskId}/reassigned/1`);
    expect(reassignment).toMatchObject({ actor: 'head', requestId: 'req-1' });
    expect(payloadOf(reassignment, 'task.reassigned')).toEqual({
      taskId,
      from: 'staff',
      to: 'staff-2',
      reason: 'Nghỉ phép',
    });
    expect(await eventsLike(taskId)).toBe(3); // opened, escalated, reassigned

    // The unit's work taken over: its new holder answers for the task instead (the cycle logs the move).
    const redelegated = {
      event: 'delegates-changed' as const,
      cycleId: CYCLE,
      taskId,
      delegateUserIds: ['staff', 'deputy'],
      at: '2024-04-09T02:00:00.000Z',
    };
    for (const facts of [redelegated, redelegated]) await records.recordTaskEvent(facts);
    expect(await dataSource.getRepository(TaskEntity).findOneByOrFail({ id: taskId })).toMatchObject({
      assigneeUserId: 'staff-2',
      delegateUserIds: ['staff', 'deputy'],
    });
    expect(await eventsLike(taskId)).toBe(3);

    const unitWorkMoved = {
      change: 'unit-work-moved' as const,
      cycleId: CYCLE,
      workflowId: CYCLE_WORKFLOW,
      phase: 'monitoring' as const,
      number: 1,
      unitCode: 'vp-tonghop',
      from: 'head',
      to: 'deputy',
      reason: 'Phó Trưởng phòng phụ trách',
      movedBy: 'qr',
      at: '2024-04-09T02:00:00.000Z',
      requestId: 'req-2',
    };
    await cycleRecords.recordCycleProgress(unitWorkMoved);
    await cycleRecords.recordCycleProgress(unitWorkMoved);
    const movedEvent = await eventById(`${CYCLE_WORKFLOW}/unit-work-moved/1`);
    expect(movedEvent).toMatchObject({ type: 'cycle.unit-work-moved', actor: 'qr', requestId: 'req-2' });
    expect(payloadOf(movedEvent, 'cycle.unit-work-moved')).toEqual({
      phase: 'monitoring',
      unitCode: 'vp-tonghop',
      from: 'head',
      to: 'deputy',
      reason: 'Phó Trưởng phòng phụ trách',
    });
    expect(await eventsLike(`${CYCLE_WORKFLOW}/unit-work-moved`)).toBe(1);

    const roleMoved = {
      change: 'role-moved' as const,
      cycleId: CYCLE,
      workflowId: CYCLE_WORKFLOW,
      phase: 'monitoring' as const,
      number: 1,
      role: 'quality-representative' as const,
      from: 'qr',
      to: 'chief',
      reason: 'Chánh Văn phòng nghỉ hưu',
      movedBy: 'chief',
      at: '2024-04-10T02:00:00.000Z',
      requestId: 'req-3',
    };
    await cycleRecords.recordCycleProgress(roleMoved);
    await cycleRecords.recordCycleProgress(roleMoved);
    const roleEvent = await eventById(`${CYCLE_WORKFLOW}/role-moved/1`);
    expect(roleEvent).toMatchObject({ type: 'cycle.role-moved', actor: 'chief', requestId: 'req-3' });
    expect(payloadOf(roleEvent, 'cycle.role-moved')).toEqual({
      phase: 'monitoring',
      role: 'quality-representative',
      from: 'qr',
      to: 'chief',
      reason: 'Chánh Văn phòng nghỉ hưu',
    });
    expect(await eventsLike(`${CYCLE_WORKFLOW}/role-moved`)).toBe(1);

    const moved = {
      change: 'dates-moved' as const,
      cycleId: CYCLE,
      workflowId: CYCLE_WORKFLOW,
      phase: 'monitoring' as const,
      number: 1,
      before: { auditWindow: { from: '2024-10-01', to: '2024-10-31' }, managementReviewDate: '2024-12-16' },
      after: { auditWindow: { from: '2024-11-04', to: '2024-11-29' }, managementReviewDate: '2024-12-16' },
      reason: 'Trùng đợt kiểm tra của tỉnh',
      movedBy: 'qr',
      at: '2024-09-20T02:00:00.000Z',
    };
    await cycleRecords.recordCycleProgress(moved);
    await cycleRecords.recordCycleProgress(moved);
    const event = await eventById(`${CYCLE_WORKFLOW}/dates-moved/1`);
    expect(event).toMatchObject({ type: 'cycle.dates-moved', actor: 'qr' });
    expect(payloadOf(event, 'cycle.dates-moved')).toEqual({
      phase: 'monitoring',
      before: moved.before,
      after: moved.after,
      reason: 'Trùng đợt kiểm tra của tỉnh',
    });
    expect(await eventsLike(`${CYCLE_WORKFLOW}/dates-moved`)).toBe(1);
  });

  it("a task's messages: each in its history and counted on its row once, a retried record too", async () => {
    const taskId = await firstQuarterReportOf('obj-3');
    const message = (number: number, commentedBy: string, at: string) => ({
      event: 'commented' as const,
      cycleId: CYCLE,
      taskId,
      number,
      commentedBy,
      text: `Ý kiến ${number}`,
      recipientUserIds: ['head'],
      at,
      requestId: `req-${number}`,
    });
    const first = message(1, 'staff', '2024-04-02T01:00:00.000Z');
    const second = message(2, 'head', '2024-04-02T03:00:00.000Z');
    // The first retried after the second was recorded: the count and the latest stay the second's.
    for (const facts of [first, first, second, first, second]) await records.recordTaskEvent(facts);

    expect(await dataSource.getRepository(TaskEntity).findOneByOrFail({ id: taskId })).toMatchObject({
      commentCount: 2,
      lastCommentedAt: '2024-04-02T03:00:00.000Z',
    });
    expect(await eventsLike(`${taskId}/commented/`)).toBe(2);
  });

  // LEGACY (docs/versioning.md "Activities take facts"): activity tasks scheduled before the deploy.
  it('row-shaped input from workflow code of before the boundary is still recorded, once', async () => {
    const auditId = 'quality-cycle/legacy/2024/audit';
    const legacyAudit = {
      cycleId: CYCLE,
      rows: [
        {
          id: auditId,
          cycleId: CYCLE,
          leadAuditorUserId: 'lead',
          plan: null,
          status: 'planning',
          report: null,
          closedAt: null,
        },
      ],
      event: {
        id: `${auditId}/opened`,
        type: 'audit.opened',
        actor: 'system',
        at: '2024-10-01T01:00:00.000Z',
      },
    };
    await records.recordAudit(legacyAudit);
    await records.recordAudit(legacyAudit);
    const taskId = `${auditId}/plan`;
    const legacyReminder = {
      taskId,
      cycleId: CYCLE,
      type: 'reminded',
      key: 'before-due',
      at: '2024-10-03T01:00:00.000Z',
      actor: 'system',
      payload: { recipientUserId: 'lead' },
    };
    await records.recordTaskEvent(legacyReminder);
    await records.recordTaskEvent(legacyReminder);
    const legacyPhase = {
      cycleId: CYCLE,
      workflowId: 'quality-cycle/legacy/2024',
      status: 'running' as const,
      phase: 'internal-audit' as const,
      at: '2024-10-01T01:00:00.000Z',
      actor: 'system',
      eventKey: 'phase/internal-audit',
    };
    await cycleRecords.recordCycleProgress(legacyPhase);
    await cycleRecords.recordCycleProgress(legacyPhase);

    expect(await dataSource.getRepository(AuditEntity).findOneByOrFail({ id: auditId })).toMatchObject({
      cycleId: CYCLE,
      leadAuditorUserId: 'lead',
      status: 'planning',
    });
    expect(
      await dataSource.getRepository(EventLogEntryEntity).findOneByOrFail({ id: `${auditId}/opened` }),
    ).toMatchObject({
      type: 'audit.opened',
      payload: {},
    });
    expect(await eventsLike(`${auditId}/opened`)).toBe(1);
    expect(payloadOf(await eventById(`${taskId}/reminded/before-due`), 'task.reminded')).toEqual({
      taskId,
      recipientUserId: 'lead',
    });
    expect(
      payloadOf(await eventById('quality-cycle/legacy/2024/phase/internal-audit'), 'cycle.phase-entered'),
    ).toEqual({
      phase: 'internal-audit',
    });
    expect(await eventsLike('quality-cycle/legacy/2024/phase')).toBe(1);
    expect(await eventsLike(`${taskId}/reminded`)).toBe(1);
  });
});
