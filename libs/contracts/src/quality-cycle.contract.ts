import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CycleCalendar,
  CycleDraft,
  CyclePhase,
  CycleStatus,
  IsoDate,
  IsoInstant,
  ObjectiveEvaluation,
  ObjectiveYearResult,
  ReviewActionFollowUp,
} from '@qcycle/domain';
import type {
  AuditSummary,
  ApprovedDecision,
  ObjectiveLiveState,
  ReviewSummary,
} from './cycle-workflows.contract';
import type { CorrectiveActionToContinue } from './nonconformity.contract';
import type { CycleRoster, PersonRef } from './roster.contract';
import type { TaskView } from './task.contract';

/** Workflow type name of the annual cycle, as registered by the worker. */
export const QUALITY_CYCLE_WORKFLOW = 'qualityCycle';

/** An organisation code: lower-case letters, digits and dashes, e.g. `kontum`. */
export const ORGANISATION_CODE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** One cycle per organisation and year: the workflow id makes a second start impossible. */
export function qualityCycleWorkflowId(organisationCode: string, year: number): string {
  return `quality-cycle/${organisationCode}/${year}`;
}

/** The id the API and the database use for a cycle, e.g. `kontum-2024` (URL-safe, no slashes). */
export function qualityCycleId(organisationCode: string, year: number): string {
  return `${organisationCode}-${year}`;
}

/** Inverse of {@link qualityCycleId}; undefined for a string that is not a cycle id. */
export function parseQualityCycleId(cycleId: string): { organisationCode: string; year: number } | undefined {
  const match = /^(.+)-(\d{4})$/.exec(cycleId);
  if (!match || !ORGANISATION_CODE_PATTERN.test(match[1])) return undefined;
  return { organisationCode: match[1], year: Number(match[2]) };
}

export interface StartQualityCycleInput {
  cycleId: string;
  organisationCode: string;
  year: number;
  /** Who started the cycle (user id), for the record. */
  startedBy: string;
  /** The Quality Representative's draft of the year's objectives (e.g. a template re-yeared). */
  draft: CycleDraft;
  /** When everything happens, as data (libs/domain `defaultCycleCalendar`). */
  calendar: CycleCalendar;
  /** Who plays which role; the workflow gives tasks only to these people. */
  roster: CycleRoster;
  /**
   * Indicators the engine measures from its own records at close instead of asking a person:
   * `qmsMaintained` (judged: audit done, review held, actions closed) and `internalAudits` (count of
   * completed audits). See `engineMeasuredIndicators` for the default by indicator id.
   */
  engineMeasured?: { qmsMaintained?: string; internalAudits?: string };
  /**
   * A rehearsal runs the calendar's year starting now (training, time-skipping tests): the whole
   * schedule is shifted by whole weeks so 1 January falls at or just before the workflow's start.
   * Period keys and results still name the calendar's year. See docs/workflows.md.
   */
  rehearsal?: boolean;
  /**
   * With `rehearsal`: the calendar date the rehearsal begins on (default 1 January), so that what
   * comes before it is already past at the start, e.g. `2024-10-01` to train the internal audit.
   */
  rehearsalFrom?: IsoDate;
  /**
   * Last year's review actions with their status at its close (ISO 9.3.2 a), from last year's
   * next-year draft (`POST /cycles/{id}/next-year`); without them the review reads last year's record.
   */
  previousActions?: ReviewActionFollowUp[];
  /**
   * Last year's corrective actions still open at its close, continued in this year (ISO 10.2: an
   * action is followed until verified effective). Absent on cycles started before they were.
   */
  correctiveActionsToContinue?: CorrectiveActionToContinue[];
}

/** The year's result, returned by the cycle and stored per objective. */
export interface QualityCycleResult {
  cycleId: string;
  status: CycleStatus;
  decision?: ApprovedDecision;
  objectives: ObjectiveEvaluation[];
  /** Every objective achieved, not achieved, or not evaluable with the reason (absent when cancelled). */
  results?: ObjectiveYearResult[];
  closedAt: IsoInstant;
}

