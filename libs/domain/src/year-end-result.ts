import type { EvaluationReason } from './indicator-evaluation';
import type { LocalizedText } from './localized-text';
import type { ObjectiveEvaluation } from './objective-evaluation';

/**
 * What the annual report says of an objective (Article 1 of the decision, "Đạt / Không đạt"): it
 * was achieved, it was not, or the records cannot say — and then why. There is no fourth answer:
 * at close every objective gets one of these three.
 */
export type ObjectiveYearOutcome = 'achieved' | 'not-achieved' | 'not-evaluable';

export interface ObjectiveYearResult {
  objectiveId: string;
  result: ObjectiveYearOutcome;
  /** Per indicator, what kept it from being achieved; empty when achieved. */
  reasons: { indicatorId: string; reason: EvaluationReason }[];
  /** The reasons in words, for the report; absent when achieved. */
  explanation?: LocalizedText;
}

const REASON_TEXT: Record<EvaluationReason, LocalizedText> = {
  'no-measurements': { vi: 'không có số liệu báo cáo', en: 'no figure was reported' },
  'no-cases': { vi: 'cả năm không phát sinh trường hợp nào (0/0)', en: 'no case arose all year (0/0)' },
  'periods-missing': { vi: 'thiếu báo cáo của một số kỳ', en: 'some periods were not reported' },
  'target-not-met': {
    vi: 'kết quả cả năm không đạt chỉ tiêu',
    en: 'the whole-year figure misses the target',
  },
  'target-unreachable': { vi: 'chỉ tiêu không còn khả năng đạt', en: 'the target can no longer be met' },
};

/**
 * The year's result of one objective from its year-end evaluation ({@link evaluateYearEnd}):
 * `achieved` → achieved; `missed` → not achieved (a gap in the reports counts against it, ISO
 * 9.1.1); anything else — no figure at all, or only periods without cases — is not evaluable,
 * because achievement cannot be claimed without evidence and failure cannot be claimed without a
 * figure. A year-end evaluation is final, so on-track / at-risk cannot occur; should one reach
 * here (an evaluation made before the year ended) it is not evaluable either.
 */
export function objectiveYearResult(evaluation: ObjectiveEvaluation): ObjectiveYearResult {
  const result: ObjectiveYearOutcome =
    evaluation.status === 'achieved'
      ? 'achieved'
      : evaluation.status === 'missed'
        ? 'not-achieved'
        : 'not-evaluable';
  if (result === 'achieved') return { objectiveId: evaluation.objectiveId, result, reasons: [] };
  const reasons = evaluation.indicators
    .filter((indicator) => indicator.status !== 'achieved')
    .flatMap((indicator) =>
      indicator.reasons.map((reason) => ({ indicatorId: indicator.indicatorId, reason })),
    );
  if (reasons.length === 0 && result === 'not-evaluable') {
    // The evaluation was not final: say so rather than leave the result unexplained.
    return {
      objectiveId: evaluation.objectiveId,
      result,
      reasons,
      explanation: { vi: 'năm chưa kết thúc khi đánh giá', en: 'the year had not ended when evaluated' },
    };
  }
  return {
    objectiveId: evaluation.objectiveId,
    result,
    reasons,
    explanation: {
      vi: reasons.map((r) => `${r.indicatorId}: ${REASON_TEXT[r.reason].vi}`).join('; '),
      en: reasons.map((r) => `${r.indicatorId}: ${REASON_TEXT[r.reason].en}`).join('; '),
    },
  };
}
