import { condition, allHandlersFinished, patched, workflowInfo } from '@temporalio/workflow';
import {
  correctiveActionPlanDueAt,
  cycleClock,
  validateCorrectiveActionPlan,
  validateVerificationOutcome,
  type AuditPlanStep,
  type AuditResult,
  type CorrectiveActionPlanOutcome,
  type CorrectiveActionVerificationOutcome,
  type NonconformitySeverity,
  type NonconformitySource,
} from '@qcycle/domain';
import {
  auditTaskNotices,
  withChildTaskBoard,
  closeTimeOf,
  personOf,
  unitOf,
  unitWorkHolder,
  followWorkMoves,
  workflowTimeOf,
  type CycleContext,
} from './cycle-context';
import type { CorrectiveActionToContinue } from '@qcycle/contracts';
import { records } from './activities';
import type { TaskBoard } from './tasks/human-task';

/**
 * Patch id (docs/versioning.md): the plan and verification tasks expire at the year's close; an
 * action not verified effective by then is recorded `corrective-action.carried-forward` and the
 * workflow returns it open, to be listed in next year's management review inputs. Actions started
 * on older code wait until verified effective.
 */
export const CORRECTIVE_ACTION_CARRIED_FORWARD = 'corrective-action-carried-forward';

/**
 * Patch id (docs/versioning.md): the plan is due 10 working days after it is asked for, and the
 * plan and the verification are reminded and escalated (Quality Representative, then leader) like
 * the audit's tasks. Actions whose tasks opened on older code keep them without.
 */
export const CORRECTIVE_ACTION_DEADLINES = 'corrective-action-deadlines';

/**
 * Patch id (docs/versioning.md): a plan handed over with its unit's work (`movesUnitWork`: another
 * head took the unit over) or from someone who left (`fromLeft`), or the unit's work taken over while
 * the action runs, takes the later rounds' plans with it: each opens for the one it went to, not for
 * the unit's head when the action started. Asked only when that happened: actions for which it never
 * did replay as they ran.
 */
export const PLANS_FOLLOW_UNIT_WORK = 'plans-follow-unit-work';

/**
 * Patch id (docs/versioning.md): the Quality Representative's role taken over while the action runs
 * (the cycle's `roleMoved`) gives its verifications to the new one when the one it moved from was to
 * verify it (the Quality Representative as verifier, named or by default). Asked only when that
 * happened.
 */
export const VERIFICATIONS_FOLLOW_ROLE = 'verifications-follow-role';

/** An audit finding's corrective action, started by the internal audit (the input since the start). */
export interface AuditFindingCorrectiveActionInput {
  context: CycleContext;
  auditWorkflowId: string;
  step: AuditPlanStep;
  severity: AuditResult;
  finding: string;
  /** The auditor who raised it verifies it. */
  auditorUserId: string;
}

/**
 * A nonconformity from any other source (issue #9), started by the cycle when the Quality
 * Representative opens one (`openNonconformity`) or accepts the engine's proposal for a missed
 * objective. The cycle records it opened before starting this workflow.
 */
export interface NonconformityCorrectiveActionInput {
  context: CycleContext;
  nonconformity: {
    source: Exclude<NonconformitySource, 'audit-finding'>;
    description: string;
    unitCode: string;
    severity: NonconformitySeverity;
    raisedBy: string;
    /** The Quality Representative, or the person they named. */
    verifierUserId: string;
    objectiveId?: string;
    periodKey?: string;
  };
}

/**
 * Last year's corrective action, open at its close, continued in this year's cycle, started by the
 * cycle when the year starts (it records it carried in first). New input, so no history recorded
 * before it takes this path: no patch.
 */
export interface CarriedCorrectiveActionInput {
  context: CycleContext;
  carried: CorrectiveActionToContinue;
  /** Last year's verifier when still on this year's roster, else this year's Quality Representative. */
  verifierUserId: string;
}

export type CorrectiveActionInput =
  AuditFindingCorrectiveActionInput | NonconformityCorrectiveActionInput | CarriedCorrectiveActionInput;

