import type { Indicator } from './indicator';
import { validateMeasurementReport, type ReportedFigure } from './task-outcomes';
import { ProblemList, type ValidationProblem } from './validation-problem';

/** What a person asks for when they correct a period's reported figures. */
export interface MeasurementCorrectionRequest {
  actorUserId: string;
  periodKey: string;
  figures: ReportedFigure[];
  reason: string;
  /**
   * What the correction rests on (ISO 9001 7.5.3: a change to a record is itself documented): texts
   * naming paper records, or uploaded files (`evidence:<id>`), as a report's evidence. Optional: the
   * report's own evidence stays the period's.
   */
  evidence?: string[];
  /**
   * The figures the person saw when they decided (the page they corrected on). If the period's
   * figures are others now (corrected meanwhile by the reporter or the unit head), the correction is
   * refused (`changed`), so that it does not silently replace the one made meanwhile.
   */
  ifFiguresWere?: ReportedFigure[];
  /**
   * The units the person heads in the directory now, as the API found them. A head appointed during
   * the year (the year's roster names the one before) corrects their unit's figures by it. Absent:
   * the roster's head is the unit head.
   */
  by?: { headOfUnits: readonly string[] };
}

/** What the monitoring knows of the period and the objective when the correction arrives. */
export interface MeasurementCorrectionFacts {
  indicators: readonly Indicator[];
  /** The periods of the objective's year. */
  periodKeys: readonly string[];
  /** Who reported the period; undefined while it is not reported. */
  reporterUserId?: string;
  /** The head of the objective's unit in the year's roster. */
  unitHeadUserId: string;
  /** The objective's unit, which the directory's head of it now may correct too (`request.by`). */
  unitCode: string;
  /** The figures as they stand (the report, or the last correction). */
  currentFigures?: readonly ReportedFigure[];
  /** The year is closed (its close date passed): its figures are final. */
  yearClosed: boolean;
}

export type MeasurementCorrectionRefusal =
  | { kind: 'not-found' | 'forbidden' | 'conflict'; reason: string }
  | { kind: 'changed'; reason: string; currentFigures: ReportedFigure[] }
  | { kind: 'invalid'; reason: string; problems: ValidationProblem[] };

/**
 * Who may correct a reported figure, and when (issue #9): before the year closes, the period's
 * reporter or the head of the objective's unit, giving a reason, with figures valid for the
 * objective's indicators (the report's own rules, objective 4's shared denominator included) that
 * differ from the ones recorded. Undefined when the correction may be applied.
 */
export function checkMeasurementCorrection(
  request: MeasurementCorrectionRequest,
  facts: MeasurementCorrectionFacts,
): MeasurementCorrectionRefusal | undefined {
  if (!facts.periodKeys.includes(request?.periodKey))
    return { kind: 'not-found', reason: `Kỳ ${request?.periodKey} không thuộc năm của mục tiêu.` };
  if (facts.yearClosed) return { kind: 'conflict', reason: 'Năm đã kết thúc: số liệu không còn được sửa.' };
  if (facts.reporterUserId === undefined)
    return { kind: 'conflict', reason: `Kỳ ${request.periodKey} chưa được báo cáo: chưa có số liệu để sửa.` };
  const headsUnit = request.by
    ? request.by.headOfUnits.includes(facts.unitCode)
    : request.actorUserId === facts.unitHeadUserId;
  if (request.actorUserId !== facts.reporterUserId && !headsUnit)
    return {
      kind: 'forbidden',
      reason: 'Chỉ người đã báo cáo kỳ này hoặc trưởng đơn vị của mục tiêu được sửa số liệu.',
    };
  if (
    request.ifFiguresWere !== undefined &&
    !sameFigures(request.ifFiguresWere, facts.currentFigures ?? [], facts.indicators)
  )
    return {
      kind: 'changed',
      reason: `Số liệu kỳ ${request.periodKey} vừa được sửa trong lúc đó.`,
      currentFigures: [...(facts.currentFigures ?? [])],
    };
  const problems = new ProblemList();
  problems.requireText('reason', request.reason, {
    vi: 'Phải nêu lý do sửa số liệu.',
    en: 'Give the reason for the correction.',
  });
  // The figures follow the report's rules, and so does the correction's own evidence when it gives
  // some (none given: the report's evidence stays the period's, and '-' stands in for the check).
  const evidenceGiven = request.evidence !== undefined && request.evidence.length > 0;
  for (const problem of validateMeasurementReport(
    { figures: request.figures, evidence: evidenceGiven ? request.evidence : ['-'] },
    facts.indicators,
    request.periodKey,
  ))
    problems.add(problem.path, problem.code, { vi: problem.reason, en: problem.reasonEn });
  if (
    problems.problems.length === 0 &&
    sameFigures(request.figures, facts.currentFigures ?? [], facts.indicators)
  )
    problems.add('figures', 'invalid-value', {
      vi: 'Số liệu sửa giống số liệu đã ghi nhận.',
      en: 'The corrected figures are the same as the recorded ones.',
    });
  return problems.problems.length > 0
    ? { kind: 'invalid', reason: 'Yêu cầu sửa số liệu không hợp lệ.', problems: problems.problems }
    : undefined;
}

function sameFigures(
  a: readonly ReportedFigure[],
  b: readonly ReportedFigure[],
  indicators: readonly Indicator[],
): boolean {
  const key = (figures: readonly ReportedFigure[], indicatorId: string) => {
    const f = figures.find((candidate) => candidate.indicatorId === indicatorId);
    return JSON.stringify([f?.numerator, f?.denominator, f?.pendingOverdue, f?.value, f?.achieved]);
  };
  return indicators.every((indicator) => key(a, indicator.id) === key(b, indicator.id));
}
