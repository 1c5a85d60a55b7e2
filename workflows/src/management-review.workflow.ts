import { condition, allHandlersFinished, patched, workflowInfo } from '@temporalio/workflow';
import { paperToScanNoticeId, type ReviewSummary } from '@qcycle/contracts';
import {
  cycleClock,
  isPaperDayLate,
  judgeQmsMaintained,
  reviewActionId,
  reviewPreparationSchedule,
  validateManagementReviewOutcome,
  validateReviewActionOutcome,
  validateReviewPreparationOutcome,
  type ManagementReviewOutcome,
  type Objective,
  type ReviewActionFollowUp,
} from '@qcycle/domain';
import {
  auditTaskNotices,
  withChildTaskBoard,
  closeTimeOf,
  personOf,
  reportToCycle,
  sleepUntil,
  unitCodesOf,
  unitWorkHolder,
  cyclePeople,
  followWorkMoves,
  leaderOf,
  qualityRepresentativeOf,
  workflowTimeOf,
  type CycleContext,
} from './cycle-context';
import { whoseAnswer, type TaskBoard } from './tasks/human-task';
import { records } from './activities';
import { askClerksForScan } from './signed-paper-scan';

/**
 * Patch id (docs/versioning.md): the review task expires at the year's close, recorded
 * `review.not-held`, so a review that never met does not hold the close. Reviews opened on older
 * code wait for the leader.
 */
export const REVIEW_EXPIRES_AT_CLOSE = 'review-expires-at-close';

/**
 * Patch id (docs/versioning.md): each action of a held review has an owner (a person of the
 * roster) and a due date not before the review, and is followed up as a `review-action` task of its
 * owner until the close; the cycle is told the review was held at once (progress signal) and gets
 * the review's result, with each action's status, at the close. Reviews opened on older code end
 * when they are held, their actions not followed up.
 */
export const REVIEW_ACTIONS_FOLLOWED_UP = 'review-actions-followed-up';

/**
 * Patch id (docs/versioning.md): the Quality Representative prepares the review — a
 * `review-preparation` task opened REVIEW_PREPARATION_WORKING_DAYS working days before the review
 * date, due the working day before — and the review pack holds what they entered (ISO 9.3.2 b,
 * c 1, c 7, d, e, and notes on the compiled inputs). The cycle starts the review child when the
 * preparation opens (input `prepare`); a preparation not done by the review's morning is closed
 * (`expired`) and the review opens all the same, those inputs saying "not entered". Cycles on older
 * code start the review on its date, without a preparation.
 */
export const REVIEW_INPUTS_ENTERED = 'review-inputs-entered';

export interface ManagementReviewInput {
  context: CycleContext;
  /** Actions carried over from last year's review, if any (status of previous actions, 9.3.2 a). */
  previousActions?: ReviewActionFollowUp[];
  /** The year's objectives: the inputs then hold each objective's result on the review's day. */
  objectives?: Objective[];
  /** Engine-measured indicators; with `qmsMaintained` the leader judges that objective here. */
  engineMeasured?: { qmsMaintained?: string; internalAudits?: string };
  /**
   * Set by cycles on REVIEW_INPUTS_ENTERED, which start the review when its preparation opens: the
   * Quality Representative's `review-preparation` task comes first.
   */
  prepare?: boolean;
}

/**
 * ISO 9.3: on the review date the inputs (9.3.2) are compiled from the cycle's records; the leader
 * chairs and records the outputs (9.3.3) and the actions carried into next year.
 */
export async function managementReview(input: ManagementReviewInput): Promise<ReviewSummary> {
  return withChildTaskBoard(input.context, (board) => holdReview(input, board));
}