export interface CorrectiveActionResult {
  correctiveActionId: string;
  /** The audit step it was found at; absent for nonconformities from other sources. */
  stepId?: string;
  source?: NonconformitySource;
  /** Verified effective; false when the year closed first and the action is carried forward. */
  effective: boolean;
  rounds: number;
  /**
   * Carried forward: what next year needs to continue it, for a next year already running at the
   * close (the cycle signals it). Absent on actions that ended on older code.
   */
  toContinue?: CorrectiveActionToContinue;
}

/** One nonconformity, whatever its source, as the flow below needs it. */
interface Nonconformity {
  source: NonconformitySource;
  unitCode: string;
  severity: AuditResult;
  description: string;
  raisedBy: string | null;
  verifierUserId: string;
  stepId?: string;
  /** What the plan task shows: an audit finding keeps the form it always had. */
  planForm: Record<string, unknown>;
  /** Carried from last year: which action, and its plan when that awaited verification. */
  carriedFrom?: { correctiveActionId: string; year: number; plan?: CorrectiveActionPlanOutcome };
}

function nonconformityOf(input: CorrectiveActionInput): Nonconformity {
  if ('carried' in input) {
    const { carried } = input;
    const carriedFrom = { correctiveActionId: carried.correctiveActionId, year: carried.year };
    return {
      source: carried.source,
      unitCode: carried.unitCode,
      severity: carried.severity,
      description: carried.description,
      raisedBy: carried.raisedBy,
      verifierUserId: input.verifierUserId,
      planForm: {
        finding: carried.description,
        severity: carried.severity,
        source: carried.source,
        unitCode: carried.unitCode,
        carriedFrom,
      },
      carriedFrom: { ...carriedFrom, ...(carried.plan ? { plan: carried.plan } : {}) },
    };
  }
  if ('nonconformity' in input) {
    const { nonconformity } = input;
    return {
      source: nonconformity.source,
      unitCode: nonconformity.unitCode,
      severity: nonconformity.severity,
      description: nonconformity.description,
      raisedBy: nonconformity.raisedBy,
      verifierUserId: nonconformity.verifierUserId,
      planForm: {
        finding: nonconformity.description,
        severity: nonconformity.severity,
        source: nonconformity.source,
        unitCode: nonconformity.unitCode,
        ...(nonconformity.objectiveId ? { objectiveId: nonconformity.objectiveId } : {}),
        ...(nonconformity.periodKey ? { periodKey: nonconformity.periodKey } : {}),
      },
    };
  }
  return {
    source: 'audit-finding',
    unitCode: input.step.unitCode,
    severity: input.severity,
    description: input.finding,
    raisedBy: input.auditorUserId,
    verifierUserId: input.auditorUserId,
    stepId: input.step.id,
    planForm: { finding: input.finding, severity: input.severity, step: input.step },
  };
}

/**
 * ISO 10.2 for one nonconformity, from an audit finding or any other source: the unit head records
 * correction, root cause, action, owner and due date; the verifier (the auditor who raised an audit
 * finding; the Quality Representative, or the person they named, for the others) verifies
 * effectiveness; not effective reopens it. One still open at the year's close is carried forward
 * (recorded) and never holds the close.
 */
export async function correctiveAction(input: CorrectiveActionInput): Promise<CorrectiveActionResult> {
  return withChildTaskBoard(input.context, (board) => correct(input, board));
}

