import type {
  DraftWording,
  IsoDate,
  IsoInstant,
  Objective,
  ObjectiveStatus,
  AuditPlanStep,
  AuditResult,
  ReviewActionFollowUp,
} from '@qcycle/domain';

/** Workflow type names of the cycle's phases, each a child of `qualityCycle`. */
export const OBJECTIVES_APPROVAL_WORKFLOW = 'objectivesApproval';
export const ASSIGNMENT_WORKFLOW = 'objectivesAssignment';
export const OBJECTIVE_MONITORING_WORKFLOW = 'objectiveMonitoring';
export const INTERNAL_AUDIT_WORKFLOW = 'internalAudit';
export const CORRECTIVE_ACTION_WORKFLOW = 'correctiveAction';
export const MANAGEMENT_REVIEW_WORKFLOW = 'managementReview';

/** Child ids live under the cycle's id, so a cycle's whole tree lists with one prefix. */
export const childWorkflowIds = {
  approval: (cycleWorkflowId: string) => `${cycleWorkflowId}/approval`,
  assignment: (cycleWorkflowId: string) => `${cycleWorkflowId}/assignment`,
  monitoring: (cycleWorkflowId: string, objectiveId: string) =>
    `${cycleWorkflowId}/monitoring/${objectiveId}`,
  audit: (cycleWorkflowId: string) => `${cycleWorkflowId}/audit`,
  correctiveAction: (auditWorkflowId: string, stepId: string) => `${auditWorkflowId}/ca/${stepId}`,
  review: (cycleWorkflowId: string) => `${cycleWorkflowId}/review`,
};

export interface ApprovedDecision {
  documentNumber: string;
  signerName: string;
  signerTitle: string;
  signedBy: string;
  /**
   * Who entered a decision its signer signed on paper (the Quality Representative); absent when
   * the signer approved in qcycle.
   */
  enteredBy?: string;
  signingDate: IsoDate;
  effectiveDate: IsoDate;
  rounds: number;
  objectives: Objective[];
  /**
   * The decision's other words as approved (scope, legal bases, recipients, the Quality
   * Representative's title): the draft's, or a revision's. Absent from decisions approved before
   * it was kept, whose words are the draft the cycle started with.
   */
  wording?: DraftWording;
}

/** Who measures an objective after assignment: the unit and the person the tasks go to. */
export interface ObjectiveOwner {
  objectiveId: string;
  unitCode: string;
  userId: string;
}

export interface ObjectiveLiveState {
  objectiveId: string;
  number: number;
  status: ObjectiveStatus | 'pending';
  /** Who reports, once assigned. */
  ownerUserId?: string;
  measuredByEngine: boolean;
}

export interface AuditSummary {
  auditWorkflowId: string;
  /** `not-closed`: the year's close came first (objective 5 not achieved), docs/workflows.md. */
  status: 'planning' | 'in-progress' | 'closed' | 'not-closed' | 'cancelled';
  steps: (AuditPlanStep & { result?: AuditResult })[];
  nonconformities: number;
  correctiveActionsOpen: number;
  closedAt?: IsoInstant;
  /** Who approved the report that closed the audit, and when (audits closed on older code have none). */
  reportApproval?: { approvedBy: string; approvedAt: IsoInstant; rounds: number };
}

export interface ReviewSummary {
  reviewWorkflowId: string;
  /** `not-held`: the leader had not held it by the year's close (objective 1 cannot be achieved). */
  status: 'waiting' | 'held' | 'not-held';
  minutesRef?: string;
  /**
   * The actions the review decided; on reviews that follow them up (docs/workflows.md) each with its
   * id, owner and status (`ReviewActionFollowUp`), the status as it stood at the close.
   */
  actions: ({ title: string; ownerUnitCode: string; dueDate: IsoDate } & Partial<ReviewActionFollowUp>)[];
  /** The leader's judgement of the QMS objective at the review; it decides objective 1 at the close. */
  qmsJudgement?: { achieved: boolean; notes: string; judgedBy: string; judgedAt: IsoInstant };
  /** ISO 9.3.1 conclusion, when the review gave one. */
  conclusion?: { suitable: boolean; adequate: boolean; effective: boolean; notes?: string };
  attendees?: string[];
}
