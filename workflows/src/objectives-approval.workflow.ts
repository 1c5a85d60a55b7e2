import { condition, allHandlersFinished, patched, workflowInfo } from '@temporalio/workflow';
import { paperToScanNoticeId, type ApprovedDecision } from '@qcycle/contracts';
import {
  cycleClock,
  isPaperDayLate,
  validateApprovalOutcome,
  validateCycleDraft,
  validateRevisionOutcome,
  wordingEdited,
  wordingOf,
  DRAFT_WORDING_FIELDS,
  type CycleDraft,
  type DraftWording,
  type Objective,
  type ObjectivesRevisionOutcome,
} from '@qcycle/domain';
import {
  START_OF_YEAR_DEADLINES,
  followWorkMoves,
  leaderOf,
  qualityRepresentativeOf,
  rosterPersonOf,
  withChildTaskBoard,
  startOfYearDeadline,
  type CycleContext,
} from './cycle-context';
import { records } from './activities';
import { askClerksForScan } from './signed-paper-scan';
import { whoseAnswer, type TaskBoard } from './tasks/human-task';

/**
 * Patch id (docs/versioning.md): the decision names the leader who approved — their name and title
 * from the roster — instead of the draft's signer text, which may name someone who never acted.
 * Decisions approved on older code keep the draft's text.
 */
export const DECISION_NAMES_APPROVER = 'decision-names-approver';

/**
 * Patch id (docs/versioning.md): a revision may change the decision's words besides its objectives
 * (scope, legal bases, recipients, the Quality Representative's title). Asked only after a revision
 * that carries one — older validators accepted such fields unread — so only those carry the marker.
 */
export const REVISION_REVISES_WORDING = 'revision-revises-wording';

/** Whether a revision gives any of the decision's words anew. */
const revisesWording = (outcome: ObjectivesRevisionOutcome) =>
  DRAFT_WORDING_FIELDS.some((field) => outcome[field] !== undefined);

export interface ObjectivesApprovalInput {
  context: CycleContext;
  draft: CycleDraft;
}

/**
 * ISO 6.2: the leader approves the draft or returns it with comments; the Quality Representative
 * revises and resubmits, as many rounds as needed. Approval records the decision.
 * Each round is due per the calendar (`startOfYear.approvalWorkingDays`): an overdue approval goes to
 * the Quality Representative, who follows it up with the leader; an overdue revision to the leader.
 */
export async function objectivesApproval(input: ObjectivesApprovalInput): Promise<ApprovedDecision> {
  return withChildTaskBoard(input.context, (board) => approveObjectives(input, board));
}

