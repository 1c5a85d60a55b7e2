import type { CycleCalendar } from './cycle-calendar';
import type { IndicatorEvaluation, IndicatorValue } from './indicator-evaluation';
import type { JudgedMeasurement, Measurement } from './measurement';
import { periodKey } from './monitoring-period';
import type { Objective } from './objective';
import type { ObjectiveStatus } from './objective-evaluation';
import { evaluateObjectivesAt } from './objective-evaluation';
import type { IsoInstant } from './vietnam-time';
import { objectiveYearResult, type ObjectiveYearOutcome } from './year-end-result';

/** One objective as the management review sees it (ISO 9.3.2 c 2: the extent objectives are met). */
export interface ObjectiveResultAtReview {
  objectiveId: string;
  number: number;
  /** Where the objective stands on the review's day, by the calendar's due dates. */
  status: ObjectiveStatus;
  /** Every period of the year was due: the status is the year's result. */
  final: boolean;
  /** The year's result when final (achieved / not achieved / not evaluable). */
  result?: ObjectiveYearOutcome;
  /** Cumulative, exact figures per indicator (Σ numerators ÷ Σ denominators), with the reasons. */
  indicators: IndicatorEvaluation[];
  /** Judged by the leader at this review (objective 1), not computed from figures. */
  judgedAtReview?: true;
  /** The same objective's results in the organisation's earlier years, latest first (9.3.2 c: trends). */
  earlierYears?: EarlierYearResult[];
}

/** How the same objective ended an earlier year: its result and its indicators' figures that year. */
export interface EarlierYearResult {
  year: number;
  result: ObjectiveYearOutcome;
  /** The whole year's figure of each indicator this year's objective still has; none when not reported. */
  indicators: { indicatorId: string; value?: IndicatorValue }[];
}

/** The earlier years the management review sees an objective's trend over (this one's not included). */
export const TREND_YEARS = 3;

/**
 * An objective's result as an earlier year closed it (its `objective_results` row), for the trend
 * the management review considers (ISO 9.3.2 c). It is the same objective when it keeps its id and
 * at least one of its indicators — a draft carried from year to year keeps both — and only those
 * indicators are compared; otherwise undefined: a different objective that happens to reuse the id.
 */
export function earlierYearResult(
  year: number,
  closed: { objectiveId: string; status: ObjectiveStatus; indicators: IndicatorEvaluation[] },
  objective: Objective,
): EarlierYearResult | undefined {
  const kept = new Set(objective.indicators.map((indicator) => indicator.id));
  const indicators = closed.indicators.filter((indicator) => kept.has(indicator.indicatorId));
  if (indicators.length === 0) return undefined;
  return {
    year,
    result: objectiveYearResult({ ...closed, final: true }).result,
    indicators: indicators.map(({ indicatorId, value }) => ({
      indicatorId,
      ...(value === undefined ? {} : { value }),
    })),
  };
}

/**
 * Objective 1 as the leader judged it at the management review: the year's judged measurement,
 * with the review's minutes as its evidence. It replaces the engine's own reading of the records
 * (`qmsMaintainedMeasurement`), which is only what the leader was shown.
 */
export function qmsJudgedMeasurement(
  indicatorId: string,
  year: number,
  judgement: { achieved: boolean; judgedBy: string },
  evidence: readonly string[],
  reportedAt: IsoInstant,
): JudgedMeasurement {
  return {
    kind: 'judged',
    indicatorId,
    periodKey: periodKey('yearly', year, 1),
    reportedAt,
    late: false,
    evidence: [...evidence],
    achieved: judgement.achieved,
    reportedBy: judgement.judgedBy,
  };
}

/**
 * The results the management review is given, computed from the year's records before it meets:
 * every objective evaluated on the review's day (`asOf`, a calendar instant) with the figures
 * reported so far — the months still to be reported are not yet due, so they do not count against
 * it. Objectives in `judgedAtReview` (the QMS objective) are listed for the leader to judge.
 */
export function objectiveResultsAtReview(
  objectives: readonly Objective[],
  measurements: readonly Measurement[],
  asOf: IsoInstant,
  calendar: CycleCalendar,
  judgedAtReview: readonly string[] = [],
): ObjectiveResultAtReview[] {
  const evaluations = evaluateObjectivesAt(objectives, measurements, asOf, calendar);
  return objectives.map((objective, i) => {
    const evaluation = evaluations[i];
    if (judgedAtReview.includes(objective.id)) {
      return {
        objectiveId: objective.id,
        number: objective.number,
        status: 'not-measured',
        final: false,
        indicators: [],
        judgedAtReview: true,
      };
    }
    return {
      objectiveId: objective.id,
      number: objective.number,
      status: evaluation.status,
      final: evaluation.final,
      ...(evaluation.final ? { result: objectiveYearResult(evaluation).result } : {}),
      indicators: evaluation.indicators,
    };
  });
}