async function holdReview(
  { context, previousActions, objectives, engineMeasured, prepare }: ManagementReviewInput,
  board: TaskBoard,
): Promise<ReviewSummary> {
  const { workflowId } = workflowInfo();
  const { calendar } = context;
  // Its open tasks' escalations follow a role or a unit's work taken over (no delegates to add).
  followWorkMoves(context, { board });
  const expires = patched(REVIEW_EXPIRES_AT_CLOSE);
  const followUp = patched(REVIEW_ACTIONS_FOLLOWED_UP);
  const reviewAt = workflowTimeOf(context, calendar.managementReviewDate, calendar.notificationTime);
  // The year's results so far are computed before the review meets (ISO 9.3.2 c 2).
  const compile = (preparation?: ReviewPreparation) =>
    records.compileReviewInputs({
      cycleId: context.cycleId,
      previousActions,
      ...(preparation ? { preparation } : {}),
      ...(objectives
        ? {
            objectives,
            calendar,
            asOf: cycleClock(context.shiftMs).toCalendarInstant(Date.now()),
            engineMeasured,
          }
        : {}),
    });
  const preparation = prepare ? await prepareInputs(context, board, reviewAt, compile) : undefined;
  await sleepUntil(reviewAt);
  const inputs = await compile(preparation);
  const qmsObjective = objectives?.find((o) =>
    o.indicators.some((i) => i.id === engineMeasured?.qmsMaintained),
  );
  // Objective 1 is the leader's to judge; the form gives the criteria and the facts of the records.
  const facts = {
    internalAuditCompleted: inputs.auditResults.closed > 0,
    managementReviewCompleted: true,
    openCorrectiveActions: inputs.nonconformitiesAndCorrectiveActions.open,
  };
  const qmsForm = qmsObjective && {
    objectiveId: qmsObjective.id,
    criteria: {
      vi: 'Đạt khi đã đánh giá nội bộ, đã họp xem xét của lãnh đạo và các hành động khắc phục đã đóng, có hồ sơ chứng minh.',
      en: 'Achieved when the internal audit was held, the management review met and the corrective actions are closed, with records to show it.',
    },
    facts,
    engineReading: judgeQmsMaintained({ ...facts, evidence: [workflowId] }),
  };
  await records.recordManagementReview({
    step: 'inputs-compiled',
    cycleId: context.cycleId,
    reviewId: workflowId,
    inputs,
    at: new Date(Date.now()).toISOString(),
  });
  const dueAt = workflowTimeOf(context, calendar.managementReviewDate, calendar.monitoring.dueTime);
  const review = await board.run({
    taskId: `${workflowId}/review`,
    kind: 'management-review',
    title: {
      vi: `Chủ trì họp xem xét của lãnh đạo năm ${context.year}`,
      en: `Chair the ${context.year} management review`,
    },
    assignee: leaderOf(context),
    // A leader who chairs the meeting and signs its minutes on paper has them entered by the Quality Representative.
    enteredOnPaperBy: () => qualityRepresentativeOf(context),
    // Minutes signed on paper: the meeting is on time if held by its day, whenever they are entered.
    lateOnPaper: (answer) =>
      answer.heldOn
        ? isPaperDayLate(answer.heldOn, cycleClock(context.shiftMs).toCalendarInstant(dueAt))
        : undefined,
    dueAt,
    ...(expires ? { expiresAt: closeTimeOf(context) } : {}),
    form: { inputs, ...(qmsForm ? { qmsObjective: qmsForm } : {}) },
    // The meeting's day is checked against the year, and a real year's today; the validator runs
    // only when an answer arrives, never in replay, so the rule needs no patch.
    validate: (outcome) =>
      validateManagementReviewOutcome(outcome, {
        unitCodes: unitCodesOf(context),
        ...(followUp ? { userIds: rosterUserIds(context), reviewDate: calendar.managementReviewDate } : {}),
        year: context.year,
        ...(context.shiftMs === 0 ? { today: cycleClock(0).calendarDate(Date.now()) } : {}),
      }),
  });
  if (review.status !== 'completed') {
    if (!expires) throw new Error('management review cannot expire');
    await records.recordManagementReview({
      step: 'not-held',
      cycleId: context.cycleId,
      reviewId: workflowId,
      at: new Date(Date.now()).toISOString(),
    });
    await condition(allHandlersFinished);
    return { reviewWorkflowId: workflowId, status: 'not-held', actions: [] };
  }
  const heldAt = new Date(review.completedAt).toISOString();
  const { minutesRef, actions, qmsJudgement, conclusion, attendees } = review.outcome;
  // Minutes the leader signed on paper, entered by the Quality Representative: the leader who held
  // the task chaired. A validator rule and an activity's input: no patch.
  const chair = whoseAnswer(review);
  await records.recordManagementReview({
    step: 'held',
    cycleId: context.cycleId,
    reviewId: workflowId,
    outcome: review.outcome,
    chairedBy: chair.userId,
    ...(chair.enteredBy ? { enteredBy: chair.enteredBy } : {}),
    heldAt,
  });
  askClerksForScan(
    board,
    context,
    paperToScanNoticeId(workflowId),
    {
      // Named as the dossier's note names it: "… số BB-XXLĐ-2024".
      vi: `Biên bản họp xem xét của lãnh đạo năm ${context.year}${minutesRef ? ` số ${minutesRef}` : ''}`,
      en: `The minutes${minutesRef ? ` No. ${minutesRef}` : ''} of the ${context.year} management review`,
    },
    // What the answer rests on (the minutes' scan, from the form's box), as every answer may name.
    (review.outcome as { evidence?: string[] }).evidence,
  );
  const summary: ReviewSummary = {
    reviewWorkflowId: workflowId,
    status: 'held',
    minutesRef,
    actions,
    ...(qmsJudgement ? { qmsJudgement: { ...qmsJudgement, judgedBy: chair.userId, judgedAt: heldAt } } : {}),
    ...(conclusion ? { conclusion } : {}),
    ...(attendees ? { attendees } : {}),
  };
  if (followUp) {
    const followUps = actionsOf(context, workflowId, actions);
    // The cycle shows the review held now; its result, with the actions' status, comes at the close.
    await reportToCycle(context, { type: 'review', review: { ...summary, actions: followUps } });
    summary.actions = await followActionsUp(context, board, followUps);
  }
  await condition(allHandlersFinished);
  return summary;
}