async function correct(input: CorrectiveActionInput, board: TaskBoard): Promise<CorrectiveActionResult> {
  const { context } = input;
  const nc = nonconformityOf(input);
  const { workflowId } = workflowInfo();
  const unit = unitOf(context, nc.unitCode);
  /** The unit's work holder when the action started (the roster's head, or who took it over since). */
  const head = unitWorkHolder(context, nc.unitCode);
  /**
   * Who plans from now on: the head, until a plan is handed over with the unit's work or from someone
   * who left, or the unit's work is taken over while the action runs (the cycle's `unitWorkMoved`).
   */
  let planner = head;
  /** The verifier named when it was raised, until the Quality Representative's role moves from them. */
  const named = personOf(context, nc.verifierUserId);
  let verifier = named;
  followWorkMoves(context, {
    // Escalations of its open tasks follow a role taken over (its tasks have no delegates to add).
    board,
    onMoved: (move) => {
      if (move.unitCode === nc.unitCode) planner = move.to;
    },
    onRoleMoved: (move) => {
      if (move.role === 'quality-representative' && move.fromUserId === verifier.userId) verifier = move.to;
    },
  });
  /** Who verifies this round: the verifier now, on code that follows the role (see the patch). */
  const verifierNow = () =>
    verifier.userId !== named.userId && patched(VERIFICATIONS_FOLLOW_ROLE) ? verifier : named;
  const now = () => new Date(Date.now()).toISOString();
  const carriedForward = patched(CORRECTIVE_ACTION_CARRIED_FORWARD);
  const expiresAt = carriedForward ? closeTimeOf(context) : undefined;
  const ended = (effective: boolean, rounds: number): CorrectiveActionResult => ({
    correctiveActionId: workflowId,
    ...(nc.stepId !== undefined ? { stepId: nc.stepId } : {}),
    ...(nc.source !== 'audit-finding' || nc.carriedFrom ? { source: nc.source } : {}),
    effective,
    rounds,
  });
  const carryForward = async (
    round: number,
    waitingFor: 'plan' | 'verification',
    plan?: CorrectiveActionPlanOutcome,
  ) => {
    await records.recordCorrectiveAction({
      step: 'carried-forward',
      cycleId: context.cycleId,
      correctiveActionId: workflowId,
      round,
      waitingFor,
      at: now(),
    });
    await condition(allHandlersFinished);
    const toContinue: CorrectiveActionToContinue = {
      correctiveActionId: workflowId,
      year: context.year,
      source: nc.source,
      // A corrective action is opened only for a nonconformity: the audit's two grades of it.
      severity: nc.severity as NonconformitySeverity,
      unitCode: nc.unitCode,
      description: nc.description,
      raisedBy: nc.raisedBy,
      verifierUserId: nc.verifierUserId,
      waitingFor,
      ...(plan ? { plan } : {}),
    };
    return { ...ended(false, round), toContinue };
  };
  // Carried from last year: the titles say so, and the forms name last year's action.
  const fromLastYear = nc.carriedFrom
    ? { vi: `, chuyển từ năm ${nc.carriedFrom.year}`, en: `, carried from ${nc.carriedFrom.year}` }
    : { vi: '', en: '' };
  const carriedFrom = nc.carriedFrom
    ? { carriedFrom: { correctiveActionId: nc.carriedFrom.correctiveActionId, year: nc.carriedFrom.year } }
    : {};
  if ('step' in input) {
    await records.recordCorrectiveAction({
      step: 'opened',
      cycleId: context.cycleId,
      correctiveActionId: workflowId,
      auditId: input.auditWorkflowId,
      stepId: input.step.id,
      severity: input.severity,
      unitCode: input.step.unitCode,
      finding: input.finding,
      raisedBy: input.auditorUserId,
      at: now(),
    });
  }

  // The round the verifier found not effective, for the next plan's form: what was tried, and why it
  // did not work (ISO 10.2.1 c–d: the new plan answers the verifier's findings).
  let notEffective:
    | { round: number; plan: CorrectiveActionPlanOutcome; verification: CorrectiveActionVerificationOutcome }
    | undefined;
  for (let round = 1; ; round++) {
    const withDeadlines = patched(CORRECTIVE_ACTION_DEADLINES);
    const clock = cycleClock(context.shiftMs);
    const planDueAt = withDeadlines
      ? clock.toWorkflowMs(correctiveActionPlanDueAt(clock.toCalendarInstant(Date.now()), context.calendar))
      : undefined;
    // Last year's plan, carried in awaiting verification, is this year's first round's plan.
    const carriedPlan = round === 1 ? nc.carriedFrom?.plan : undefined;
    let plan = carriedPlan;
    if (!plan) {
      const asked = await planRound(round, planDueAt);
      if (asked.status !== 'completed') {
        if (!carriedForward) throw new Error('corrective action plan cannot expire');
        return carryForward(round, 'plan');
      }
      plan = asked.outcome;
      await records.recordCorrectiveAction({
        step: 'planned',
        cycleId: context.cycleId,
        correctiveActionId: workflowId,
        round,
        plan,
        plannedBy: asked.completedBy,
        at: new Date(asked.completedAt).toISOString(),
      });
    }
    const { correction, rootCause, action, ownerUserId, dueDate, evidence } = plan;

    const planDue = workflowTimeOf(context, dueDate, context.calendar.monitoring.dueTime);
    // A plan carried from last year was due then: its verification gets the time a plan would.
    const verifyDueAt = carriedPlan && planDueAt !== undefined ? Math.max(planDue, planDueAt) : planDue;
    const checker = verifierNow();
    const verification = await board.run({
      taskId: `${workflowId}/verify/${round}`,
      kind: 'corrective-action-verification',
      title: {
        vi: `Kiểm tra hiệu lực hành động khắc phục${fromLastYear.vi} (lần ${round})`,
        en: `Verify the corrective action's effectiveness${fromLastYear.en} (round ${round})`,
      },
      assignee: checker,
      unitCode: nc.unitCode,
      dueAt: verifyDueAt,
      expiresAt,
      ...(withDeadlines ? { notices: auditTaskNotices(context, verifyDueAt, checker) } : {}),
      // What the plan rests on goes with it: the verifier judges the effect from it (ISO 10.2 d).
      form: {
        finding: nc.description,
        correction,
        rootCause,
        action,
        ownerUserId,
        dueDate,
        ...(evidence?.length ? { evidence } : {}),
        ...carriedFrom,
      },
      validate: validateVerificationOutcome,
    });
    if (verification.status !== 'completed') {
      if (!carriedForward) throw new Error('verification cannot expire');
      return carryForward(round, 'verification', plan);
    }
    const verifiedAt = new Date(verification.completedAt).toISOString();
    const { effective } = verification.outcome;
    await records.recordCorrectiveAction({
      step: 'verified',
      cycleId: context.cycleId,
      correctiveActionId: workflowId,
      round,
      verification: verification.outcome,
      verifiedBy: verification.completedBy,
      at: verifiedAt,
    });
    if (effective) {
      await condition(allHandlersFinished);
      return ended(true, round);
    }
    notEffective = { round, plan, verification: verification.outcome };
  }

  /** The unit head's plan (ISO 10.2.1 a–c), asked for each round. */
  function planRound(round: number, planDueAt: number | undefined) {
    const assignee = planner.userId !== head.userId && patched(PLANS_FOLLOW_UNIT_WORK) ? planner : head;
    return board.run({
      taskId: `${workflowId}/plan/${round}`,
      kind: 'corrective-action-plan',
      title: {
        vi: `Khắc phục điểm không phù hợp tại ${unit.name.vi}${fromLastYear.vi} (lần ${round})`,
        en: `Correct the nonconformity at ${unit.name.en}${fromLastYear.en} (round ${round})`,
      },
      assignee,
      unitCode: nc.unitCode,
      expiresAt,
      ...(planDueAt === undefined
        ? {}
        : { dueAt: planDueAt, notices: auditTaskNotices(context, planDueAt, assignee) }),
      form: notEffective ? { ...nc.planForm, previousRound: notEffective } : nc.planForm,
      validate: (outcome) =>
        validateCorrectiveActionPlan(outcome, {
          userIds: [...new Set([planner, head, unit.head, ...unit.staff].map((p) => p.userId))],
        }),
      onReassigned: (to, request) => {
        if (request.fromLeft === true || request.movesUnitWork === true) planner = to;
      },
    });
  }
}
