import type { CycleCalendar } from './cycle-calendar';
import { periodsElapsedAt, periodsFor } from './cycle-calendar';
import { InvalidEvaluationInputError } from './domain-error';
import type { IndicatorEvaluation, IndicatorStatus } from './indicator-evaluation';
import { evaluateIndicator } from './indicator-evaluation';
import type { CountMeasurement, JudgedMeasurement, Measurement } from './measurement';
import { parsePeriodKey, periodKey, periodsInYear } from './monitoring-period';
import type { Objective } from './objective';
import type { IsoInstant } from './vietnam-time';

export type ObjectiveStatus = IndicatorStatus;

export interface ObjectiveEvaluation {
  objectiveId: string;
  status: ObjectiveStatus;
  final: boolean;
  indicators: IndicatorEvaluation[];
}

/** From worst to best: an objective is only as good as its weakest indicator. */
const STATUS_SEVERITY: readonly IndicatorStatus[] = [
  'missed',
  'at-risk',
  'not-measured',
  'on-track',
  'achieved',
];

/**
 * An objective takes the worst status of its indicators: achieved only when every indicator is
 * achieved, missed when any is missed, at risk when any is at risk. "Not measured" ranks below
 * "on track" because a target nobody has measured cannot be claimed, and above "at risk" because
 * at-risk figures need the quality representative's attention first. No indicators: not measured.
 */
export function combineStatuses(statuses: readonly IndicatorStatus[]): ObjectiveStatus {
  for (const status of STATUS_SEVERITY) if (statuses.includes(status)) return status;
  return 'not-measured';
}

/**
 * Evaluates every indicator of an objective for the periods elapsed so far (of the objective's
 * frequency) and combines them. Measurements of other objectives are ignored; a measurement filed
 * under another frequency's period key is refused.
 */
export function evaluateObjective(
  objective: Objective,
  measurements: readonly Measurement[],
  progress: { periodsElapsed: number },
): ObjectiveEvaluation {
  const indicatorIds = new Set(objective.indicators.map((indicator) => indicator.id));
  const own = measurements.filter((measurement) => indicatorIds.has(measurement.indicatorId));
  for (const measurement of own) {
    const key = parsePeriodKey(measurement.periodKey);
    if (key && key.frequency !== objective.frequency) {
      throw new InvalidEvaluationInputError(
        `${measurement.indicatorId} is measured ${objective.frequency}, not for period ${measurement.periodKey}`,
      );
    }
  }
  const yearProgress = {
    periodsElapsed: progress.periodsElapsed,
    periodsInYear: periodsInYear(objective.frequency),
  };
  const indicators = objective.indicators.map((indicator) => evaluateIndicator(indicator, own, yearProgress));
  return {
    objectiveId: objective.id,
    status: combineStatuses(indicators.map((evaluation) => evaluation.status)),
    final: yearProgress.periodsElapsed >= yearProgress.periodsInYear,
    indicators,
  };
}

/** Where every objective stands at instant `at` (workflow time), by the calendar's due dates. */
export function evaluateObjectivesAt(
  objectives: readonly Objective[],
  measurements: readonly Measurement[],
  at: IsoInstant,
  calendar: CycleCalendar,
): ObjectiveEvaluation[] {
  return objectives.map((objective) =>
    evaluateObjective(objective, measurements, {
      periodsElapsed: periodsElapsedAt(periodsFor(objective.frequency, calendar.year, calendar), at),
    }),
  );
}

/** The year's result for every objective, as the close phase records it in the annual report. */
export function evaluateYearEnd(
  objectives: readonly Objective[],
  measurements: readonly Measurement[],
): ObjectiveEvaluation[] {
  return objectives.map((objective) =>
    evaluateObjective(objective, measurements, { periodsElapsed: periodsInYear(objective.frequency) }),
  );
}

/** What the engine's own records say about the QMS in the year (objective 1 of the seed). */
export interface QmsMaintenanceFacts {
  internalAuditCompleted: boolean;
  managementReviewCompleted: boolean;
  /** Corrective actions (ISO 10.2) not yet closed after verification of effectiveness. */
  openCorrectiveActions: number;
  /** Record references: audit report, review minutes, action records. */
  evidence: string[];
}

export type QmsMaintenanceGap =
  'internal-audit-not-completed' | 'management-review-not-held' | 'corrective-actions-open' | 'no-evidence';

/**
 * "Maintain and improve the QMS" is achieved when the internal audit was completed, the management
 * review was held and every corrective action is closed — with records to show it. Each missing
 * condition is listed so the review can see why it was not.
 */
export function judgeQmsMaintained(facts: QmsMaintenanceFacts): {
  achieved: boolean;
  gaps: QmsMaintenanceGap[];
} {
  const gaps: QmsMaintenanceGap[] = [];
  if (!facts.internalAuditCompleted) gaps.push('internal-audit-not-completed');
  if (!facts.managementReviewCompleted) gaps.push('management-review-not-held');
  if (facts.openCorrectiveActions > 0) gaps.push('corrective-actions-open');
  if (facts.evidence.length === 0) gaps.push('no-evidence');
  return { achieved: gaps.length === 0, gaps };
}

/** The judged, yearly measurement of objective 1, built from the engine's records at close. */
export function qmsMaintainedMeasurement(
  indicatorId: string,
  year: number,
  facts: QmsMaintenanceFacts,
  reportedAt: IsoInstant,
): JudgedMeasurement {
  return {
    kind: 'judged',
    indicatorId,
    periodKey: periodKey('yearly', year, 1),
    reportedAt,
    late: false,
    evidence: [...facts.evidence],
    achieved: judgeQmsMaintained(facts).achieved,
  };
}

/** The yearly count of objective 5: internal audits the engine saw completed in the year. */
export function internalAuditsMeasurement(
  indicatorId: string,
  year: number,
  completedAuditIds: readonly string[],
  reportedAt: IsoInstant,
): CountMeasurement {
  // An audit recorded twice is still one audit.
  const audits = [...new Set(completedAuditIds)];
  return {
    kind: 'count',
    indicatorId,
    periodKey: periodKey('yearly', year, 1),
    reportedAt,
    late: false,
    evidence: audits,
    value: audits.length,
  };
}
