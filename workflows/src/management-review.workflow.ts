import { condition, allHandlersFinished, patched, workflowInfo } from '@temporalio/workflow';
import type { ReviewSummary } from '@qcycle/contracts';
import {
  cycleClock,
  judgeQmsMaintained,
  validateManagementReviewOutcome,
  type Objective,
} from '@qcycle/domain';
import {
  childTaskBoard,
  closeTimeOf,
  sleepUntil,
  unitCodesOf,
  workflowTimeOf,
  type CycleContext,
} from './cycle-context';
import { records } from './activities';

/**
 * Patch id (docs/versioning.md): the review task expires at the year's close, recorded
 * `review.not-held`, so a review that never met does not hold the close. Reviews opened on older
 * code wait for the leader.
 */
export const REVIEW_EXPIRES_AT_CLOSE = 'review-expires-at-close';

export interface ManagementReviewInput {
  context: CycleContext;
  /** Actions carried over from last year's review, if any (status of previous actions, 9.3.2 a). */
  previousActions?: unknown[];
  /** The year's objectives: the inputs then hold each objective's result on the review's day. */
  objectives?: Objective[];
  /** Engine-measured indicators; with `qmsMaintained` the leader judges that objective here. */
  engineMeasured?: { qmsMaintained?: string; internalAudits?: string };
}

/**
 * ISO 9.3: on the review date the inputs (9.3.2) are compiled from the cycle's records; the leader
 * chairs and records the outputs (9.3.3) and the actions carried into next year.
 */
export async function managementReview({
  context,
  previousActions,
  objectives,
  engineMeasured,
}: ManagementReviewInput): Promise<ReviewSummary> {
  const board = childTaskBoard(context);
  const { workflowId } = workflowInfo();
  const { calendar } = context;
  const expires = patched(REVIEW_EXPIRES_AT_CLOSE);
  await sleepUntil(workflowTimeOf(context, calendar.managementReviewDate, calendar.notificationTime));
  // The year's results so far are computed before the review meets (ISO 9.3.2 c 2).
  const inputs = await records.compileReviewInputs({
    cycleId: context.cycleId,
    previousActions,
    ...(objectives
      ? {
          objectives,
          calendar,
          asOf: cycleClock(context.shiftMs).toCalendarInstant(Date.now()),
          engineMeasured,
        }
      : {}),
  });
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
  const review = await board.run({
    taskId: `${workflowId}/review`,
    kind: 'management-review',
    title: {
      vi: `Chủ trì họp xem xét của lãnh đạo năm ${context.year}`,
      en: `Chair the ${context.year} management review`,
    },
    assignee: context.roster.leader,
    dueAt: workflowTimeOf(context, calendar.managementReviewDate, calendar.monitoring.dueTime),
    ...(expires ? { expiresAt: closeTimeOf(context) } : {}),
    form: { inputs, ...(qmsForm ? { qmsObjective: qmsForm } : {}) },
    validate: (outcome) => validateManagementReviewOutcome(outcome, { unitCodes: unitCodesOf(context) }),
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
  await records.recordManagementReview({
    step: 'held',
    cycleId: context.cycleId,
    reviewId: workflowId,
    outcome: review.outcome,
    chairedBy: review.completedBy,
    heldAt,
  });
  await condition(allHandlersFinished);
  return {
    reviewWorkflowId: workflowId,
    status: 'held',
    minutesRef,
    actions,
    ...(qmsJudgement
      ? { qmsJudgement: { ...qmsJudgement, judgedBy: review.completedBy, judgedAt: heldAt } }
      : {}),
    ...(conclusion ? { conclusion } : {}),
    ...(attendees ? { attendees } : {}),
  };
}
