import type { LocalizedText } from './localized-text';

/** `>` is strict: "trên 80%" in a decision means 80% itself is not enough. */
export const COMPARATORS = ['>=', '>', '<=', '='] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const COMPARATOR_LABELS: Readonly<Record<Comparator, LocalizedText>> = {
  '>=': { vi: 'đạt tối thiểu', en: 'at least' },
  '>': { vi: 'trên', en: 'over' },
  '<=': { vi: 'không quá', en: 'at most' },
  '=': { vi: 'bằng', en: 'exactly' },
};

/**
 * What an indicator must reach. For ratios `value` is a percentage between 0 and 100 with at most
 * two decimals (66.67); for counts a whole number. Decimals are compared exactly, never as floats.
 */
export interface IndicatorTarget {
  comparator: Comparator;
  value: number;
}

interface IndicatorBase {
  /** Stable across years (`obj-4-on-time`), so measurements and year-on-year reports can refer to it. */
  id: string;
  label: LocalizedText;
}

/** A share of cases, numerator ÷ denominator, shown as a percentage (dossiers on time ÷ all dossiers). */
export interface RatioIndicator extends IndicatorBase {
  kind: 'ratio';
  numeratorLabel: LocalizedText;
  denominatorLabel: LocalizedText;
  target: IndicatorTarget;
  unit: '%';
  /**
   * Another ratio indicator of the same objective counting the same cases (objective 4: dossiers
   * per process and dossiers on time are both shares of the dossiers settled). A report must then
   * give both the same denominator.
   */
  sameCasesAs?: string;
  /**
   * Set when cases still open at the period's end but already past their deadline count against
   * the share (objective 4's on-time rate: "hồ sơ đang giải quyết đã quá hạn"). A report then gives
   * their number, `pendingOverdue`, and the share's cases are the settled ones plus those; the
   * label is the form's question. The rule is written down in docs/objectives.md.
   */
  pendingOverdueLabel?: LocalizedText;
}

/** A number of occurrences in the period (internal audits held). */
export interface CountIndicator extends IndicatorBase {
  kind: 'count';
  target: IndicatorTarget;
  unit: 'count';
}

/**
 * Achieved or not, decided by a person on evidence (the QMS is maintained). It has no numeric
 * target; `criteria` are what the evidence must show.
 */
export interface JudgedIndicator extends IndicatorBase {
  kind: 'judged';
  criteria: LocalizedText[];
}

export type Indicator = RatioIndicator | CountIndicator | JudgedIndicator;
export type IndicatorKind = Indicator['kind'];
export const INDICATOR_KINDS: readonly IndicatorKind[] = ['ratio', 'count', 'judged'];

/** The target as a decision states it: `trên 80%`, `đạt tối thiểu 1`; judged indicators have none. */
export function describeTarget(
  indicator: Indicator,
  language: keyof LocalizedText = 'vi',
): string | undefined {
  if (indicator.kind === 'judged') return undefined;
  const { comparator, value } = indicator.target;
  const unit = indicator.kind === 'ratio' ? '%' : '';
  // Vietnamese writes a decimal comma: 66,67%.
  const number = language === 'vi' ? String(value).replace('.', ',') : String(value);
  return `${COMPARATOR_LABELS[comparator][language]} ${number}${unit}`;
}