/**
 * Default `engineMeasured`: the judged indicator whose id ends in `-qms-maintained` and the count
 * indicator whose id ends in `-internal-audits` (the Kon Tum template's objectives 1 and 5).
 */
export function engineMeasuredIndicators(draft: CycleDraft): {
  qmsMaintained?: string;
  internalAudits?: string;
} {
  const indicators = draft.objectives.flatMap((objective) => objective.indicators);
  return {
    qmsMaintained: indicators.find((i) => i.kind === 'judged' && i.id.endsWith('-qms-maintained'))?.id,
    internalAudits: indicators.find((i) => i.kind === 'count' && i.id.endsWith('-internal-audits'))?.id,
  };
}

/** The live state of a cycle, answered by {@link cycleStateQuery}. */
export interface QualityCycleState {
  cycleId: string;
  organisationCode: string;
  year: number;
  status: CycleStatus;
  phase: CyclePhase;
  /** Milliseconds the calendar is shifted by in a rehearsal; 0 for a real year. */
  scheduleShiftMs: number;
  decision?: ApprovedDecision;
  objectives: ObjectiveLiveState[];
  audit?: AuditSummary;
  review?: ReviewSummary;
  result?: ObjectiveEvaluation[];
  /** The dates the cycle goes by now, when the Quality Representative has moved them. */
  movedDates?: { auditWindow: { from: IsoDate; to: IsoDate }; managementReviewDate: IsoDate };
  /**
   * The calendar's dates the cycle goes by (calendar dates; shifted by `scheduleShiftMs` in a
   * rehearsal), moved ones included: what its timeline shows. Set from the start's calendar.
   */
  dates?: CycleCalendarDates;
  /**
   * Who the year gives each unit's work to now: its head on the roster, or whom it was taken over
   * by since (`moveUnitWork`). A query's answer: cycles started before it have it once replayed.
   */
  unitWork?: UnitWorkHolder[];
  /**
   * Who the year gives each of its roles to now: the roster's, or whom it was taken over by since
   * (`moveRole`). A query's answer: cycles started before it have it once replayed.
   */
  roles?: CycleRoleHolder[];
}

export interface UnitWorkHolder {
  unitCode: string;
  holderUserId: string;
}

/**
 * The roles a year gives one person each (the roster's `qualityRepresentative`, `leader` and lead
 * auditor): what the year opens for the role — the Quality Representative's audit approvals,
 * verifications, follow-ups and review preparation; the leader's approvals and the review's chair;
 * the lead auditor's audit plan and close — and the escalations at its level go to whoever holds it.
 */
export const CYCLE_ROLES = ['quality-representative', 'leader', 'lead-auditor'] as const;
export type CycleRole = (typeof CYCLE_ROLES)[number];

export interface CycleRoleHolder {
  role: CycleRole;
  holderUserId: string;
}

/** The dates of a cycle's calendar that its phases follow. */
export interface CycleCalendarDates {
  auditWindow: { from: IsoDate; to: IsoDate };
  managementReviewDate: IsoDate;
  closeDate: IsoDate;
}

export const cycleStateQuery = defineQuery<QualityCycleState>('cycleState');

/**
 * The Quality Representative moves the audit window or the review date of a running cycle, with a
 * reason (libs/domain `validateCycleDatesMove`); recorded as `cycle.dates-moved`. Send it to the
 * cycle (`quality-cycle/{org}/{year}`), with the request id as update id. Refused (CONFLICT) once
 * the phase has started, or for a cycle started before this existed.
 */
export interface MoveCycleDatesRequest {
  actorUserId: string;
  reason: string;
  auditWindow?: { from: IsoDate; to: IsoDate };
  managementReviewDate?: IsoDate;
  requestId?: string;
}

export interface CycleDatesMoved {
  auditWindow: { from: IsoDate; to: IsoDate };
  managementReviewDate: IsoDate;
  movedBy: string;
  movedAt: IsoInstant;
}