type ReviewPreparation = NonNullable<Parameters<typeof records.compileReviewInputs>[0]['preparation']>;

/**
 * ISO 9.3.2: the Quality Representative enters the inputs the records cannot hold (b, c 1, c 7, d,
 * e) and may note the compiled ones, seeing them as they stand when the task opens. Due the working
 * day before the review; reminded the day before that. It never holds the review back: at the
 * review's morning it is closed `expired` and the inputs say they were not entered.
 */
async function prepareInputs(
  context: CycleContext,
  board: TaskBoard,
  reviewAt: number,
  compile: () => Promise<unknown>,
): Promise<ReviewPreparation> {
  // A review reached on or after its date (a cycle started late) opens at once, without a preparation.
  if (Date.now() >= reviewAt) return { status: 'not-entered' };
  const { workflowId } = workflowInfo();
  const clock = cycleClock(context.shiftMs);
  const schedule = reviewPreparationSchedule(context.calendar);
  await sleepUntil(clock.toWorkflowMs(schedule.opensAt));
  const qualityRepresentative = qualityRepresentativeOf(context);
  const dueAt = Math.min(clock.toWorkflowMs(schedule.dueAt), reviewAt);
  const result = await board.run({
    taskId: `${workflowId}/preparation`,
    kind: 'review-preparation',
    title: {
      vi: `Chuẩn bị đầu vào họp xem xét của lãnh đạo năm ${context.year}`,
      en: `Prepare the inputs of the ${context.year} management review`,
    },
    assignee: qualityRepresentative,
    dueAt,
    notices: auditTaskNotices(context, dueAt, qualityRepresentative).filter((notice) => notice.at < reviewAt),
    expiresAt: reviewAt,
    form: { reviewDate: schedule.reviewDate, compiled: await compile() },
    validate: validateReviewPreparationOutcome,
  });
  if (result.status !== 'completed') return { status: 'not-entered' };
  return {
    status: 'entered',
    inputs: result.outcome,
    enteredBy: result.completedBy,
    enteredAt: new Date(result.completedAt).toISOString(),
  };
}

