import type {
  AuditResult,
  CyclePhase,
  IsoDate,
  IsoInstant,
  LocalizedText,
  NonconformitySeverity,
  NonconformitySource,
  ObjectiveStatus,
  ObjectiveYearOutcome,
  QmsJudgement,
  ReviewActionStatus,
} from '@qcycle/domain';
import type { AuditSummary, ReviewSummary } from './cycle-workflows.contract';
import type { MeasurementCorrectedEventPayload } from './measurement-correction.contract';
import type { CycleRole } from './quality-cycle.contract';

/**
 * The payload of each event of a cycle's event log (`event_log.payload`), by event type. The
 * activities build them with these types (activities/src), the API reads them back with
 * {@link payloadOf}. Adding a field is safe; renaming or removing one changes what the API reads
 * from events already written, so keep old fields optional instead.
 */
export interface QualityEventPayloads {
  'cycle.started': { organisationCode: string; year: number };
  'cycle.phase-entered': { phase: CyclePhase };
  'cycle.cancelled': { phase: CyclePhase; reason: string };
  'cycle.dates-moved': {
    phase: CyclePhase;
    before: CycleDates;
    after: CycleDates;
    reason: string;
    requestId?: string;
  };
  /**
   * A unit's work taken over for the rest of the year (actor: who handed it over): what the year
   * opens for the unit from now on goes to `to` instead of `from`.
   */
  'cycle.unit-work-moved': { phase: CyclePhase; unitCode: string; from: string; to: string; reason: string };
  /**
   * One of the year's roles taken over for the rest of the year (actor: who handed it over): what
   * the year opens for it from now on goes to `to` instead of `from`.
   */
  'cycle.role-moved': { phase: CyclePhase; role: CycleRole; from: string; to: string; reason: string };
  'cycle.closed': {
    results: {
      objectiveId: string;
      status: ObjectiveStatus;
      result: ObjectiveYearOutcome;
      explanation?: LocalizedText;
    }[];
    auditStatus: AuditSummary['status'];
    reviewStatus: ReviewSummary['status'];
    /** The leader who judged objective 1 at the review, or `engine` when nobody did. */
    objective1JudgedBy: string;
    correctiveActionsCarriedForward: string[];
  };

  /** `kind` is a libs/domain `TaskKind`. */
  'task.opened': { taskId: string; kind: string; assigneeUserId: string; dueAt?: IsoInstant };
  'task.completed': { taskId: string; late: boolean; outcome: unknown };
  'task.reminded': { taskId: string; recipientUserId: string; level?: string };
  'task.escalated': { taskId: string; recipientUserId: string; level?: string };
  'task.reassigned': { taskId: string; from: string; to: string; reason: string };
  /**
   * The assignee urged to finish it (actor: who urged); `note`, their message when any;
   * `copiedToUserIds`, who was told of it (those who answer for the task), when anyone.
   */
  'task.urged': { taskId: string; recipientUserId: string; note?: string; copiedToUserIds?: string[] };
  /** A message about the task (actor: who wrote it), and whom it was sent to. */
  'task.commented': { taskId: string; text: string; recipientUserIds: string[] };
  'task.cancelled': TaskClosedPayload;
  'task.expired': TaskClosedPayload;
  'task.resolved': TaskClosedPayload;

  'objectives.approved': {
    documentNumber: string;
    signingDate: IsoDate;
    rounds: number;
    /** The leader who signed it on paper, when the actor entered it for them (the Quality Representative). */
    signedBy?: string;
  };
  'objectives.delegated': { delegations: { objectiveId: string; unitCode: string }[] };
  'objectives.unit-accepted': {
    unitCode: string;
    staffDelegations: { objectiveId: string; userId: string }[];
    /** Nobody answered the unit's task in time: the unit is deemed to accept, its head reporting (actor `system`). */
    deemed?: true;
  };

  'measurement.reported': {
    objectiveId: string;
    periodKey: string;
    /** By the paper's day when `paperReport` is there; else by when it was entered. */
    late: boolean;
    /**
     * Reported on paper before qcycle asked for it, that day (`YYYY-MM-DD`) under that reference
     * (docs/objectives.md "Reports made on paper"); absent for a report made in qcycle.
     */
    paperReport?: { date: string; reference: string };
    /** The objective's status before and after the report (absent on events of older cycles). */
    statusBefore?: ObjectiveStatus;
    status?: ObjectiveStatus;
  };
  'measurement.corrected': MeasurementCorrectedEventPayload;