export const moveCycleDatesUpdate = defineUpdate<CycleDatesMoved, [MoveCycleDatesRequest]>('moveCycleDates');
/**
 * A unit's work taken over for the rest of the year (`POST /cycles/{id}/handovers` with `unitCode`,
 * or every hand-over of someone who left): what the year opens for the unit from now on — a
 * corrective action plan, a review action it owns, its reports' overdue notices — goes to `to`
 * instead of the head the roster gave it. Send it to the cycle (`quality-cycle/{org}/{year}`), with
 * the request id in the update id. The cycle moves only the units whose work `fromUserId` holds
 * (the roster's head, or whom an earlier move gave it to); recorded as `cycle.unit-work-moved`.
 */
export interface MoveUnitWorkRequest {
  actorUserId: string;
  fromUserId: string;
  /** The one taking it over, from the directory now (the API checked they are active). */
  to: PersonRef;
  reason: string;
  /** The units; absent: every unit whose work `fromUserId` holds (someone who left). */
  unitCodes?: string[];
  requestId?: string;
}

export interface UnitWorkMoved {
  /** The units whose work `to` holds now (none when `fromUserId` held no unit's work of this year). */
  unitCodes: string[];
}

export const moveUnitWorkUpdate = defineUpdate<UnitWorkMoved, [MoveUnitWorkRequest]>('moveUnitWork');

/** The cycle tells its running children that a unit's work moved ({@link MoveUnitWorkRequest}). */
export const unitWorkMovedSignal =
  defineSignal<[{ unitCode: string; fromUserId: string; to: PersonRef }]>('unitWorkMoved');

/**
 * One of the year's roles taken over for the rest of the year (`POST /cycles/{id}/handovers` of
 * someone who no longer holds it in the directory, to someone who does: a Chief of Office who
 * retired, a Vice-Chairman who moved): what the year opens for the role from now on, and the
 * escalations at its level, go to `to` instead of the roster's person, who may also act as it (raise
 * a nonconformity, move the cycle's dates). Send it to the cycle (`quality-cycle/{org}/{year}`), with
 * the request id in the update id. The cycle moves it only when `fromUserId` holds the role this year
 * (the roster's, or whom an earlier move gave it to); recorded as `cycle.role-moved`.
 */
export interface MoveRoleRequest {
  actorUserId: string;
  fromUserId: string;
  /** The one taking it over, from the directory now (the API checked they hold the role). */
  to: PersonRef;
  role: CycleRole;
  reason: string;
  requestId?: string;
}

export interface RoleMoved {
  /** Whether `to` holds the role now (false when `fromUserId` did not hold it this year). */
  moved: boolean;
}

export const moveRoleUpdate = defineUpdate<RoleMoved, [MoveRoleRequest]>('moveRole');

/** The cycle tells its running children that one of its roles moved ({@link MoveRoleRequest}). */
export const roleMovedSignal =
  defineSignal<[{ role: CycleRole; fromUserId: string; to: PersonRef }]>('roleMoved');

export const cancelCycleSignal = defineSignal<[{ reason: string; by: string }]>('cancelCycle');

/**
 * Children tell the cycle how the year goes, so its query shows it. `task-opened` and `task-closed`
 * come only from children started before `tasks-open-in-one-step` (workflows/src/tasks/human-task.ts):
 * the open tasks are read from the task records now.
 */
export type CycleProgressReport =
  | { type: 'task-opened'; task: TaskView }
  | { type: 'task-closed'; taskId: string }
  | { type: 'objective-status'; objectiveId: string; status: ObjectiveLiveState['status'] }
  | { type: 'audit'; audit: AuditSummary }
  /** The review was held: the cycle shows it while the review follows its actions up until the close. */
  | { type: 'review'; review: ReviewSummary };

export const cycleProgressSignal = defineSignal<[CycleProgressReport]>('cycleProgress');
