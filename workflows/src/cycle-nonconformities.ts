import {
  ApplicationFailure,
  condition,
  isCancellation,
  log,
  setHandler,
  startChild,
  type CancellationScope,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import {
  CORRECTIVE_ACTION_WORKFLOW,
  QcycleErrorCode,
  correctiveActionsToContinueSignal,
  nonconformityProposalAcceptedSignal,
  nonconformityWorkflowId,
  openNonconformityUpdate,
  type CorrectiveActionToContinue,
  type NonconformityOpened,
  type QualityCycleState,
} from '@qcycle/contracts';
import {
  validateNonconformityRequest,
  type NonconformityDetails,
  type OpenableNonconformitySource,
} from '@qcycle/domain';
import { records } from './activities';
import {
  closeTimeOf,
  cyclePeople,
  qualityRepresentativeOf,
  type CycleContext,
  type WorkFollowers,
} from './cycle-context';
import type { correctiveAction, CorrectiveActionResult } from './corrective-action.workflow';
import { awaitedLater } from './tasks/settle-all';

/**
 * Nonconformities from any source (issue #9, docs/workflows.md "Nonconformities"), the cycle's part:
 * the Quality Representative opens one (`openNonconformity` Update) or accepts the engine's proposal
 * for a missed objective (a monitoring child's `nonconformityProposalAccepted` signal); the cycle
 * records it opened, then starts its corrective action as a child, `{cycle}/nonconformity/{n}`, in
 * the cycle's cancellation scope. At the close `settle()` waits for them like the audit's: verified
 * effective, or carried forward (their tasks expire at the close), never holding it.
 *
 * Both are new messages, so histories recorded before them never enter this code: no patch.
 */
export function installNonconformities(cycle: {
  context: CycleContext;
  state: QualityCycleState;
  /** The cycle's scope: cancelling the cycle cancels these children too. */
  scope: CancellationScope;
  /** Whether the cycle is being cancelled (the request arrived; the scope may not have run yet). */
  cancelling: () => boolean;
  /** The cycle waits for these when cancelled, so their tasks are recorded cancelled first. */
  children: Promise<unknown>[];
  noteIfCancelled: (childId: string) => void;
  /** Who the cycle tells of a unit's work taken over: its corrective actions, while they run. */
  followers: WorkFollowers;
}): {
  carryIn: (carried: CorrectiveActionToContinue[]) => Promise<void>;
  settle: () => Promise<CorrectiveActionResult[]>;
} {
  const { context, state, scope } = cycle;
  const { roster } = context;
  const handles: ChildWorkflowHandle<typeof correctiveAction>[] = [];
  let opened = 0;
  let opening = 0;
  /** Who and what a nonconformity may name: the year's units, and its people as it knows them now. */
  const references = () => ({
    unitCodes: roster.units.map((unit) => unit.code),
    userIds: cyclePeople(context).map((person) => person.userId),
  });
  /** Why one cannot be opened now: the cycle is closing (its results are being computed) or over. */
  const closedToNonconformities = (): string | undefined => {
    if (state.status !== 'running' || cycle.cancelling() || scope.consideredCancelled)
      return `Chu trình ${context.cycleWorkflowId} không còn đang chạy.`;
    if (state.phase === 'closing' || Date.now() >= closeTimeOf(context))
      return `Chu trình ${context.cycleWorkflowId} đang kết thúc năm: không mở thêm điểm không phù hợp.`;
    return undefined;
  };

  const open = async (
    nonconformity: NonconformityDetails & {
      source: OpenableNonconformitySource;
      raisedBy: string;
      objectiveId?: string;
      periodKey?: string;
      proposalTaskId?: string;
      requestId?: string;
    },
  ): Promise<NonconformityOpened> => {
    const workflowId = nonconformityWorkflowId(context.cycleWorkflowId, ++opened);
    const verifierUserId = nonconformity.verifierUserId ?? qualityRepresentativeOf(context).userId;
    const openedAt = new Date(Date.now()).toISOString();
    const { source, description, unitCode, severity, raisedBy, objectiveId, periodKey } = nonconformity;
    opening++;
    try {
      await records.recordCorrectiveAction({
        step: 'nonconformity-opened',
        cycleId: context.cycleId,
        correctiveActionId: workflowId,
        source,
        severity,
        unitCode,
        description,
        raisedBy,
        verifierUserId,
        ...(objectiveId ? { objectiveId } : {}),
        ...(periodKey ? { periodKey } : {}),
        ...(nonconformity.proposalTaskId ? { proposalTaskId: nonconformity.proposalTaskId } : {}),
        ...(nonconformity.requestId ? { requestId: nonconformity.requestId } : {}),
        at: openedAt,
      });
      await startCorrectiveAction(workflowId, {
        context,
        nonconformity: {
          source,
          description,
          unitCode,
          severity,
          raisedBy,
          verifierUserId,
          ...(objectiveId ? { objectiveId } : {}),
          ...(periodKey ? { periodKey } : {}),
        },
      });
    } finally {
      opening--;
    }
    return { nonconformityId: workflowId, source, unitCode, severity, raisedBy, verifierUserId, openedAt };
  };

  /** Its corrective action, a child in the cycle's scope that the close waits for. */
  const startCorrectiveAction = async (workflowId: string, input: Parameters<typeof correctiveAction>[0]) => {
    const handle = await scope.run(() =>
      startChild<typeof correctiveAction>(CORRECTIVE_ACTION_WORKFLOW, { workflowId, args: [input] }),
    );
    cycle.noteIfCancelled(handle.workflowId);
    handles.push(handle);
    cycle.children.push(awaitedLater(cycle.followers.follow(handle.workflowId, handle.result())));
  };

  /**
   * Last year's actions still open at its close, numbered among this year's nonconformities in the
   * order given. One whose unit is no longer on the roster is not continued (nobody could plan it):
   * it stays listed in the review's inputs (9.3.2) as last year's open action.
   */
  const continued = new Set<string>();
  const carryIn = async (carried: CorrectiveActionToContinue) => {
    // Sent both ways (at the start, and by last year's close while this year runs): continued once.
    if (continued.has(carried.correctiveActionId)) return;
    continued.add(carried.correctiveActionId);
    if (!roster.units.some((unit) => unit.code === carried.unitCode)) {
      log.warn('corrective action not carried in: its unit is not on the roster', {
        correctiveActionId: carried.correctiveActionId,
        unitCode: carried.unitCode,
      });
      return;
    }
    const workflowId = nonconformityWorkflowId(context.cycleWorkflowId, ++opened);
    const verifierUserId =
      carried.verifierUserId && references().userIds.includes(carried.verifierUserId)
        ? carried.verifierUserId
        : qualityRepresentativeOf(context).userId;
    opening++;
    try {
      await records.recordCorrectiveAction({
        step: 'carried-in',
        cycleId: context.cycleId,
        correctiveActionId: workflowId,
        carriedFrom: carried.correctiveActionId,
        source: carried.source,
        severity: carried.severity,
        unitCode: carried.unitCode,
        description: carried.description,
        raisedBy: carried.raisedBy,
        verifierUserId,
        ...(carried.plan ? { plan: carried.plan } : {}),
        at: new Date(Date.now()).toISOString(),
      });
      await startCorrectiveAction(workflowId, { context, carried, verifierUserId });
    } finally {
      opening--;
    }
  };

  setHandler(
    openNonconformityUpdate,
    (request) =>
      open({
        source: request.source,
        description: request.description.trim(),
        unitCode: request.unitCode,
        severity: request.severity,
        ...(request.verifierUserId ? { verifierUserId: request.verifierUserId } : {}),
        raisedBy: request.actorUserId,
        ...(request.objectiveId ? { objectiveId: request.objectiveId } : {}),
        ...(request.periodKey ? { periodKey: request.periodKey } : {}),
        ...(request.requestId ? { requestId: request.requestId } : {}),
      }),
    {
      validator: (request) => {
        const refuse = (type: QcycleErrorCode, message: string, details: unknown[] = []) => {
          throw ApplicationFailure.create({ type, message, nonRetryable: true, details });
        };
        const closed = closedToNonconformities();
        if (closed) refuse(QcycleErrorCode.Conflict, closed);
        if (request?.actorUserId !== qualityRepresentativeOf(context).userId)
          refuse(QcycleErrorCode.Forbidden, 'Chỉ Đại diện chất lượng được mở điểm không phù hợp.');
        const problems = validateNonconformityRequest(request, references());
        if (problems.length > 0)
          refuse(
            QcycleErrorCode.ValidationFailed,
            `Điểm không phù hợp không hợp lệ: ${problems.map((p) => `${p.path}: ${p.reason}`).join('; ')}`,
            [problems],
          );
      },
    },
  );

  setHandler(nonconformityProposalAcceptedSignal, async (accepted) => {
    // The proposal's task validated the details against the same roster; only the cycle's state
    // can have changed since (a proposal accepted as the year closes is too late to act on).
    const closed = closedToNonconformities();
    if (closed) {
      log.warn('nonconformity proposal accepted too late', {
        proposalTaskId: accepted.proposalTaskId,
        closed,
      });
      return;
    }
    try {
      await open({
        source: 'missed-objective',
        description: accepted.description,
        unitCode: accepted.unitCode,
        severity: accepted.severity,
        ...(accepted.verifierUserId ? { verifierUserId: accepted.verifierUserId } : {}),
        raisedBy: accepted.acceptedBy,
        objectiveId: accepted.objectiveId,
        periodKey: accepted.periodKey,
        proposalTaskId: accepted.proposalTaskId,
      });
    } catch (error) {
      // The cycle was cancelled while it was being opened: the cancellation closes everything.
      if (!isCancellation(error)) throw error;
    }
  });

  setHandler(correctiveActionsToContinueSignal, async (carried) => {
    // Last year closed while this year runs. Too late only if this year is itself closing or over.
    const closed = closedToNonconformities();
    if (closed) {
      log.warn('corrective actions from last year arrived too late', { closed, count: carried.length });
      return;
    }
    try {
      await Promise.all(carried.map(carryIn));
    } catch (error) {
      // The cycle was cancelled while they were being carried in: the cancellation closes everything.
      if (!isCancellation(error)) throw error;
    }
  });

  return {
    async carryIn(carried) {
      await Promise.all(carried.map(carryIn));
    },
    async settle() {
      // One accepted just before the close is still being recorded and started: count it too.
      await condition(() => opening === 0);
      return Promise.all(handles.map((handle) => handle.result()));
    },
  };
}
