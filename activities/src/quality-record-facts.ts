import type {
  AuditCloseOutcome,
  AuditPlanOutcome,
  AuditPlanStep,
  AuditResult,
  AuditStepOutcome,
  CorrectiveActionPlanOutcome,
  CorrectiveActionVerificationOutcome,
  IsoInstant,
  ManagementReviewOutcome,
  Measurement,
  NonconformitySeverity,
  NonconformitySource,
  ObjectiveEvaluation,
  ObjectiveStatus,
  PaperReport,
  ReviewActionFollowUp,
  ReviewPreparationOutcome,
} from '@qcycle/domain';
import type { ApprovedDecision, AuditSummary, QualityEventPayloads, ReviewSummary } from '@qcycle/contracts';

/*
 * What the workflows tell the record activities: domain facts — who did what, when, about which
 * objective, audit or action. The activities turn them into rows and typed events
 * (libs/contracts `QualityEventPayloads`); ids are derived from the facts (the record's id is the
 * id of the workflow that owns it, event ids add what happened), so a retried activity writes
 * nothing twice. Workflows never see a column.
 */

/** The leader approved the objectives (ISO 6.2): the decision is issued. */
export interface DecisionFacts {
  cycleId: string;
  organisationCode: string;
  year: number;
  /** The approval workflow's id: the decision's record id. */
  approvalId: string;
  decision: ApprovedDecision;
  approvedBy: string;
  approvedAt: IsoInstant;
  requestId?: string;
}

/** Article 2 (the Quality Representative gave each objective to a unit) or 4 (a unit head accepted). */
export type AssignmentFacts =
  | {
      step: 'delegated-to-units';
      cycleId: string;
      /** The assignment workflow's id: assignment record ids are `${assignmentId}/unit|staff/{objectiveId}`. */
      assignmentId: string;
      taskId: string;
      delegations: { objectiveId: string; unitCode: string; unitHeadUserId: string }[];
      delegatedBy: string;
      delegatedAt: IsoInstant;
    }
  | {
      step: 'accepted-by-unit';
      cycleId: string;
      assignmentId: string;
      taskId: string;
      unitCode: string;
      staffDelegations: { objectiveId: string; userId: string }[];
      /** A user id, or `system` when the unit is deemed to accept (`deemed`). */
      acceptedBy: string;
      acceptedAt: IsoInstant;
      deemed?: true;
    };

/** A period's report of one objective (ISO 9.1), as the domain measured it, and the status it led to. */
export interface MeasurementFacts {
  cycleId: string;
  objectiveId: string;
  periodKey: string;
  /** The period's measurement task: the rows are `${taskId}/${indicatorId}`. */
  taskId: string;
  measurements: Measurement[];
  reportedBy: string;
  reportedAt: IsoInstant;
  /** The report's lateness: by the paper's day when it was made on paper (`paperReport`). */
  late: boolean;
  /** Made on paper before qcycle asked for it, that day under that reference (docs/objectives.md). */
  paperReport?: PaperReport;
  /** The objective's status before and after the report; absent for cycles on older code. */
  statusChange?: { statusBefore: ObjectiveStatus; status: ObjectiveStatus };
  requestId?: string;
}

/** The internal audit (ISO 9.2) at each of its steps; `auditId` is the audit workflow's id. */
export type AuditFacts =
  | { step: 'opened'; cycleId: string; auditId: string; leadAuditorUserId: string; at: IsoInstant }
  | {
      step: 'planned';
      cycleId: string;
      auditId: string;
      plan: AuditPlanOutcome;
      plannedBy: string;
      at: IsoInstant;
    }
  | {
      step: 'closed';
      cycleId: string;
      auditId: string;
      report: AuditCloseOutcome['report'];
      nonconformities: number;
      closedBy: string;
      at: IsoInstant;
    }
  | {
      /** The report approved by the Quality Representative or the leader (then `closed` is recorded). */
      step: 'report-approved';
      cycleId: string;
      auditId: string;
      approvedBy: string;
      rounds: number;
      submittedBy: string;
      comments?: string;
      at: IsoInstant;
    }
  | {
      step: 'not-closed';
      cycleId: string;
      auditId: string;
      reason: QualityEventPayloads['audit.not-closed']['reason'];
      stepsUnsigned: number;
      at: IsoInstant;
    };

/** The audit's checklist: planned (every step), then each step signed off by its auditor. */
export type AuditStepFacts =
  | {
      step: 'planned';
      cycleId: string;
      auditId: string;
      steps: AuditPlanStep[];
      plannedBy: string;
      at: IsoInstant;
    }
  | {
      step: 'signed-off';
      cycleId: string;
      auditId: string;
      /** The plan's step id, e.g. `s2`. */
      stepId: string;
      outcome: AuditStepOutcome;
      signedOffBy: string;
      at: IsoInstant;
    };