  'audit.opened': Record<string, never>;
  'audit.planned': { steps: number };
  'audit.steps-planned': Record<string, never>;
  'audit.step-signed-off': { result: AuditResult };
  'audit.closed': { nonconformities: number };
  /**
   * The audit report approved (the event's actor: the Quality Representative or the leader), the
   * step that closes the audit on code with `patched('audit-report-approval')`; `rounds` counts the
   * submissions (2 after one return), `submittedBy` is the lead auditor who wrote the approved text.
   */
  'audit.report-approved': { rounds: number; submittedBy: string; comments?: string };
  'audit.not-closed': {
    /** `report-not-approved`: the lead auditor's report was still awaiting approval or revision at the close. */
    reason: 'no-plan' | 'steps-not-signed-off' | 'not-closed-by-lead-auditor' | 'report-not-approved';
    stepsUnsigned: number;
  };

  'corrective-action.opened': { severity: AuditResult; unitCode: string };
  /**
   * A nonconformity not from the audit (issue #9), opened by the Quality Representative (the event's
   * actor), directly or by accepting the engine's proposal for a missed objective; its corrective
   * action's events follow under the same id.
   */
  'nonconformity.opened': {
    source: NonconformitySource;
    severity: NonconformitySeverity;
    unitCode: string;
    description: string;
    verifierUserId: string;
    objectiveId?: string;
    periodKey?: string;
    /** The `nonconformity-proposal` task accepted, when the engine proposed it. */
    proposalTaskId?: string;
  };
  'corrective-action.planned': { round: number; dueDate: IsoDate };
  'corrective-action.closed': CorrectiveActionVerifiedPayload;
  'corrective-action.reopened': CorrectiveActionVerifiedPayload;
  'corrective-action.carried-forward': { round: number; waitingFor: 'plan' | 'verification' };
  /**
   * Last year's corrective action, open at its close, continued in this year's cycle under a new id
   * (the event's record) that names it; written by the engine when the year starts.
   */
  'corrective-action.carried-in': {
    carriedFrom: string;
    source: NonconformitySource;
    severity: NonconformitySeverity;
    unitCode: string;
    verifierUserId: string;
    waitingFor: 'plan' | 'verification';
  };

  'review.inputs-compiled': Record<string, never>;
  'review.not-held': Record<string, never>;
  'review.held': {
    minutesRef: string;
    actions: number;
    qmsJudgement?: QmsJudgement;
    /** The leader who chaired and signed the minutes on paper, when the actor entered them for them. */
    chairedBy?: string;
  };
  /** The owner of a review action reported on it (its `review-action` task). */
  'review.action-reported': {
    actionId: string;
    status: ReviewActionStatus;
    note?: string;
    evidence?: string[];
  };
  /** The actions not done at the year's close, carried into next year's review (ISO 9.3.2 a). */
  'review.actions-carried-forward': { actions: { actionId: string; status: ReviewActionStatus }[] };
  /** Next year's draft was prepared at the close, from the decision and the review's actions. */
  'cycle.next-year-draft-prepared': { nextCycleId: string; year: number; carriedActions: number };
  /** Next year's cycle was started from that draft. */
  'cycle.next-year-started': { nextCycleId: string };

  /** Written by the API's evidence register (apps/api/src/evidence), not by a workflow. */
  'evidence.uploaded': {
    evidenceId: string;
    recordType: string;
    recordKey: string;
    sha256: string;
    size: number;
    fileName: string;
  };
  /**
   * Written by the API's evidence register (`POST /cycles/{id}/evidence/{evidenceId}/withdraw`): a
   * scan uploaded as the signed decision or minutes was the wrong paper. The file stays on its record;
   * it is no longer listed beside the document. The actor withdrew it, for `reason`.
   */
  'evidence.withdrawn': {
    evidenceId: string;
    recordType: string;
    recordKey: string;
    fileName: string;
    reason: string;
  };
  /**
   * Written by the API's evidence register (`POST /cycles/{id}/evidence/{evidenceId}/erase`): the
   * Quality Representative (the actor) erased the file's content, which must not be kept, for
   * `reason`. The file stays listed with its name, size and hash; its bytes are gone.
   */
  'evidence.erased': {
    evidenceId: string;
    recordType: string;
    recordKey: string;
    sha256: string;
    size: number;
    fileName: string;
    reason: string;
  };
  /**
   * Written by the API's register (apps/api/src/documents, `PUT /documents/{id}/dispatch`): the number
   * and date the clerical office gave a registered version when it sent the signed paper, recorded by
   * the Quality Representative (the event's actor). A correction keeps what it replaced in `previous`,
   * with the reason given.
   */
  'document.dispatched': {
    documentId: string;
    type: string;
    version: number;
    number: string;
    dispatchedOn: IsoDate;
    previous?: {
      number: string;
      dispatchedOn: IsoDate;
      recordedBy: string | null;
      recordedAt: IsoInstant | null;
    };
    reason?: string;
  };
}

