import type { Indicator } from './indicator';
import { parsePeriodKey } from './monitoring-period';
import type { PaperReport } from './paper-report';
import type { ValidationProblem } from './validation-problem';
import { ProblemList } from './validation-problem';
import type { IsoInstant } from './vietnam-time';
import { instantToEpochMs, isIsoInstant } from './vietnam-time';

interface MeasurementBase {
  indicatorId: string;
  /** The period measured, see `periodKey`: `2024-03`, `2024-Q1`, `2024-H1`, `2024`. */
  periodKey: string;
  reportedAt: IsoInstant;
  /** Reported after the period's due instant; kept for process performance, not for the result. */
  late: boolean;
  /** References to the documented information behind the figure (ISO 7.5), e.g. a report number. */
  evidence: string[];
  /** User id of the reporter, for the record. */
  reportedBy?: string;
  /**
   * The report was made on paper before qcycle asked for it, that day under that reference: `late`
   * is judged by its day (docs/objectives.md "Reports made on paper"), `reportedAt` stays when it
   * was entered.
   */
  paperReport?: PaperReport;
}

/**
 * The cases of this period only (dossiers settled in March), never a running total: the year's
 * figure is the sum of the periods. 0/0 is a valid report of a period with no cases.
 */
export interface RatioMeasurement extends MeasurementBase {
  kind: 'ratio';
  numerator: number;
  denominator: number;
  /**
   * Cases still open at the period's end and already past their deadline, for an indicator with
   * `pendingOverdueLabel` (objective 4's on-time rate). A count at that instant, not cases of the
   * period: see `periodCases` and docs/objectives.md. Absent in reports made before the indicator
   * asked for it, which then evaluate exactly as they always did.
   */
  pendingOverdue?: number;
}

/** Occurrences in this period only. */
export interface CountMeasurement extends MeasurementBase {
  kind: 'count';
  value: number;
}

/** A judgement; "achieved" must name its evidence. */
export interface JudgedMeasurement extends MeasurementBase {
  kind: 'judged';
  achieved: boolean;
}

export type Measurement = RatioMeasurement | CountMeasurement | JudgedMeasurement;

/** A report is late when it arrives after its due instant (a report at 17:00:00 sharp is on time). */
export function isReportLate(dueAt: IsoInstant, reportedAt: IsoInstant): boolean {
  return instantToEpochMs(reportedAt) > instantToEpochMs(dueAt);
}

/**
 * What is wrong with a measurement for an indicator; empty when it can be recorded. Ratios count
 * parts of a whole, so the numerator can never exceed the denominator (more dossiers on time than
 * dossiers is a typing error, not a 120% result), and figures are whole numbers of cases.
 */
export function validateMeasurement(indicator: Indicator, measurement: Measurement): ValidationProblem[] {
  const problems = new ProblemList();
  if (measurement.indicatorId !== indicator.id) {
    problems.add('indicatorId', 'unknown-reference', {
      vi: `Số liệu không thuộc chỉ số ${indicator.id}.`,
      en: `The figures are not those of indicator ${indicator.id}.`,
    });
  }
  if (measurement.kind !== indicator.kind) {
    problems.add('kind', 'invalid-value', {
      vi: `Chỉ số ${indicator.id} cần số liệu loại "${indicator.kind}".`,
      en: `Indicator ${indicator.id} needs figures of the kind "${indicator.kind}".`,
    });
    return problems.problems;
  }
  if (!parsePeriodKey(measurement.periodKey)) {
    problems.add('periodKey', 'invalid-format', {
      vi: 'Kỳ báo cáo không hợp lệ (ví dụ 2024-03, 2024-Q1, 2024-H1, 2024).',
      en: 'The reporting period is not valid (e.g. 2024-03, 2024-Q1, 2024-H1, 2024).',
    });
  }
  if (!isIsoInstant(measurement.reportedAt)) {
    problems.add('reportedAt', 'invalid-format', {
      vi: 'Thời điểm báo cáo phải là thời điểm ISO 8601 có múi giờ.',
      en: 'The report time must be an ISO 8601 instant with a time zone.',
    });
  }
  if (typeof measurement.late !== 'boolean')
    problems.add('late', 'required', {
      vi: 'Thiếu thông tin báo cáo trễ hạn.',
      en: 'Whether the report was late is not given.',
    });
  if (!Array.isArray(measurement.evidence)) {
    problems.add('evidence', 'required', {
      vi: 'Thiếu danh sách minh chứng.',
      en: 'The list of evidence is missing.',
    });
  } else {
    measurement.evidence.forEach((item, i) =>
      problems.requireText(`evidence[${i}]`, item, {
        vi: 'Minh chứng không được để trống.',
        en: 'An item of evidence must not be empty.',
      }),
    );
  }

  switch (measurement.kind) {
    case 'ratio': {
      const { numerator, denominator } = measurement;
      if (!isCaseCount(numerator))
        problems.add('numerator', 'invalid-value', {
          vi: 'Tử số phải là số nguyên không âm.',
          en: 'The numerator must be a whole number, not negative.',
        });
      if (!isCaseCount(denominator))
        problems.add('denominator', 'invalid-value', {
          vi: 'Mẫu số phải là số nguyên không âm.',
          en: 'The denominator must be a whole number, not negative.',
        });
      if (isCaseCount(numerator) && isCaseCount(denominator) && numerator > denominator) {
        problems.add(
          'numerator',
          'out-of-range',
          denominator === 0
            ? {
                vi: 'Mẫu số là 0 (không có trường hợp nào trong kỳ) nên tử số cũng phải là 0.',
                en: 'The denominator is 0 (no cases in the period), so the numerator must be 0 too.',
              }
            : {
                vi: 'Tử số không được lớn hơn mẫu số.',
                en: 'The numerator must not be greater than the denominator.',
              },
        );
      }
      if (measurement.pendingOverdue !== undefined) {
        if (indicator.kind !== 'ratio' || indicator.pendingOverdueLabel === undefined) {
          problems.add('pendingOverdue', 'invalid-value', {
            vi: `Chỉ số ${indicator.id} không tính hồ sơ đang giải quyết đã quá hạn.`,
            en: `Indicator ${indicator.id} does not count pending overdue cases.`,
          });
        } else if (!isCaseCount(measurement.pendingOverdue)) {
          problems.add('pendingOverdue', 'invalid-value', {
            vi: 'Số hồ sơ đang giải quyết đã quá hạn phải là số nguyên không âm.',
            en: 'The pending overdue cases must be a whole number, not negative.',
          });
        }
      }
      break;
    }
    case 'count':
      if (!isCaseCount(measurement.value))
        problems.add('value', 'invalid-value', {
          vi: 'Số lượng phải là số nguyên không âm.',
          en: 'The count must be a whole number, not negative.',
        });
      break;
    case 'judged':
      if (typeof measurement.achieved !== 'boolean') {
        problems.add('achieved', 'required', {
          vi: 'Phải đánh giá đạt hoặc không đạt.',
          en: 'Assess it as met or not met.',
        });
      } else if (
        measurement.achieved &&
        Array.isArray(measurement.evidence) &&
        measurement.evidence.length === 0
      ) {
        problems.add('evidence', 'required', {
          vi: 'Đánh giá "đạt" phải kèm ít nhất một minh chứng.',
          en: 'An assessment of "met" needs at least one item of evidence.',
        });
      }
      break;
  }
  return problems.problems;
}

function isCaseCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