async function approveObjectives(
  { context, draft }: ObjectivesApprovalInput,
  board: TaskBoard,
): Promise<ApprovedDecision> {
  const { workflowId } = workflowInfo();
  // A leader or Quality Representative who took the role over during the approval has its next
  // rounds, and its escalations (the cycle's `roleMoved`).
  followWorkMoves(context, { board });
  let objectives: Objective[] = draft.objectives;
  // The decision's other words as the rounds have them: the draft's until a revision changes them.
  let wording: DraftWording = wordingOf(draft);
  // From the second round on: the draft the leader returned, what they asked, and what the revision
  // says it changed (the approval page shows what differs from that draft).
  let lastRound:
    | { comments: string; evidence?: string[]; note: string; objectives: Objective[]; wording: DraftWording }
    | undefined;
  for (let round = 1; ; round++) {
    const leader = leaderOf(context);
    const deadline = patched(START_OF_YEAR_DEADLINES)
      ? startOfYearDeadline(context, 'objectives-approval', leader)
      : undefined;
    const approval = await board.run({
      taskId: `${workflowId}/approve/${round}`,
      kind: 'objectives-approval',
      title: {
        vi: `Phê duyệt mục tiêu chất lượng năm ${context.year} (lần ${round})`,
        en: `Approve the ${context.year} quality objectives (round ${round})`,
      },
      assignee: leader,
      // A leader who signs on paper has their answer entered by the Quality Representative.
      enteredOnPaperBy: () => qualityRepresentativeOf(context),
      // A decision signed on paper is on time if signed by its due day, whenever it is entered.
      lateOnPaper: (answer) =>
        deadline && answer.decision === 'approve' && answer.signingDate
          ? isPaperDayLate(answer.signingDate, cycleClock(context.shiftMs).toCalendarInstant(deadline.dueAt))
          : undefined,
      form: { round, objectives, wording, ...(lastRound ? { lastRound } : {}) },
      ...deadline,
      // A real year (no schedule shift) is signed by today; the validator runs only when an answer
      // arrives, never in replay, so the rule needs no patch.
      validate: (outcome) =>
        validateApprovalOutcome(outcome, {
          year: context.year,
          ...(context.shiftMs === 0 ? { today: cycleClock(0).calendarDate(Date.now()) } : {}),
        }),
    });
    if (approval.status !== 'completed') throw new Error('approval task cannot expire');
    const outcome = approval.outcome;
    if (outcome.decision === 'approve') {
      const signingDate =
        outcome.signingDate ?? cycleClock(context.shiftMs).calendarDate(approval.completedAt);
      // A leader given the approval after the start (the one who signs left) is not on the roster:
      // the task knows them as the directory did when it was handed over. Only the decision's
      // record changes (an activity's input), so the patch that names the approver covers it.
      // A decision the leader signed on paper, entered for them by the Quality Representative, is
      // signed by the leader who held the task; who entered it is kept beside. The validator let
      // no one else enter it, so, like the signer's name, only the record's facts change: no patch.
      const signer = whoseAnswer(approval);
      const approver = patched(DECISION_NAMES_APPROVER)
        ? (rosterPersonOf(context, signer.userId) ?? signer.person)
        : undefined;
      const decision: ApprovedDecision = {
        documentNumber: outcome.documentNumber,
        // A roster taken before titles were kept has none: the draft's title, the one it signs as.
        signerName: approver?.name ?? draft.signer.name,
        signerTitle: approver?.title ?? draft.signer.title,
        signedBy: signer.userId,
        ...(signer.enteredBy ? { enteredBy: signer.enteredBy } : {}),
        signingDate,
        effectiveDate: signingDate,
        rounds: round,
        objectives,
        wording,
      };
      await records.recordDecision({
        cycleId: context.cycleId,
        organisationCode: context.organisationCode,
        year: context.year,
        approvalId: workflowId,
        decision,
        approvedBy: approval.completedBy,
        approvedAt: new Date(approval.completedAt).toISOString(),
      });
      askClerksForScan(
        board,
        context,
        paperToScanNoticeId(workflowId),
        {
          vi: `Quyết định số ${decision.documentNumber} phê duyệt mục tiêu chất lượng năm ${context.year}`,
          en: `Decision No. ${decision.documentNumber} approving the ${context.year} quality objectives`,
        },
        outcome.evidence,
      );
      await condition(allHandlersFinished);
      return decision;
    }
    const qualityRepresentative = qualityRepresentativeOf(context);
    const annotatedDraft = outcome.evidence?.length ? { evidence: outcome.evidence } : {};
    const revision = await board.run({
      taskId: `${workflowId}/revise/${round}`,
      kind: 'objectives-revision',
      title: {
        vi: `Chỉnh sửa dự thảo mục tiêu chất lượng theo ý kiến (lần ${round})`,
        en: `Revise the draft objectives (round ${round})`,
      },
      assignee: qualityRepresentative,
      // The scan of the draft the leader wrote on, when the return named one: form data, no patch.
      form: { round, comments: outcome.comments, ...annotatedDraft, objectives, wording },
      ...(patched(START_OF_YEAR_DEADLINES)
        ? startOfYearDeadline(context, 'objectives-revision', qualityRepresentative)
        : {}),
      // What is revised is checked as the draft the leader would receive (its problems named by
      // their paths in the draft: `objectives[2].title.vi`, `legalBases[1]`).
      validate: (candidate) => {
        const problems = validateRevisionOutcome(candidate);
        if (problems.length > 0) return problems;
        const revised = candidate as ObjectivesRevisionOutcome;
        if (!revised.objectives && !revisesWording(revised)) return problems;
        return validateCycleDraft({
          ...draft,
          ...wordingEdited(wording, revised),
          objectives: revised.objectives ?? objectives,
        });
      },
    });
    if (revision.status !== 'completed') throw new Error('revision task cannot expire');
    // Form data (an activity's input), not a command: no patch.
    const returned = { objectives, wording };
    objectives = revision.outcome.objectives ?? objectives;
    if (revisesWording(revision.outcome) && patched(REVISION_REVISES_WORDING))
      wording = wordingEdited(wording, revision.outcome);
    lastRound = { comments: outcome.comments, ...annotatedDraft, note: revision.outcome.note, ...returned };
  }
}