/** Everyone the year knows (its roster, who took a unit's work over since): an action's owner is one of them. */
function rosterUserIds(context: CycleContext): string[] {
  return cyclePeople(context).map((person) => person.userId);
}

/** Each action with its id and owner: the person named, else whoever holds its unit's work. */
function actionsOf(
  context: CycleContext,
  reviewWorkflowId: string,
  actions: ManagementReviewOutcome['actions'],
): ReviewActionFollowUp[] {
  return actions.map((action, index) => ({
    actionId: reviewActionId(reviewWorkflowId, index + 1),
    title: action.title,
    ownerUnitCode: action.ownerUnitCode,
    ownerUserId: action.ownerUserId ?? unitWorkHolder(context, action.ownerUnitCode).userId,
    dueDate: action.dueDate,
    status: 'open',
  }));
}

/**
 * ISO 9.3.3: each action is its owner's task, due on its date, reminded and escalated like an
 * audit task (to the Quality Representative, then the leader), all at once in this workflow (at most
 * MAX_REVIEW_ACTIONS, so its history stays within budget). The owner reports done or not done;
 * nobody answering by the close leaves it open. Each outcome is recorded; whatever is not done at
 * the close is recorded carried forward, and next year's review lists it (9.3.2 a).
 */
async function followActionsUp(
  context: CycleContext,
  board: TaskBoard,
  actions: ReviewActionFollowUp[],
): Promise<ReviewActionFollowUp[]> {
  const close = closeTimeOf(context);
  const { cycleId } = context;
  const { workflowId } = workflowInfo();
  const followed = await Promise.all(
    actions.map(async (action): Promise<ReviewActionFollowUp> => {
      const owner = personOf(context, action.ownerUserId);
      const dueAt = workflowTimeOf(context, action.dueDate, context.calendar.monitoring.dueTime);
      const result = await board.run({
        taskId: action.actionId,
        kind: 'review-action',
        title: {
          vi: `Thực hiện hành động sau họp xem xét năm ${context.year}: ${action.title}`,
          en: `Carry out the ${context.year} management review action: ${action.title}`,
        },
        assignee: owner,
        unitCode: action.ownerUnitCode,
        dueAt,
        // Notices after the close would never be sent: the task expires then.
        notices: auditTaskNotices(context, dueAt, owner).filter((notice) => notice.at < close),
        expiresAt: close,
        form: { action },
        validate: validateReviewActionOutcome,
      });
      if (result.status !== 'completed') return action;
      const { done, note, evidence } = result.outcome;
      const reported: ReviewActionFollowUp = {
        ...action,
        status: done ? 'done' : 'not-done',
        note,
        ...(evidence?.length ? { evidence } : {}),
        reportedBy: result.completedBy,
        reportedAt: new Date(result.completedAt).toISOString(),
      };
      await records.recordManagementReview({
        step: 'action-reported',
        cycleId,
        reviewId: workflowId,
        action: reported,
        reportedBy: result.completedBy,
        reportedAt: reported.reportedAt as string,
      });
      return reported;
    }),
  );
  const carried = followed.filter((action) => action.status !== 'done');
  if (carried.length > 0) {
    await records.recordManagementReview({
      step: 'actions-carried-forward',
      cycleId,
      reviewId: workflowId,
      actions: carried,
      at: new Date(Date.now()).toISOString(),
    });
  }
  return followed.map((action) => (action.status === 'done' ? action : { ...action, carriedForward: true }));
}
