import {
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  executeChild,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  patched,
  setHandler,
  startChild,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import {
  ASSIGNMENT_WORKFLOW,
  INTERNAL_AUDIT_WORKFLOW,
  MANAGEMENT_REVIEW_WORKFLOW,
  OBJECTIVES_APPROVAL_WORKFLOW,
  OBJECTIVE_MONITORING_WORKFLOW,
  CYCLE_ROLES,
  QcycleErrorCode,
  cancelCycleSignal,
  childWorkflowIds,
  completeTaskUpdate,
  cycleProgressSignal,
  correctiveActionsToContinueSignal,
  cycleStateQuery,
  engineMeasuredIndicators,
  moveCycleDatesUpdate,
  moveRoleUpdate,
  moveUnitWorkUpdate,
  qualityCycleWorkflowId,
  type ApprovedDecision,
  type CorrectiveActionToContinue,
  type MoveRoleRequest,
  type MoveUnitWorkRequest,
  type QualityCycleResult,
  type QualityCycleState,
  type ReviewSummary,
  type StartQualityCycleInput,
} from '@qcycle/contracts';
import {
  cycleClock,
  evaluateYearEnd,
  internalAuditsMeasurement,
  objectiveYearResult,
  qmsJudgedMeasurement,
  qmsMaintainedMeasurement,
  rehearsalShiftMs,
  reviewPreparationSchedule,
  validateCycleDatesMove,
  type CyclePhase,
  type Measurement,
  type ReviewActionFollowUp,
} from '@qcycle/domain';
import { cycleRecords, notifications, records } from './activities';
import {
  CANCEL_CHILDREN_BY_ID,
  requestChildrenCancel,
  sleepUntil,
  qualityRepresentativeOf,
  recordRoleMove,
  recordUnitWorkMove,
  roleHolder,
  unitWorkHolder,
  WorkFollowers,
  workflowTimeOf,
  type CycleContext,
} from './cycle-context';
import type { objectivesApproval } from './objectives-approval.workflow';
import type { objectivesAssignment } from './objectives-assignment.workflow';
import type { objectiveMonitoring } from './objective-monitoring.workflow';
import type { internalAudit, InternalAuditResult } from './internal-audit.workflow';
import { REVIEW_INPUTS_ENTERED, type managementReview } from './management-review.workflow';
import { installNonconformities } from './cycle-nonconformities';
import { awaitedLater } from './tasks/settle-all';

/**
 * Patch id (docs/versioning.md): the cycle starts the internal audit and goes on to the management
 * review and the close without waiting for it; it takes the audit's result at the close, when every
 * audit task and corrective action still open has expired. Cycles that reached the audit on older
 * code wait for the audit's result before the review.
 */
export const YEAR_END_CANNOT_STALL = 'year-end-cannot-stall';

/**
 * Patch id (docs/versioning.md): the Quality Representative may move the audit window and the
 * review date of a running cycle (`moveCycleDates`); the cycle waits for those dates in a way that
 * wakes up when they move. Cycles started on older code refuse the update and sleep as before.
 */
export const MOVABLE_CYCLE_DATES = 'movable-cycle-dates';

/**
 * Patch id (docs/versioning.md): at the close the cycle prepares next year's draft from the
 * approved decision and the review's actions (activity `prepareNextYearDraft`) and tells the Quality
 * Representative (notification `next-year-draft`). Cycles closed on older code did neither.
 */
export const NEXT_YEAR_DRAFT_AT_CLOSE = 'next-year-draft-at-close';

/**
 * Patch id (docs/versioning.md, issue #11): the monitoring children are started together, in one
 * workflow task, instead of each after the previous one's start. Cycles that reached monitoring on
 * older code started them one by one.
 */
export const MONITORS_STARTED_TOGETHER = 'monitors-started-together';

/**
 * Patch id (docs/versioning.md): the objectives' approval is told of a unit's work or a role taken
 * over while it runs (its next rounds go to the role's new holder). Cycles that started on older code
 * did not signal it, and a move during their approval replays without that signal.
 */
export const APPROVAL_FOLLOWS_WORK_MOVES = 'approval-follows-work-moves';

/**
 * Patch id (docs/versioning.md): at the close the cycle sends its corrective actions carried forward
 * to next year's cycle when that is already running (signal `correctiveActionsToContinue`). Cycles
 * closed on older code did not.
 */
export const CARRIED_INTO_RUNNING_NEXT_YEAR = 'carried-into-running-next-year';

/**
 * One organisation's annual quality cycle (id `quality-cycle/{org}/{year}`): runs
 * approval, assignment, monitoring (one child per objective, all year), the internal audit, the
 * management review and the close as child workflows, answers the whole live state, and returns
 * the year's result. A `cancelCycle` signal or a Temporal cancellation cancels every open task.
 */
export async function qualityCycle(input: StartQualityCycleInput): Promise<QualityCycleResult> {
  const { workflowId, startTime } = workflowInfo();
  const shiftMs = input.rehearsal
    ? rehearsalShiftMs(input.calendar.year, startTime.getTime(), input.rehearsalFrom)
    : 0;
  const context: CycleContext = {
    cycleId: input.cycleId,
    cycleWorkflowId: workflowId,
    organisationCode: input.organisationCode,
    year: input.year,
    calendar: input.calendar,
    roster: input.roster,
    shiftMs,
  };
  /** Who holds each unit's work now, for the cycle's live state. */
  const unitWorkNow = () =>
    context.roster.units.map((unit) => ({
      unitCode: unit.code,
      holderUserId: unitWorkHolder(context, unit.code).userId,
    }));
  /** Who holds each of the year's roles now, for the cycle's live state. */
  const rolesNow = () =>
    CYCLE_ROLES.flatMap((role) => {
      const holder = roleHolder(context, role);
      return holder ? [{ role, holderUserId: holder.userId }] : [];
    });
  const engineMeasured = input.engineMeasured ?? engineMeasuredIndicators(input.draft);
  const engineIndicatorIds = [engineMeasured.qmsMaintained, engineMeasured.internalAudits].filter(
    (id): id is string => !!id,
  );
  const isEngineMeasured = (objectiveId: string, objectives = input.draft.objectives) =>
    objectives
      .find((o) => o.id === objectiveId)
      ?.indicators.every((i) => engineIndicatorIds.includes(i.id)) ?? false;

  const state: QualityCycleState = {
    cycleId: input.cycleId,
    organisationCode: input.organisationCode,
    year: input.year,
    status: 'running',
    phase: 'objectives-approval',
    scheduleShiftMs: shiftMs,
    // A query's answer, no command: cycles started before it have it too once replayed.
    dates: {
      auditWindow: { ...input.calendar.auditWindow },
      managementReviewDate: input.calendar.managementReviewDate,
      closeDate: input.calendar.closeDate,
    },
    unitWork: unitWorkNow(),
    roles: rolesNow(),
    objectives: input.draft.objectives.map((o) => ({
      objectiveId: o.id,
      number: o.number,
      status: 'pending',
      measuredByEngine: isEngineMeasured(o.id),
    })),
  };
  let cancellation: { reason: string; by: string } | undefined;
  const scope = new CancellationScope();

  setHandler(cycleStateQuery, () => state);
  setHandler(cancelCycleSignal, (request) => {
    if (cancellation || state.status !== 'running') return;
    cancellation = request;
    scope.cancel();
  });
  setHandler(cycleProgressSignal, (report) => {
    switch (report.type) {
      // Children started before TASKS_OPEN_IN_ONE_STEP still tell the cycle of every task; the open
      // tasks are read from their records now (GET /cycles/{id}), so these change nothing here.
      case 'task-opened':
      case 'task-closed':
        break;
      case 'objective-status': {
        const objective = state.objectives.find((o) => o.objectiveId === report.objectiveId);
        if (objective) objective.status = report.status;
        break;
      }
      case 'audit':
        state.audit = report.audit;
        break;
      case 'review':
        // Held; the review follows its actions up until the close and returns then.
        state.review = report.review;
        break;
    }
  });
  // The cycle owns no task itself: each task is its child workflow's (the task record names it).
  setHandler(completeTaskUpdate, async () => undefined as never, {
    validator: (request) => {
      throw ApplicationFailure.create({
        type: QcycleErrorCode.NotFound,
        nonRetryable: true,
        message: `Việc ${String(request?.taskId)} không thuộc quy trình ${workflowId}: gửi yêu cầu tới quy trình con ghi trong hồ sơ của việc.`,
      });
    },
  });

  const at = () => new Date(Date.now()).toISOString();
  const enterPhase = async (phase: CyclePhase) => {
    state.phase = phase;
    await cycleRecords.recordCycleProgress({
      change: 'phase-entered',
      cycleId: input.cycleId,
      workflowId,
      phase,
      at: at(),
    });
  };

  // Decided before the cycle's first command, so a cycle keeps one way of waiting all its life.
  const movableDates = patched(MOVABLE_CYCLE_DATES);
  let datesMoved = 0;
  let auditStarted = false;
  let reviewStarted = false;
  setHandler(
    moveCycleDatesUpdate,
    async (request) => {
      const before = {
        auditWindow: context.calendar.auditWindow,
        managementReviewDate: context.calendar.managementReviewDate,
      };
      context.calendar = {
        ...context.calendar,
        ...(request.auditWindow ? { auditWindow: { ...request.auditWindow } } : {}),
        ...(request.managementReviewDate ? { managementReviewDate: request.managementReviewDate } : {}),
      };
      const after = {
        auditWindow: context.calendar.auditWindow,
        managementReviewDate: context.calendar.managementReviewDate,
      };
      state.movedDates = after;
      state.dates = { ...after, closeDate: context.calendar.closeDate };
      const number = ++datesMoved;
      const movedAt = at();
      await cycleRecords.recordCycleProgress({
        change: 'dates-moved',
        cycleId: input.cycleId,
        workflowId,
        phase: state.phase,
        number,
        before,
        after,
        reason: request.reason,
        movedBy: request.actorUserId,
        at: movedAt,
        requestId: request.requestId,
      });
      return { ...after, movedBy: request.actorUserId, movedAt };
    },
    {
      validator: (request) => {
        const refuse = (type: QcycleErrorCode, message: string, details: unknown[] = []) => {
          throw ApplicationFailure.create({ type, message, nonRetryable: true, details });
        };
        if (!movableDates || state.status !== 'running') {
          refuse(QcycleErrorCode.Conflict, `Chu trình ${workflowId} không cho phép thay đổi ngày.`);
        }
        if (request?.actorUserId !== qualityRepresentativeOf(context).userId) {
          refuse(QcycleErrorCode.Forbidden, 'Chỉ Đại diện chất lượng được thay đổi ngày của chu trình.');
        }
        if (request.auditWindow && auditStarted) {
          refuse(QcycleErrorCode.Conflict, 'Đánh giá nội bộ đã bắt đầu: không thể dời khung thời gian.');
        }
        if (request.managementReviewDate && reviewStarted) {
          refuse(QcycleErrorCode.Conflict, 'Họp xem xét của lãnh đạo đã bắt đầu: không thể dời ngày họp.');
        }
        // A real year's dates are not moved before today (the Vietnam day); a rehearsal's calendar
        // only starts near now. Validators do not run on replay: no patch needed.
        const problems = validateCycleDatesMove(
          context.calendar,
          request,
          context.shiftMs === 0 ? cycleClock(0).calendarDate(Date.now()) : undefined,
        );
        if (problems.length > 0) {
          refuse(
            QcycleErrorCode.ValidationFailed,
            `Thay đổi không hợp lệ: ${problems.map((p) => `${p.path}: ${p.reason}`).join('; ')}`,
            [problems],
          );
        }
      },
    },
  );
  /**
   * A unit's work or a role taken over (`what` the move would take, for the refusal): refused once
   * the cycle has ended, or without two different people. Validators do not run on replay.
   */
  const validateMove = (request: MoveUnitWorkRequest | MoveRoleRequest, what: string) => {
    const refuse = (type: QcycleErrorCode, message: string) => {
      throw ApplicationFailure.create({ type, nonRetryable: true, message });
    };
    if (state.status !== 'running')
      refuse(QcycleErrorCode.Conflict, `Chu trình ${workflowId} đã kết thúc: không còn ${what} để chuyển.`);
    if (typeof request?.fromUserId !== 'string' || typeof request.to?.userId !== 'string')
      refuse(QcycleErrorCode.ValidationFailed, 'Phải nêu người giao (fromUserId) và người nhận (to.userId).');
    if (request.to.userId === request.fromUserId)
      refuse(QcycleErrorCode.ValidationFailed, 'Người nhận phải khác người giao.');
  };
  /** The running children that follow a unit's work or a role taken over (see {@link followWorkMoves}). */
  const followers = new WorkFollowers();
  let unitWorkMoves = 0;
  setHandler(
    moveUnitWorkUpdate,
    async (request) => {
      // Decided and applied at once, before any await: a second move queued behind this one sees it.
      const moves = context.roster.units
        .map((unit) => unit.code)
        .filter((code) => request.unitCodes === undefined || request.unitCodes.includes(code))
        .filter((code) => unitWorkHolder(context, code).userId === request.fromUserId)
        .map((unitCode) => ({ unitCode, number: ++unitWorkMoves }));
      for (const { unitCode } of moves) recordUnitWorkMove(context, { unitCode, to: request.to });
      state.unitWork = unitWorkNow();
      for (const { unitCode, number } of moves) {
        await cycleRecords.recordCycleProgress({
          change: 'unit-work-moved',
          cycleId: input.cycleId,
          workflowId,
          phase: state.phase,
          number,
          unitCode,
          from: request.fromUserId,
          to: request.to.userId,
          reason: request.reason,
          movedBy: request.actorUserId,
          at: at(),
          requestId: request.requestId,
        });
        await followers.tell({ unitCode, fromUserId: request.fromUserId, to: request.to });
      }
      return { unitCodes: moves.map((move) => move.unitCode) };
    },
    { validator: (request) => validateMove(request, 'việc nào của đơn vị') },
  );
  let roleMoves = 0;
  setHandler(
    moveRoleUpdate,
    async (request) => {
      // Decided and applied at once, before any await, as a unit's work is.
      if (roleHolder(context, request.role)?.userId !== request.fromUserId) return { moved: false };
      const number = ++roleMoves;
      recordRoleMove(context, { role: request.role, to: request.to });
      state.roles = rolesNow();
      await cycleRecords.recordCycleProgress({
        change: 'role-moved',
        cycleId: input.cycleId,
        workflowId,
        phase: state.phase,
        number,
        role: request.role,
        from: request.fromUserId,
        to: request.to.userId,
        reason: request.reason,
        movedBy: request.actorUserId,
        at: at(),
        requestId: request.requestId,
      });
      await followers.tellRoleMoved({ role: request.role, fromUserId: request.fromUserId, to: request.to });
      return { moved: true };
    },
    {
      validator: (request) => {
        validateMove(request, 'việc nào của vai trò');
        if (!(CYCLE_ROLES as readonly unknown[]).includes(request.role))
          throw ApplicationFailure.create({
            type: QcycleErrorCode.ValidationFailed,
            nonRetryable: true,
            message: `Vai trò phải là một trong: ${CYCLE_ROLES.join(', ')}.`,
          });
      },
    },
  );

  /** Sleeps until a calendar date that the Quality Representative may move meanwhile. */
  const sleepUntilMovable = async (target: () => number) => {
    if (!movableDates) return sleepUntil(target());
    for (;;) {
      const version = datesMoved;
      const wait = target() - Date.now();
      if (wait <= 0) return;
      if (!(await condition(() => datesMoved !== version, wait))) return;
    }
  };

  /**
   * Next year (issue #9): done at the close rather than by a Temporal Schedule (docs/workflows.md):
   * the close is when the decision and the actions' status are final, and the cycle has them.
   */
  const prepareNextYear = async (
    decision: ApprovedDecision,
    reviewActions: ReviewSummary['actions'],
    preparedAt: string,
  ) => {
    const prepared = await records.prepareNextYearDraft({
      cycleId: input.cycleId,
      cycleWorkflowId: workflowId,
      organisationCode: input.organisationCode,
      year: input.year,
      draft: input.draft,
      decision: {
        objectives: decision.objectives,
        ...(decision.wording ? { wording: decision.wording } : {}),
      },
      // Reviews opened before actions were followed up return them without owner or status.
      reviewActions: reviewActions.filter((a): a is ReviewActionFollowUp => a.actionId !== undefined),
      preparedAt,
    });
    try {
      await notifications.sendTaskNotification({
        notificationId: `${workflowId}/next-year-draft`,
        taskId: `${workflowId}/next-year-draft`,
        cycleId: input.cycleId,
        reason: 'next-year-draft',
        recipient: qualityRepresentativeOf(context),
        taskTitle: {
          vi: `Chu trình chất lượng năm ${input.year} đã kết thúc; dự thảo năm ${prepared.year} đã sẵn sàng`,
          en: `The ${input.year} quality cycle has closed; the ${prepared.year} draft is ready`,
        },
      });
    } catch (error) {
      // Best effort, as every notice: the draft is stored and shown on the cycle's page either way.
      if (isCancellation(error)) throw error;
    }
  };

  /**
   * Next year's cycle, when it was started before this close (an approval in December), is sent the
   * corrective actions carried forward; one started later reads them from this close's record.
   */
  const continueInNextYear = async (
    actions: { effective: boolean; toContinue?: CorrectiveActionToContinue }[],
  ) => {
    const carried = actions.flatMap((a) => (!a.effective && a.toContinue ? [a.toContinue] : []));
    if (carried.length === 0) return;
    try {
      await getExternalWorkflowHandle(qualityCycleWorkflowId(input.organisationCode, input.year + 1)).signal(
        correctiveActionsToContinueSignal,
        carried,
      );
    } catch (error) {
      if (isCancellation(error)) throw error;
      // Not started yet (or already over): a next year started later reads them at its start.
      log.info('next year not running at the close', { error: String(error) });
    }
  };

  await cycleRecords.recordCycleStarted({
    cycleId: input.cycleId,
    workflowId,
    organisationCode: input.organisationCode,
    year: input.year,
    startedBy: input.startedBy,
    startedAt: startTime.toISOString(),
    // Only the activity's input changes (replay compares commands, not inputs): no patch.
    rehearsal: input.rehearsal === true,
  });

  const children: Promise<unknown>[] = [];
  /**
   * Children whose start completed after the cycle was cancelled: the cancellation may have been
   * handled while their start was pending, and never reached them (see CANCEL_CHILDREN_BY_ID).
   */
  const startedAfterCancel: string[] = [];
  const noteIfCancelled = (childId: string) => {
    if (scope.consideredCancelled) startedAfterCancel.push(childId);
  };
  // Nonconformities from any source (issue #9): opened by the Quality Representative or from the
  // engine's proposal, their corrective actions counted at the close like the audit's.
  const nonconformities = installNonconformities({
    context,
    state,
    scope,
    cancelling: () => cancellation !== undefined,
    children,
    noteIfCancelled,
    followers,
  });
  try {
    const result = await scope.run(async (): Promise<QualityCycleResult> => {
      // Last year's open corrective actions go on from the year's first day (ISO 10.2). Only cycles
      // started with them take this path (a new input): no patch.
      if (input.correctiveActionsToContinue?.length)
        await nonconformities.carryIn(input.correctiveActionsToContinue);
      const followed = patched(APPROVAL_FOLLOWS_WORK_MOVES);
      const approval = executeChild<typeof objectivesApproval>(OBJECTIVES_APPROVAL_WORKFLOW, {
        workflowId: childWorkflowIds.approval(workflowId),
        args: [{ context, draft: input.draft }],
      });
      const decision = await (followed
        ? followers.follow(childWorkflowIds.approval(workflowId), approval)
        : approval);
      state.decision = decision;
      const objectives = decision.objectives;

      await enterPhase('assignment');
      const measured = objectives.filter((o) => !isEngineMeasured(o.id, objectives));
      const owners = await followers.follow(
        childWorkflowIds.assignment(workflowId),
        executeChild<typeof objectivesAssignment>(ASSIGNMENT_WORKFLOW, {
          workflowId: childWorkflowIds.assignment(workflowId),
          args: [{ context, objectives: measured }],
        }),
      );
      for (const owner of owners) {
        const live = state.objectives.find((o) => o.objectiveId === owner.objectiveId);
        if (live) live.ownerUserId = owner.userId;
      }

      await enterPhase('monitoring');
      const monitors: ChildWorkflowHandle<typeof objectiveMonitoring>[] = [];
      const startMonitor = async (objective: (typeof measured)[number]) => {
        const owner = owners.find((o) => o.objectiveId === objective.id);
        if (!owner) return undefined;
        const handle = await startChild<typeof objectiveMonitoring>(OBJECTIVE_MONITORING_WORKFLOW, {
          workflowId: childWorkflowIds.monitoring(workflowId, objective.id),
          args: [{ context, objective, owner }],
        });
        noteIfCancelled(handle.workflowId);
        void followers.follow(handle.workflowId, handle.result());
        return handle;
      };
      const started: (ChildWorkflowHandle<typeof objectiveMonitoring> | undefined)[] = [];
      if (patched(MONITORS_STARTED_TOGETHER))
        started.push(...(await Promise.all(measured.map(startMonitor))));
      else for (const objective of measured) started.push(await startMonitor(objective));
      for (const handle of started) {
        if (!handle) continue;
        monitors.push(handle);
        children.push(awaitedLater(handle.result()));
      }

      const { calendar } = input;
      await sleepUntilMovable(() =>
        workflowTimeOf(context, context.calendar.auditWindow.from, calendar.notificationTime),
      );
      auditStarted = true;
      await enterPhase('internal-audit');
      let auditResult: Promise<InternalAuditResult>;
      if (patched(YEAR_END_CANNOT_STALL)) {
        // The audit tells the cycle how it goes (progress signal); its result is taken at the close.
        const auditHandle = await startChild<typeof internalAudit>(INTERNAL_AUDIT_WORKFLOW, {
          workflowId: childWorkflowIds.audit(workflowId),
          args: [{ context }],
        });
        noteIfCancelled(auditHandle.workflowId);
        auditResult = awaitedLater(followers.follow(auditHandle.workflowId, auditHandle.result()));
        children.push(auditResult);
      } else {
        const audit = await executeChild<typeof internalAudit>(INTERNAL_AUDIT_WORKFLOW, {
          workflowId: childWorkflowIds.audit(workflowId),
          args: [{ context }],
        });
        state.audit = { ...audit };
        auditResult = Promise.resolve(audit);
      }

      // The review starts with its preparation, some working days before the review date (its
      // workflow waits for the date); the date can be moved until then.
      const prepareReview = patched(REVIEW_INPUTS_ENTERED);
      await sleepUntilMovable(() =>
        prepareReview
          ? cycleClock(context.shiftMs).toWorkflowMs(reviewPreparationSchedule(context.calendar).opensAt)
          : workflowTimeOf(context, context.calendar.managementReviewDate, calendar.notificationTime),
      );
      reviewStarted = true;
      await enterPhase('management-review');
      state.review = {
        reviewWorkflowId: childWorkflowIds.review(workflowId),
        status: 'waiting',
        actions: [],
      };
      state.review = await followers.follow(
        childWorkflowIds.review(workflowId),
        executeChild<typeof managementReview>(MANAGEMENT_REVIEW_WORKFLOW, {
          workflowId: childWorkflowIds.review(workflowId),
          args: [
            {
              context,
              objectives,
              engineMeasured,
              // Last year's actions with their status at its close, when started from its draft.
              ...(input.previousActions ? { previousActions: input.previousActions } : {}),
              ...(prepareReview ? { prepare: true } : {}),
            },
          ],
        }),
      );

      await sleepUntil(workflowTimeOf(context, calendar.closeDate, calendar.notificationTime));
      await enterPhase('closing');
      const monitoring = await Promise.all(monitors.map((handle) => handle.result()));
      const audit = await auditResult;
      state.audit = { ...audit };
      const otherCorrectiveActions = await nonconformities.settle();
      const closedAt = at();
      const measurements: Measurement[] = monitoring.flatMap((m) => m.measurements);
      const judgement = state.review.qmsJudgement;
      if (engineMeasured.qmsMaintained && judgement) {
        // The leader judged objective 1 at the review: that decides it.
        measurements.push(
          qmsJudgedMeasurement(
            engineMeasured.qmsMaintained,
            input.year,
            judgement,
            [state.review.minutesRef ?? state.review.reviewWorkflowId],
            closedAt,
          ),
        );
      } else if (engineMeasured.qmsMaintained) {
        measurements.push(
          qmsMaintainedMeasurement(
            engineMeasured.qmsMaintained,
            input.year,
            {
              internalAuditCompleted: audit.status === 'closed',
              managementReviewCompleted: state.review.status === 'held',
              openCorrectiveActions:
                audit.nonconformities -
                audit.correctiveActions.filter((a) => a.effective).length +
                otherCorrectiveActions.filter((a) => !a.effective).length,
              evidence: [
                audit.auditWorkflowId,
                ...(state.review.minutesRef ? [state.review.minutesRef] : []),
                ...audit.correctiveActions.map((a) => a.correctiveActionId),
              ],
            },
            closedAt,
          ),
        );
      }
      if (engineMeasured.internalAudits) {
        measurements.push(
          internalAuditsMeasurement(
            engineMeasured.internalAudits,
            input.year,
            audit.status === 'closed' ? [audit.auditWorkflowId] : [],
            closedAt,
          ),
        );
      }
      const evaluations = evaluateYearEnd(objectives, measurements);
      const results = evaluations.map(objectiveYearResult);
      const carriedForward = [...audit.correctiveActions, ...otherCorrectiveActions]
        .filter((a) => !a.effective)
        .map((a) => a.correctiveActionId);
      await records.recordObjectiveResults({
        cycleId: input.cycleId,
        cycleWorkflowId: workflowId,
        evaluations,
        auditStatus: audit.status,
        reviewStatus: state.review.status,
        ...(judgement ? { objective1JudgedBy: judgement.judgedBy } : {}),
        correctiveActionsCarriedForward: carriedForward,
        closedAt,
      });
      for (const evaluation of evaluations) {
        const live = state.objectives.find((o) => o.objectiveId === evaluation.objectiveId);
        if (live) live.status = evaluation.status;
      }
      if (patched(CARRIED_INTO_RUNNING_NEXT_YEAR))
        await continueInNextYear([...audit.correctiveActions, ...otherCorrectiveActions]);
      if (patched(NEXT_YEAR_DRAFT_AT_CLOSE)) await prepareNextYear(decision, state.review.actions, closedAt);
      state.status = 'closed';
      state.result = evaluations;
      return {
        cycleId: input.cycleId,
        status: 'closed',
        decision,
        objectives: evaluations,
        results,
        closedAt,
      };
    });
    await condition(allHandlersFinished);
    return result;
  } catch (error) {
    if (!isCancellation(error)) throw error;
    // Children cancel their open tasks (recorded) before their results settle.
    await CancellationScope.nonCancellable(async () => {
      if (startedAfterCancel.length > 0 && patched(CANCEL_CHILDREN_BY_ID)) {
        requestChildrenCancel(startedAfterCancel);
      }
      await Promise.allSettled(children);
      state.status = 'cancelled';
      await cycleRecords.recordCycleProgress({
        change: 'cancelled',
        cycleId: input.cycleId,
        workflowId,
        phase: state.phase,
        reason: cancellation?.reason ?? 'workflow cancelled',
        cancelledBy: cancellation?.by ?? 'system',
        at: at(),
      });
    });
    if (!cancellation) throw error;
    return {
      cycleId: input.cycleId,
      status: 'cancelled',
      decision: state.decision,
      objectives: [],
      closedAt: at(),
    };
  }
}
