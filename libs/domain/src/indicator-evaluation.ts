import { InvalidEvaluationInputError, InvalidMeasurementError } from './domain-error';
import type { Rational } from './exact-rational';
import {
  compareRationals,
  multiplyRational,
  rationalFromFraction,
  rationalFromNumber,
  roundRational,
} from './exact-rational';
import type {
  CountIndicator,
  Indicator,
  IndicatorTarget,
  JudgedIndicator,
  RatioIndicator,
} from './indicator';
import type { Measurement } from './measurement';
import { validateMeasurement } from './measurement';
import { cumulativeCases, periodCases } from './measurement-report-cases';
import { parsePeriodKey, periodsInYear as periodsInYearOf } from './monitoring-period';
import { instantToEpochMs } from './vietnam-time';

/**
 * - `on-track`: during the year, every due period reported and the cumulative figure meets the target;
 * - `at-risk`: during the year, the cumulative figure misses the target or a due report is missing;
 * - `achieved` / `missed`: the year is over and the whole-year figure meets / misses the target;
 * - `not-measured`: nothing to judge yet (no report, or only periods with no cases).
 */
export type IndicatorStatus = 'on-track' | 'at-risk' | 'missed' | 'achieved' | 'not-measured';

/** A ratio's figure; `percent` is rounded to 2 decimals for display — compare with {@link meetsTarget}. */
export interface RatioValue {
  kind: 'ratio';
  numerator: number;
  /** Every case the share is taken of: the settled ones, plus `pendingOverdue` when reported. */
  denominator: number;
  percent: number;
  /**
   * Of `denominator`, the cases still open and already overdue (at the end of the latest period
   * reported); present only when the reports gave the figure (docs/objectives.md).
   */
  pendingOverdue?: number;
}

export interface CountValue {
  kind: 'count';
  value: number;
}

export interface JudgedValue {
  kind: 'judged';
  achieved: boolean;
  evidence: string[];
}

export type IndicatorValue = RatioValue | CountValue | JudgedValue;

/**
 * The figure one measurement reports. A ratio over 0 cases (0/0: no dossier was settled that month)
 * has no value and returns `undefined`: it is a valid report, so the period is not missing, but it
 * neither helps nor hurts the target. Any other impossible figure (negative, fractional, numerator
 * above denominator, wrong kind) throws {@link InvalidMeasurementError}.
 */
export function measurementValue(indicator: RatioIndicator, measurement: Measurement): RatioValue | undefined;
export function measurementValue(indicator: CountIndicator, measurement: Measurement): CountValue;
export function measurementValue(indicator: JudgedIndicator, measurement: Measurement): JudgedValue;
export function measurementValue(indicator: Indicator, measurement: Measurement): IndicatorValue | undefined;
export function measurementValue(indicator: Indicator, measurement: Measurement): IndicatorValue | undefined {
  const problems = validateMeasurement(indicator, measurement);
  if (problems.length > 0) throw new InvalidMeasurementError(problems);
  switch (measurement.kind) {
    case 'ratio': {
      const cases = periodCases(measurement);
      return cases === 0 ? undefined : ratioValue(measurement.numerator, cases, measurement.pendingOverdue);
    }
    case 'count':
      return { kind: 'count', value: measurement.value };
    case 'judged':
      return { kind: 'judged', achieved: measurement.achieved, evidence: [...measurement.evidence] };
  }
}

/**
 * Whether a figure meets a target, exactly. A ratio n/d is n·100/d percent; the target's decimal
 * (up to 2 places, e.g. 66.67 = 6667/100) becomes a fraction too, and the two are compared by
 * cross-multiplying integers. So for "trên 80%" (`>` 80) 80/100 is not met and 81/100 is, and 2/3
 * does not reach 66.67% although it rounds to it. A plain number is read as it is written (80.5).
 */
export function meetsTarget(target: IndicatorTarget, value: number | RatioValue | CountValue): boolean {
  const comparison = compareRationals(exactValue(value), rationalFromNumber(target.value));
  switch (target.comparator) {
    case '>=':
      return comparison >= 0;
    case '>':
      return comparison > 0;
    case '<=':
      return comparison <= 0;
    case '=':
      return comparison === 0;
  }
}

/** Where the year stands: how many periods' reports have fallen due, of how many in the year. */
export interface EvaluationProgress {
  periodsElapsed: number;
  periodsInYear: number;
}

export type EvaluationReason =
  /** no report at all */
  | 'no-measurements'
  /** reports exist but all ratios are 0/0 */
  | 'no-cases'
  /** a period whose report is due has none */
  | 'periods-missing'
  | 'target-not-met'
  /** the target can no longer be met this year whatever the remaining periods bring (e.g. one late dossier under "100% on time") */
  | 'target-unreachable';

