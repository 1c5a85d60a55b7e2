import {
  CancellationScope,
  condition,
  allHandlersFinished,
  isCancellation,
  ParentClosePolicy,
  patched,
  startChild,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import {
  CORRECTIVE_ACTION_WORKFLOW,
  childWorkflowIds,
  type AuditSummary,
  type PersonRef,
} from '@qcycle/contracts';
import {
  auditPlanDueAt,
  auditReportRoundDueAt,
  cycleClock,
  escalationsAt,
  isNonconformity,
  reminderAt,
  validateAuditCloseOutcome,
  validateAuditPlan,
  validateAuditReportApproval,
  validateAuditStepOutcome,
  type AuditPlanStep,
  type AuditResult,
} from '@qcycle/domain';
import {
  CANCEL_CHILDREN_BY_ID,
  auditTaskNotices,
  requestChildrenCancel,
  withChildTaskBoard,
  closeTimeOf,
  personOf,
  reportToCycle,
  sleepUntil,
  unitCodesOf,
  followWorkMoves,
  leadAuditorOf,
  leaderOf,
  qualityRepresentativeOf,
  WorkFollowers,
  workflowTimeOf,
  type CycleContext,
} from './cycle-context';
import { records } from './activities';
import { settleAll } from './tasks/settle-all';
import type { TaskBoard, TaskNotice } from './tasks/human-task';
import type { correctiveAction, CorrectiveActionResult } from './corrective-action.workflow';

/**
 * Patch id (docs/versioning.md): the audit's tasks are reminded and escalated (Quality
 * Representative, then leader) and expire at the year's close; an audit not closed by then is
 * recorded `not-closed` and the workflow returns, whatever its corrective actions' state. Audits
 * that started on older code wait for every step, the close and every corrective action.
 */
export const AUDIT_CANNOT_STALL = 'audit-cannot-stall';

/**
 * Patch id (docs/versioning.md): the audit plan is due 4 working days after the window opens
 * (libs/domain `auditPlanDueAt`) instead of 4 calendar days, which could be a Saturday. A plan task
 * opened on older code keeps the due date it was given.
 */
export const AUDIT_PLAN_DUE_WORKING_DAY = 'audit-plan-due-working-day';

/**
 * Patch id (docs/versioning.md): the lead auditor's report is approved by the Quality
 * Representative (or the leader) before the audit is closed; a report returned with comments goes
 * back to the lead auditor, round after round. Audits whose report was submitted on older code
 * closed with the submission.
 */
export const AUDIT_REPORT_APPROVAL = 'audit-report-approval';

export interface InternalAuditInput {
  context: CycleContext;
}

export interface InternalAuditResult extends AuditSummary {
  correctiveActions: CorrectiveActionResult[];
}

/**
 * ISO 9.2 (objective 5): on the first morning of the audit window the lead auditor gets the
 * programme-and-plan task (no auditor on their own unit); each auditor signs off their own steps;
 * every nonconformity starts a corrective action; the lead auditor closes the audit with a report.
 * Each task is reminded and escalated when overdue; whatever is still open at the year's close
 * expires, and an audit not closed by then is recorded `not-closed` (objective 5 not achieved).
 * The workflow ends when its corrective actions are verified effective or, at the close, carried
 * into next year; the cycle does not wait for it before the management review.
 */
export async function internalAudit(input: InternalAuditInput): Promise<InternalAuditResult> {
  return withChildTaskBoard(input.context, (board) => audit(input, board));
}

async function audit(input: InternalAuditInput, board: TaskBoard): Promise<InternalAuditResult> {
  const actions: ChildWorkflowHandle<typeof correctiveAction>[] = [];
  /** Corrective actions whose start completed after the audit was cancelled. */
  const cancelledAtStart = new Set<string>();
  try {
    return await runAudit(input, board, actions, cancelledAtStart);
  } catch (error) {
    // Corrective actions record their open tasks cancelled as they end: end after them, so the
    // cycle's cancellation is complete when the audit's is.
    if (isCancellation(error)) {
      await CancellationScope.nonCancellable(async () => {
        const startedAfterCancel = actions.filter((action) => cancelledAtStart.has(action.workflowId));
        if (startedAfterCancel.length > 0 && patched(CANCEL_CHILDREN_BY_ID)) {
          requestChildrenCancel(startedAfterCancel.map((action) => action.workflowId));
        }
        await Promise.allSettled(actions.map((action) => action.result()));
      });
    }
    throw error;
  }
}

async function runAudit(
  { context }: InternalAuditInput,
  board: TaskBoard,
  actions: ChildWorkflowHandle<typeof correctiveAction>[],
  cancelledAtStart: Set<string>,
): Promise<InternalAuditResult> {
  const { workflowId } = workflowInfo();
  const { calendar, roster } = context;
  // The corrective actions it starts give their plans to whoever holds the unit's work then; those
  // running are told, for their later rounds.
  const followers = new WorkFollowers();
  followWorkMoves(context, {
    // Its open tasks' escalations follow a role taken over, and the report's approval its leader.
    board,
    onMoved: (move) => followers.tell(move),
    onRoleMoved: (move) => followers.tellRoleMoved(move),
  });
  /** The lead auditor as the year has them when a task opens: the role may be taken over meanwhile. */
  const leadNow = () => {
    const lead = leadAuditorOf(context);
    if (!lead) throw new Error('the roster names no internal auditor');
    return lead;
  };
  const lead = leadNow();
  const cannotStall = patched(AUDIT_CANNOT_STALL);
  let stepsUnsigned = 0;
  const closeAt = closeTimeOf(context);
  /** Reminders, escalations and expiry at the close, for audits on this code (see the patch). */
  const deadlines = (dueAt: number, assignee: PersonRef) =>
    cannotStall ? { notices: auditTaskNotices(context, dueAt, assignee), expiresAt: closeAt } : {};
  const windowEnd = workflowTimeOf(context, calendar.auditWindow.to, calendar.monitoring.dueTime);
  await sleepUntil(workflowTimeOf(context, calendar.auditWindow.from, calendar.notificationTime));

  const summary: AuditSummary = {
    auditWorkflowId: workflowId,
    status: 'planning',
    steps: [],
    nonconformities: 0,
    correctiveActionsOpen: 0,
  };
  const publish = () =>
    reportToCycle(context, {
      type: 'audit',
      audit: { ...summary, steps: summary.steps.map((s) => ({ ...s })) },
    });
  const now = () => new Date(Date.now()).toISOString();
  await records.recordAudit({
    step: 'opened',
    cycleId: context.cycleId,
    auditId: workflowId,
    leadAuditorUserId: lead.userId,
    at: now(),
  });
  await publish();

  const auditors = roster.auditors.map((a) => ({ userId: a.userId, unitCode: a.unitCode }));
  const planDueAt = patched(AUDIT_PLAN_DUE_WORKING_DAY)
    ? cycleClock(context.shiftMs).toWorkflowMs(auditPlanDueAt(calendar))
    : workflowTimeOf(context, calendar.auditWindow.from, calendar.monitoring.dueTime) + 4 * 86_400_000;
  const plan = await board.run({
    taskId: `${workflowId}/plan`,
    kind: 'audit-plan',
    title: {
      vi: `Lập chương trình, kế hoạch đánh giá nội bộ năm ${context.year}`,
      en: `Internal audit programme and plan ${context.year}`,
    },
    assignee: lead,
    dueAt: planDueAt,
    ...deadlines(planDueAt, lead),
    form: { window: calendar.auditWindow, auditors, unitCodes: unitCodesOf(context) },
    validate: (outcome) =>
      validateAuditPlan(outcome, { auditors, unitCodes: unitCodesOf(context), window: calendar.auditWindow }),
  });
  if (plan.status !== 'completed') {
    if (!cannotStall) throw new Error('audit plan cannot expire');
    return notClosed('no-plan', []);
  }
  const planAt = new Date(plan.completedAt).toISOString();
  summary.status = 'in-progress';
  summary.steps = plan.outcome.steps.map((step) => ({ ...step }));
  await records.recordAudit({
    step: 'planned',
    cycleId: context.cycleId,
    auditId: workflowId,
    plan: plan.outcome,
    plannedBy: plan.completedBy,
    at: planAt,
  });
  await records.recordAuditSteps({
    step: 'planned',
    cycleId: context.cycleId,
    auditId: workflowId,
    steps: plan.outcome.steps,
    plannedBy: plan.completedBy,
    at: planAt,
  });
  await publish();

  await settleAll(
    plan.outcome.steps.map(async (step: AuditPlanStep) => {
      const stepTaskId = `${workflowId}/step/${step.id}`;
      const auditor = personOf(context, step.auditorUserId);
      // The audited unit by its name, as the auditor's inbox and mail say it (its code said nothing
      // to them). Text only, no command: a cycle replayed on this code issues the same commands.
      const unit = context.roster.units.find((candidate) => candidate.code === step.unitCode)?.name;
      const signOff = await board.run({
        taskId: stepTaskId,
        kind: 'audit-step',
        title: {
          vi: `Đánh giá ${step.process} (${step.clause}) tại ${unit?.vi ?? step.unitCode}`,
          en: `Audit ${step.process} (${step.clause}) at ${unit?.en ?? step.unitCode}`,
        },
        assignee: auditor,
        unitCode: step.unitCode,
        dueAt: windowEnd,
        ...deadlines(windowEnd, auditor),
        form: { step },
        validate: validateAuditStepOutcome,
      });
      if (signOff.status !== 'completed') {
        if (!cannotStall) throw new Error('audit step cannot expire');
        stepsUnsigned++;
        return;
      }
      const at = new Date(signOff.completedAt).toISOString();
      const outcome = signOff.outcome;
      await records.recordAuditSteps({
        step: 'signed-off',
        cycleId: context.cycleId,
        auditId: workflowId,
        stepId: step.id,
        outcome,
        signedOffBy: signOff.completedBy,
        at,
      });
      const planned = summary.steps.find((s) => s.id === step.id);
      if (planned) planned.result = outcome.result as AuditResult;
      if (isNonconformity(outcome.result)) {
        summary.nonconformities++;
        summary.correctiveActionsOpen++;
        const action = await startChild<typeof correctiveAction>(CORRECTIVE_ACTION_WORKFLOW, {
          workflowId: childWorkflowIds.correctiveAction(workflowId, step.id),
          parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
          args: [
            {
              context,
              auditWorkflowId: workflowId,
              step,
              severity: outcome.result,
              finding: outcome.finding ?? '',
              auditorUserId: signOff.completedBy,
            },
          ],
        });
        // Its start may have completed after the audit was cancelled (see CANCEL_CHILDREN_BY_ID).
        if (CancellationScope.current().consideredCancelled) cancelledAtStart.add(action.workflowId);
        actions.push(action);
        void followers.follow(action.workflowId, action.result());
      }
      await publish();
    }),
  );

  if (cannotStall && (stepsUnsigned > 0 || Date.now() >= closeAt)) {
    return notClosed('steps-not-signed-off', actions);
  }
  const closer = leadNow();
  const close = await board.run({
    taskId: `${workflowId}/close`,
    kind: 'audit-close',
    title: {
      vi: `Kết thúc đánh giá nội bộ, lập báo cáo năm ${context.year}`,
      en: `Close the ${context.year} internal audit with its report`,
    },
    assignee: closer,
    dueAt: windowEnd,
    ...deadlines(windowEnd, closer),
    form: { steps: summary.steps },
    validate: validateAuditCloseOutcome,
  });
  if (close.status !== 'completed') {
    if (!cannotStall) throw new Error('audit close cannot expire');
    return notClosed('not-closed-by-lead-auditor', actions);
  }
  let report = close.outcome.report;
  let submittedBy = close.completedBy;
  let closedAt = close.completedAt;
  if (patched(AUDIT_REPORT_APPROVAL)) {
    const approved = await approveReport();
    if (!approved) return notClosed('report-not-approved', actions);
    ({ report, submittedBy } = approved);
    closedAt = approved.approvedAt;
    summary.reportApproval = {
      approvedBy: approved.approvedBy,
      approvedAt: new Date(approved.approvedAt).toISOString(),
      rounds: approved.rounds,
    };
    await records.recordAudit({
      step: 'report-approved',
      cycleId: context.cycleId,
      auditId: workflowId,
      approvedBy: approved.approvedBy,
      rounds: approved.rounds,
      submittedBy,
      ...(approved.comments ? { comments: approved.comments } : {}),
      at: summary.reportApproval.approvedAt,
    });
  }
  summary.status = 'closed';
  summary.closedAt = new Date(closedAt).toISOString();
  await records.recordAudit({
    step: 'closed',
    cycleId: context.cycleId,
    auditId: workflowId,
    report,
    nonconformities: summary.nonconformities,
    closedBy: submittedBy,
    at: summary.closedAt,
  });
  await publish();
  return { ...summary, correctiveActions: await settleActions(actions) };

  /**
   * ISO 9.2.2 e: the report goes to the Quality Representative, whose programme the audit is; the
   * leader is a delegate and may approve it too (the task is escalated to them when overdue). A
   * report returned with comments goes back to the lead auditor (an `audit-close` task again, with
   * the comments), and the revision comes back for approval: as many rounds as needed. Each round
   * is due in 5 working days and, like every audit task, expires at the year's close: then the
   * report is not approved and the audit not closed. Undefined when that happens.
   */
  async function approveReport(): Promise<
    | {
        report: string;
        submittedBy: string;
        approvedBy: string;
        approvedAt: number;
        rounds: number;
        comments?: string;
      }
    | undefined
  > {
    const clock = cycleClock(context.shiftMs);
    const roundDueAt = () =>
      clock.toWorkflowMs(auditReportRoundDueAt(clock.toCalendarInstant(Date.now()), calendar));
    for (let round = 1; ; round++) {
      // The year's Quality Representative and leader as they are when the round opens: the role may
      // have been taken over since the audit began.
      const approver = qualityRepresentativeOf(context);
      const leader = leaderOf(context);
      const approvalDueAt = roundDueAt();
      const approval = await board.run({
        taskId: `${workflowId}/report/approve/${round}`,
        kind: 'audit-report-approval',
        title: {
          vi: `Phê duyệt báo cáo đánh giá nội bộ năm ${context.year} (lần ${round})`,
          en: `Approve the ${context.year} internal audit report (round ${round})`,
        },
        assignee: approver,
        delegates: leader.userId === approver.userId ? [] : [leader],
        dueAt: approvalDueAt,
        ...(cannotStall ? { notices: approvalNotices(approvalDueAt), expiresAt: closeAt } : {}),
        form: { round, report, submittedBy, steps: summary.steps, nonconformities: summary.nonconformities },
        validate: validateAuditReportApproval,
      });
      if (approval.status !== 'completed') {
        if (!cannotStall) throw new Error('audit report approval cannot expire');
        return undefined;
      }
      const answer = approval.outcome;
      if (answer.decision === 'approve') {
        return {
          report,
          submittedBy,
          approvedBy: approval.completedBy,
          approvedAt: approval.completedAt,
          rounds: round,
          ...(answer.comments ? { comments: answer.comments } : {}),
        };
      }
      const revisionDueAt = roundDueAt();
      const reviser = leadNow();
      const revision = await board.run({
        taskId: `${workflowId}/report/revise/${round}`,
        kind: 'audit-close',
        title: {
          vi: `Chỉnh sửa báo cáo đánh giá nội bộ theo ý kiến (lần ${round})`,
          en: `Revise the internal audit report (round ${round})`,
        },
        assignee: reviser,
        dueAt: revisionDueAt,
        ...deadlines(revisionDueAt, reviser),
        form: { steps: summary.steps, round, comments: answer.comments, report },
        validate: validateAuditCloseOutcome,
      });
      if (revision.status !== 'completed') {
        if (!cannotStall) throw new Error('audit report revision cannot expire');
        return undefined;
      }
      report = revision.outcome.report;
      submittedBy = revision.completedBy;
    }
  }

  /**
   * The approver is reminded before the due day; an overdue approval goes to the leader (on the
   * day an overdue report goes to its unit head): the Quality Representative answers to them, and
   * they may approve it themselves. Notices already past when the task opens are left out.
   */
  function approvalNotices(dueAt: number): TaskNotice[] {
    const clock = cycleClock(context.shiftMs);
    const due = clock.toCalendarInstant(dueAt);
    const [firstEscalation] = escalationsAt(due, calendar);
    const notices: TaskNotice[] = [
      {
        at: clock.toWorkflowMs(reminderAt(due, calendar)),
        reason: 'reminder',
        recipient: qualityRepresentativeOf(context),
      },
      {
        at: clock.toWorkflowMs(firstEscalation.at),
        reason: 'escalated',
        level: 'leader',
        recipient: leaderOf(context),
      },
    ];
    return notices.filter((notice) => notice.at > Date.now());
  }

  /** Waits for the corrective actions: verified effective, or (on this code) carried forward at the close. */
  async function settleActions(
    handles: ChildWorkflowHandle<typeof correctiveAction>[],
  ): Promise<CorrectiveActionResult[]> {
    const results: CorrectiveActionResult[] = [];
    for (const action of handles) {
      const result = await action.result();
      results.push(result);
      if (result.effective) {
        summary.correctiveActionsOpen--;
        await publish();
      }
    }
    await condition(allHandlersFinished);
    return results;
  }

  /** The year's close came before the audit was closed: recorded, and the cycle goes on without it. */
  async function notClosed(
    reason: 'no-plan' | 'steps-not-signed-off' | 'not-closed-by-lead-auditor' | 'report-not-approved',
    handles: ChildWorkflowHandle<typeof correctiveAction>[],
  ): Promise<InternalAuditResult> {
    summary.status = 'not-closed';
    await records.recordAudit({
      step: 'not-closed',
      cycleId: context.cycleId,
      auditId: workflowId,
      reason,
      stepsUnsigned,
      at: now(),
    });
    await publish();
    return { ...summary, correctiveActions: await settleActions(handles) };
  }
}
