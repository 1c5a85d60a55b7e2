import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CorrectiveActionPlanOutcome,
  IsoInstant,
  NonconformityDetails,
  NonconformitySeverity,
  NonconformitySource,
  OpenableNonconformitySource,
} from '@qcycle/domain';

/**
 * A nonconformity opened by the Quality Representative in a running cycle (issue #9): its corrective
 * action is a child of the cycle, `{cycleWorkflowId}/nonconformity/{n}`, numbered in the order opened.
 * (An audit finding's corrective action is a child of the audit, `childWorkflowIds.correctiveAction`.)
 */
export function nonconformityWorkflowId(cycleWorkflowId: string, number: number): string {
  return `${cycleWorkflowId}/nonconformity/${number}`;
}

/** Send to the cycle (`quality-cycle/{org}/{year}`) with `nonconformity-opened/{requestId}` as update id. */
export interface OpenNonconformityRequest extends NonconformityDetails {
  actorUserId: string;
  source: OpenableNonconformitySource;
  /** For a missed objective: which one and which period's evaluation found it. */
  objectiveId?: string;
  periodKey?: string;
  requestId?: string;
}

export interface NonconformityOpened {
  /** The corrective action's workflow id, also its id in the record. */
  nonconformityId: string;
  source: NonconformitySource;
  unitCode: string;
  severity: NonconformitySeverity;
  raisedBy: string;
  verifierUserId: string;
  openedAt: IsoInstant;
}

/**
 * Refused with FORBIDDEN for anyone but the cycle's Quality Representative, VALIDATION_FAILED with
 * the problems (libs/domain `validateNonconformityRequest`) for bad input, CONFLICT once the cycle
 * is closing or no longer running.
 */
export const openNonconformityUpdate = defineUpdate<NonconformityOpened, [OpenNonconformityRequest]>(
  'openNonconformity',
);

/**
 * A monitoring child tells the cycle that the Quality Representative accepted the engine's proposal
 * (task `proposalTaskId`, a `nonconformity-proposal`): the cycle opens the nonconformity as if
 * through {@link openNonconformityUpdate}. The task's validator has checked the details already.
 */
export interface NonconformityProposalAccepted extends NonconformityDetails {
  proposalTaskId: string;
  objectiveId: string;
  periodKey: string;
  acceptedBy: string;
}

export const nonconformityProposalAcceptedSignal = defineSignal<[NonconformityProposalAccepted]>(
  'nonconformityProposalAccepted',
);

/**
 * Last year's corrective action still open at its close (`corrective-action.carried-forward`),
 * continued in this year's cycle as a nonconformity of this year that names it (`carriedFrom`).
 * Waiting for its plan, the plan is asked for again; waiting for verification, this year's verifier
 * verifies last year's plan. Read from last year's record when the cycle starts (the API).
 */
export interface CorrectiveActionToContinue {
  /** Last year's corrective action: its workflow id, also its id in the record. */
  correctiveActionId: string;
  year: number;
  source: NonconformitySource;
  severity: NonconformitySeverity;
  unitCode: string;
  description: string;
  /** Who raised it last year (null on audit findings recorded before the column). */
  raisedBy: string | null;
  /** Who was to verify it last year: the auditor of an audit finding, else the person named. */
  verifierUserId: string | null;
  waitingFor: 'plan' | 'verification';
  /** Last year's plan, awaiting verification. */
  plan?: CorrectiveActionPlanOutcome;
}

/**
 * A year closing sends next year's cycle, already running, its corrective actions carried forward
 * (a next year started after the close reads them at its start instead). The cycle continues each
 * once, whichever way it came.
 */
export const correctiveActionsToContinueSignal = defineSignal<[CorrectiveActionToContinue[]]>(
  'correctiveActionsToContinue',
);