export interface IndicatorEvaluation {
  indicatorId: string;
  status: IndicatorStatus;
  /** The year is over; the status is the year's result. */
  final: boolean;
  /** Cumulative figure of the reported periods; undefined when there is none. */
  value?: IndicatorValue;
  periodsDue: number;
  periodsReported: number;
  periodsMissing: number;
  lateReports: number;
  reasons: EvaluationReason[];
}

/**
 * The rule, as the quality representative applies it:
 *
 * 1. Only this indicator's measurements count; when a period was reported more than once, the latest
 *    report (by `reportedAt`) replaces the earlier ones — that is how a unit corrects a figure.
 * 2. The figure is cumulative over the reported periods: Σ numerators ÷ Σ denominators for ratios
 *    (not the average of monthly percentages, which would weigh a month of 2 dossiers like a month
 *    of 200), Σ values for counts, and "every period judged achieved" for judged indicators. A ratio
 *    that counts cases pending overdue adds those of the latest period reported to the denominator
 *    (a count at one instant, not summed: `measurement-report-cases.ts`).
 * 3. The year is over when `periodsElapsed ≥ periodsInYear`. Then the indicator is `achieved` only if
 *    every period was reported and the whole-year figure meets the target; a gap counts against it
 *    (`missed`), because achievement must be shown by retained evidence (ISO 9.1.1). With no report
 *    at all, or every period reported with no case all year (0/0), it is `not-measured`.
 * 4. During the year it is `at-risk` when a due report is missing or the cumulative figure misses
 *    the target, else `on-track`; `not-measured` when nothing is due yet, or only 0/0 was reported.
 *    A figure that can no longer recover is still `at-risk` (the year is not over) with the reason
 *    `target-unreachable`, so the quality representative sees it first.
 * 5. Late reports count like timely ones; lateness is reported (`lateReports`) but does not change
 *    whether the objective was met.
 */
export function evaluateIndicator(
  indicator: Indicator,
  measurements: readonly Measurement[],
  progress: EvaluationProgress,
): IndicatorEvaluation {
  assertProgress(progress);
  const { periodsElapsed, periodsInYear } = progress;
  const final = periodsElapsed >= periodsInYear;
  const periodsDue = Math.min(periodsElapsed, periodsInYear);
  const reported = latestReportPerPeriod(indicator, measurements, periodsInYear);
  const reportedDue = reported.filter((report) => report.index <= periodsDue);
  const periodsMissing = periodsDue - reportedDue.length;
  const value = cumulativeValue(
    indicator,
    reported.map((report) => report.measurement),
  );
  const met = value === undefined ? undefined : valueMeetsIndicator(indicator, value);

  const reasons: EvaluationReason[] = [];
  if (reported.length === 0) reasons.push('no-measurements');
  else if (value === undefined) reasons.push('no-cases');
  if (periodsMissing > 0) reasons.push('periods-missing');
  if (met === false) reasons.push('target-not-met');
  if (!final && met === false && value && cannotRecover(indicator, value, reportedDue))
    reasons.push('target-unreachable');

  return {
    indicatorId: indicator.id,
    status: statusOf({ final, anyReport: reported.length > 0, periodsDue, periodsMissing, met }),
    final,
    ...(value ? { value } : {}),
    periodsDue,
    periodsReported: reported.length,
    periodsMissing,
    lateReports: reported.filter((report) => report.measurement.late).length,
    reasons,
  };
}

function statusOf(facts: {
  final: boolean;
  anyReport: boolean;
  periodsDue: number;
  periodsMissing: number;
  met: boolean | undefined;
}): IndicatorStatus {
  const { final, anyReport, periodsDue, periodsMissing, met } = facts;
  if (final) {
    if (!anyReport) return 'not-measured';
    if (periodsMissing > 0) return 'missed';
    if (met === undefined) return 'not-measured';
    return met ? 'achieved' : 'missed';
  }
  if (!anyReport) return periodsDue === 0 ? 'not-measured' : 'at-risk';
  if (periodsMissing > 0) return 'at-risk';
  if (met === undefined) return 'not-measured';
  return met ? 'on-track' : 'at-risk';
}

function valueMeetsIndicator(indicator: Indicator, value: IndicatorValue): boolean {
  if (indicator.kind === 'judged' || value.kind === 'judged')
    return value.kind === 'judged' && value.achieved;
  return meetsTarget(indicator.target, value);
}

/**
 * Later periods only add cases. A ratio then can approach any percentage strictly between 0 and
 * 100 but never climb back to 100% once a case failed (nor down to 0%), and a count can only grow.
 */
