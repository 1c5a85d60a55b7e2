import type { Indicator } from './indicator';
import type { Measurement, RatioMeasurement } from './measurement';
import type { ValidationProblem } from './validation-problem';

/**
 * Which cases a ratio's share is taken of (docs/objectives.md, "Objective 4").
 *
 * Settled cases are a flow: the dossiers settled in March are March's alone, and the year's are
 * the sum of the months. Cases pending overdue are a stock: the dossiers still open on 31 March
 * whose deadline has passed. They are already late whatever happens next, so leaving them out
 * flatters the on-time rate (the one-stop reports kept under Decree 61/2018/NĐ-CP list them beside
 * the settled ones: "đang giải quyết — quá hạn"). But the same dossier, still open on 30 April, or settled late in
 * April, is reported again: summing the stocks of several months would count it twice. So:
 *
 * - one period: on time ÷ (settled + pending overdue at the period's end);
 * - several periods: Σ on time ÷ (Σ settled + pending overdue at the end of the latest period
 *   reported). A dossier settled late after being pending is then counted once, as settled late.
 *
 * A report without `pendingOverdue` (made before the indicator asked for it, or for an indicator
 * that does not) counts none, so its share is what it always was.
 */
export function periodCases(measurement: RatioMeasurement): number {
  return measurement.denominator + (measurement.pendingOverdue ?? 0);
}

/** A period's share as the reports give it: cases met, cases settled, and those pending overdue if asked. */
export interface ShareFigures {
  numerator: number;
  denominator: number;
  pendingOverdue?: number | null;
}

/**
 * The cases of the cumulative share over periods in order (the rule above): Σ met, and Σ settled
 * plus the latest period's pending overdue. The documents and the evaluation count with this.
 */
export function cumulativeCases(periodsInOrder: readonly ShareFigures[]): {
  numerator: number;
  cases: number;
  pendingOverdue?: number;
} {
  const pendingOverdue = periodsInOrder.at(-1)?.pendingOverdue ?? undefined;
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    numerator: sum(periodsInOrder.map((p) => p.numerator)),
    cases: sum(periodsInOrder.map((p) => p.denominator)) + (pendingOverdue ?? 0),
    ...(pendingOverdue !== undefined ? { pendingOverdue } : {}),
  };
}

/**
 * Two shares of the same cases (objective 4: dossiers per process, dossiers on time) must report
 * the same settled cases, and the same cases pending overdue when both count them; otherwise one of
 * the two figures is wrong and the report is refused (422) naming the field. `measurements` are the
 * report's, one per indicator in the indicators' order.
 */
export function sameCasesProblems(
  indicators: readonly Indicator[],
  measurements: readonly Measurement[],
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  indicators.forEach((indicator, i) => {
    if (indicator.kind !== 'ratio' || indicator.sameCasesAs === undefined) return;
    const j = indicators.findIndex((other) => other.id === indicator.sameCasesAs);
    const [own, other] = [measurements[i], measurements[j]];
    if (own?.kind !== 'ratio' || other?.kind !== 'ratio') return;
    if (
      typeof own.denominator === 'number' &&
      typeof other.denominator === 'number' &&
      own.denominator !== other.denominator
    ) {
      problems.push({
        path: `figures[${indicator.id}].denominator`,
        code: 'inconsistent',
        reason: `Mẫu số phải bằng mẫu số của chỉ số ${indicator.sameCasesAs} (cùng số hồ sơ): ${other.denominator}.`,
        reasonEn: `The denominator must equal that of indicator ${indicator.sameCasesAs} (the same cases): ${other.denominator}.`,
      });
    }
    // Only the indicators that count cases pending overdue report them, so only two such can disagree.
    if (
      typeof own.pendingOverdue === 'number' &&
      typeof other.pendingOverdue === 'number' &&
      own.pendingOverdue !== other.pendingOverdue
    ) {
      problems.push({
        path: `figures[${indicator.id}].pendingOverdue`,
        code: 'inconsistent',
        reason: `Số hồ sơ đang giải quyết đã quá hạn phải bằng số của chỉ số ${indicator.sameCasesAs}: ${other.pendingOverdue}.`,
        reasonEn: `The pending overdue cases must equal those of indicator ${indicator.sameCasesAs}: ${other.pendingOverdue}.`,
      });
    }
  });
  return problems;
}