export interface CycleDates {
  auditWindow: { from: IsoDate; to: IsoDate };
  managementReviewDate: IsoDate;
}

export interface TaskClosedPayload {
  taskId: string;
  reason: string;
}

export interface CorrectiveActionVerifiedPayload {
  round: number;
  effective: boolean;
  notes: string;
}

export type QualityEventType = keyof QualityEventPayloads;

/** One event of the log with its typed payload, discriminated by `type`. */
export type QualityEventPayload = {
  [T in QualityEventType]: { type: T; payload: QualityEventPayloads[T] };
}[QualityEventType];

const QUALITY_EVENT_TYPES: Record<QualityEventType, true> = {
  'cycle.started': true,
  'cycle.phase-entered': true,
  'cycle.cancelled': true,
  'cycle.dates-moved': true,
  'cycle.unit-work-moved': true,
  'cycle.role-moved': true,
  'cycle.closed': true,
  'task.opened': true,
  'task.completed': true,
  'task.reminded': true,
  'task.escalated': true,
  'task.reassigned': true,
  'task.urged': true,
  'task.commented': true,
  'task.cancelled': true,
  'task.expired': true,
  'task.resolved': true,
  'objectives.approved': true,
  'objectives.delegated': true,
  'objectives.unit-accepted': true,
  'measurement.reported': true,
  'measurement.corrected': true,
  'audit.opened': true,
  'audit.planned': true,
  'audit.steps-planned': true,
  'audit.step-signed-off': true,
  'audit.closed': true,
  'audit.report-approved': true,
  'audit.not-closed': true,
  'corrective-action.opened': true,
  'nonconformity.opened': true,
  'corrective-action.planned': true,
  'corrective-action.closed': true,
  'corrective-action.reopened': true,
  'corrective-action.carried-forward': true,
  'corrective-action.carried-in': true,
  'review.inputs-compiled': true,
  'review.not-held': true,
  'review.held': true,
  'review.action-reported': true,
  'review.actions-carried-forward': true,
  'cycle.next-year-draft-prepared': true,
  'cycle.next-year-started': true,
  'evidence.uploaded': true,
  'evidence.withdrawn': true,
  'evidence.erased': true,
  'document.dispatched': true,
};

/** Every event type the engine records, e.g. for a catalogue that must name each one. */
export const qualityEventTypes = Object.keys(QUALITY_EVENT_TYPES) as readonly QualityEventType[];

export function isQualityEventType(type: string): type is QualityEventType {
  return Object.prototype.hasOwnProperty.call(QUALITY_EVENT_TYPES, type);
}

/**
 * An event-log row read back as its typed event; undefined for a type this contract does not know
 * (a newer writer's) — the log's JSON column does not know the types, the `type` does.
 * The one place where a stored payload becomes typed.
 */
export function typedEvent(entry: { type: string; payload: unknown }): QualityEventPayload | undefined {
  if (!isQualityEventType(entry.type)) return undefined;
  return { type: entry.type, payload: (entry.payload ?? {}) as never } as QualityEventPayload;
}

/** The payload of an event-log row known to be of type `type` (undefined when it is another type). */
export function payloadOf<T extends QualityEventType>(
  entry: { type: string; payload: unknown } | null | undefined,
  type: T,
): QualityEventPayloads[T] | undefined {
  if (!entry || entry.type !== type) return undefined;
  return (entry.payload ?? {}) as QualityEventPayloads[T];
}