function cannotRecover(
  indicator: Indicator,
  value: IndicatorValue,
  reportedDue: readonly PeriodReport[],
): boolean {
  switch (indicator.kind) {
    case 'ratio': {
      const { comparator, value: target } = indicator.target;
      if (comparator === '>=' || comparator === '>') return target >= 100;
      if (comparator === '<=') return target <= 0;
      return target <= 0 || target >= 100;
    }
    case 'count': {
      const { comparator } = indicator.target;
      return (
        (comparator === '<=' || comparator === '=') &&
        value.kind === 'count' &&
        !meetsTarget(indicator.target, value)
      );
    }
    case 'judged':
      return reportedDue.some(
        (report) => report.measurement.kind === 'judged' && !report.measurement.achieved,
      );
  }
}

interface PeriodReport {
  index: number;
  measurement: Measurement;
}

function latestReportPerPeriod(
  indicator: Indicator,
  measurements: readonly Measurement[],
  periodsInYear: number,
): PeriodReport[] {
  const latest = new Map<string, Measurement>();
  for (const measurement of measurements) {
    if (measurement.indicatorId !== indicator.id) continue;
    const problems = validateMeasurement(indicator, measurement);
    if (problems.length > 0) throw new InvalidMeasurementError(problems);
    const current = latest.get(measurement.periodKey);
    // `>=`: of two reports stamped the same instant, the one recorded later wins.
    if (!current || instantToEpochMs(measurement.reportedAt) >= instantToEpochMs(current.reportedAt)) {
      latest.set(measurement.periodKey, measurement);
    }
  }

  const reports = [...latest.values()].map((measurement) => {
    // validateMeasurement has checked the key parses.
    const key = parsePeriodKey(measurement.periodKey)!;
    if (periodsInYearOf(key.frequency) !== periodsInYear || key.index > periodsInYear) {
      throw new InvalidEvaluationInputError(
        `period ${measurement.periodKey} of ${indicator.id} does not fit a year of ${periodsInYear} periods`,
      );
    }
    return { year: key.year, index: key.index, measurement };
  });
  if (new Set(reports.map((report) => report.year)).size > 1) {
    throw new InvalidEvaluationInputError(`measurements of ${indicator.id} span several years`);
  }
  return reports.sort((a, b) => a.index - b.index).map(({ index, measurement }) => ({ index, measurement }));
}

function cumulativeValue(
  indicator: Indicator,
  measurements: readonly Measurement[],
): IndicatorValue | undefined {
  if (measurements.length === 0) return undefined;
  switch (indicator.kind) {
    case 'ratio': {
      const ratios = measurements.filter((m) => m.kind === 'ratio');
      const { numerator, cases, pendingOverdue } = cumulativeCases(ratios);
      if (![numerator, cases].every(Number.isSafeInteger))
        throw new InvalidEvaluationInputError('cumulative figure exceeds exact integer range');
      return cases === 0 ? undefined : ratioValue(numerator, cases, pendingOverdue);
    }
    case 'count':
      return { kind: 'count', value: safeSum(measurements.map((m) => (m.kind === 'count' ? m.value : 0))) };
    case 'judged': {
      const judged = measurements.filter((m) => m.kind === 'judged');
      return {
        kind: 'judged',
        achieved: judged.every((m) => m.achieved),
        evidence: judged.flatMap((m) => m.evidence),
      };
    }
  }
}

function ratioValue(numerator: number, denominator: number, pendingOverdue?: number): RatioValue {
  const percent = roundRational(percentOf(numerator, denominator), 2);
  // The key only when reported, so a value without it is the same object it always was.
  return {
    kind: 'ratio',
    numerator,
    denominator,
    percent,
    ...(pendingOverdue !== undefined ? { pendingOverdue } : {}),
  };
}

function percentOf(numerator: number, denominator: number): Rational {
  return multiplyRational(rationalFromFraction(numerator, denominator), { numerator: 100n, denominator: 1n });
}

function exactValue(value: number | RatioValue | CountValue): Rational {
  if (typeof value === 'number') return rationalFromNumber(value);
  if (value.kind === 'count') return rationalFromNumber(value.value);
  return percentOf(value.numerator, value.denominator);
}

function safeSum(values: readonly number[]): number {
  const sum = values.reduce((total, value) => total + value, 0);
  if (!Number.isSafeInteger(sum))
    throw new InvalidEvaluationInputError('cumulative figure exceeds exact integer range');
  return sum;
}

function assertProgress({ periodsElapsed, periodsInYear }: EvaluationProgress): void {
  if (!Number.isInteger(periodsElapsed) || periodsElapsed < 0) {
    throw new InvalidEvaluationInputError(
      `periodsElapsed must be a non-negative integer, got ${periodsElapsed}`,
    );
  }
  if (![1, 2, 4, 12].includes(periodsInYear)) {
    throw new InvalidEvaluationInputError(`periodsInYear must be 1, 2, 4 or 12, got ${periodsInYear}`);
  }
}