/** A corrective action (ISO 10.2); `correctiveActionId` is its workflow's id. */
export type CorrectiveActionFacts =
  | {
      step: 'opened';
      cycleId: string;
      correctiveActionId: string;
      auditId: string;
      /** The plan's step id where the nonconformity was found, e.g. `s2`. */
      stepId: string;
      severity: AuditResult;
      unitCode: string;
      finding: string;
      raisedBy: string;
      at: IsoInstant;
    }
  | {
      /** A nonconformity not from the audit, opened by the Quality Representative (issue #9). */
      step: 'nonconformity-opened';
      cycleId: string;
      correctiveActionId: string;
      source: Exclude<NonconformitySource, 'audit-finding'>;
      severity: NonconformitySeverity;
      unitCode: string;
      description: string;
      raisedBy: string;
      verifierUserId: string;
      objectiveId?: string;
      periodKey?: string;
      proposalTaskId?: string;
      requestId?: string;
      at: IsoInstant;
    }
  | {
      /**
       * Last year's corrective action, open at its close, continued in this year's cycle: a new
       * record naming it (`carriedFrom`), with last year's plan when that awaited verification.
       */
      step: 'carried-in';
      cycleId: string;
      correctiveActionId: string;
      carriedFrom: string;
      source: NonconformitySource;
      severity: NonconformitySeverity;
      unitCode: string;
      description: string;
      raisedBy: string | null;
      verifierUserId: string;
      plan?: CorrectiveActionPlanOutcome;
      at: IsoInstant;
    }
  | {
      step: 'planned';
      cycleId: string;
      correctiveActionId: string;
      round: number;
      plan: CorrectiveActionPlanOutcome;
      plannedBy: string;
      at: IsoInstant;
    }
  | {
      step: 'verified';
      cycleId: string;
      correctiveActionId: string;
      round: number;
      verification: CorrectiveActionVerificationOutcome;
      verifiedBy: string;
      at: IsoInstant;
    }
  | {
      step: 'carried-forward';
      cycleId: string;
      correctiveActionId: string;
      round: number;
      waitingFor: 'plan' | 'verification';
      at: IsoInstant;
    };

/** The management review (ISO 9.3); `reviewId` is its workflow's id. */
export type ManagementReviewFacts =
  | { step: 'inputs-compiled'; cycleId: string; reviewId: string; inputs: object; at: IsoInstant }
  | { step: 'not-held'; cycleId: string; reviewId: string; at: IsoInstant }
  | {
      step: 'held';
      cycleId: string;
      reviewId: string;
      outcome: ManagementReviewOutcome;
      chairedBy: string;
      /** Who entered minutes the chair signed on paper (the Quality Representative); else absent. */
      enteredBy?: string;
      heldAt: IsoInstant;
    }
  /** An action's owner reported on it: the action with its new status, who and when. */
  | {
      step: 'action-reported';
      cycleId: string;
      reviewId: string;
      action: ReviewActionFollowUp;
      reportedBy: string;
      reportedAt: IsoInstant;
    }
  /** The actions not done at the close, carried into next year's review. */
  | {
      step: 'actions-carried-forward';
      cycleId: string;
      reviewId: string;
      actions: ReviewActionFollowUp[];
      at: IsoInstant;
    };

/**
 * The Quality Representative's preparation of the review (the `review-preparation` task): the
 * inputs entered, who and when; or `not-entered` when the review opened first.
 */
export type ReviewPreparationFacts =
  | { status: 'entered'; inputs: ReviewPreparationOutcome; enteredBy: string; enteredAt: IsoInstant }
  | { status: 'not-entered' };

/** The year's close: every objective's evaluation, and how the audit and the review ended. */
export interface YearResultFacts {
  cycleId: string;
  /** The cycle workflow's id: the event is `${cycleWorkflowId}/closed`. */
  cycleWorkflowId: string;
  evaluations: ObjectiveEvaluation[];
  auditStatus: AuditSummary['status'];
  reviewStatus: ReviewSummary['status'];
  /** The leader who judged objective 1 at the review; absent when the engine judged it. */
  objective1JudgedBy?: string;
  correctiveActionsCarriedForward: string[];
  closedAt: IsoInstant;
}

/** A task's notice or reassignment, as the task board tells it. */
export type TaskEventFacts =
  | { event: 'reminded'; cycleId: string; taskId: string; recipientUserId: string; at: IsoInstant }
  | {
      event: 'escalated';
      cycleId: string;
      taskId: string;
      /** An `EscalationLevel` (libs/domain); every escalation the workflows give has one. */
      level?: string;
      recipientUserId: string;
      at: IsoInstant;
    }
  | {
      event: 'reassigned';
      cycleId: string;
      taskId: string;
      /** The n-th reassignment of the task: its event is `${taskId}/reassigned/{n}`. */
      number: number;
      from: string;
      to: string;
      /** Who may still complete the task besides the new assignee. */
      delegateUserIds: string[];
      reason: string;
      reassignedBy: string;
      at: IsoInstant;
      requestId?: string;
    }
  | {
      /**
       * Who answers for the task besides its assignee changed: its unit's work was taken over (the
       * unit's new holder with the head it was taken from). The cycle records the move itself
       * (`cycle.unit-work-moved`): the task's row alone changes.
       */
      event: 'delegates-changed';
      cycleId: string;
      taskId: string;
      delegateUserIds: string[];
      at: IsoInstant;
    }
  | {
      event: 'urged';
      cycleId: string;
      taskId: string;
      /** The n-th time the task was urged: its event is `${taskId}/urged/{n}`. */
      number: number;
      recipientUserId: string;
      urgedBy: string;
      note?: string;
      /** Who was told of the urge (those who answer for the task); absent when nobody. */
      copiedToUserIds?: string[];
      at: IsoInstant;
      requestId?: string;
    }
  | {
      event: 'commented';
      cycleId: string;
      taskId: string;
      /** The n-th message about the task: its event is `${taskId}/commented/{n}`. */
      number: number;
      text: string;
      commentedBy: string;
      recipientUserIds: string[];
      at: IsoInstant;
      requestId?: string;
    };
