import type { FigureDraft } from './figure-input';
import type { FormTarget } from '../task-types';

/** A target's value in hundredths, exactly (targets have at most two decimals: 66.67 → 6667). */
const hundredths = (value: number) => BigInt(Math.round(value * 100));

/** Compares two fractions a/b and c/d (b, d > 0) with integers only: −1, 0 or 1. */
const compare = (a: bigint, b: bigint, c: bigint, d: bigint) => {
  const left = a * d;
  const right = c * b;
  return left < right ? -1 : left > right ? 1 : 0;
};

const meets = (comparison: number, comparator: FormTarget['comparator']) =>
  comparator === '>='
    ? comparison >= 0
    : comparator === '>'
      ? comparison > 0
      : comparator === '<='
        ? comparison <= 0
        : comparison === 0;

/**
 * Whether numerator/denominator, as a percentage, meets the target — numerator·100·100 against
 * target·100·denominator, in integers: 80/100 does not meet "> 80%", 100/100 meets "≥ 100%".
 * Undefined when there is no figure to judge (0/0, missing input).
 */
export function ratioMeetsTarget(
  numerator: number,
  denominator: number,
  target: FormTarget,
): boolean | undefined {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator <= 0 || numerator < 0)
    return undefined;
  const comparison = compare(BigInt(numerator) * 10000n, BigInt(denominator), hundredths(target.value), 1n);
  return meets(comparison, target.comparator);
}

/** Whether a count meets its target, exactly. */
export function countMeetsTarget(value: number, target: FormTarget): boolean | undefined {
  if (!Number.isInteger(value) || value < 0) return undefined;
  return meets(compare(BigInt(value) * 100n, 1n, hundredths(target.value), 1n), target.comparator);
}

/** The percentage for display only (two decimals at most), never for the comparison. */
export function percentOf(numerator: number, denominator: number): number | undefined {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return undefined;
  return Math.round((numerator * 10000) / denominator) / 100;
}

/**
 * A number as a person types it, in the page's language: digits grouped by thousands as people
 * write them — "1.000" or "1 000" in Vietnamese, "1,000" or "1 000" in English — and a decimal
 * comma (Vietnamese) or point (English). Undefined when empty or not a number. A fraction is kept
 * as typed, so that the API can say the figure must be whole; nothing is ever read as another number.
 */
export function typedNumber(text: string, language: string): number | undefined {
  const typed = text.trim();
  if (typed === '') return undefined;
  const [group, decimal] = language === 'en' ? [',', '.'] : ['.', ','];
  const grouped = new RegExp(`^\\d{1,3}(?:(?:\\${group}|[ \\u00a0\\u202f])\\d{3})+$`);
  if (grouped.test(typed) && new Set(typed.replace(/\d/g, '')).size === 1)
    return Number(typed.replace(/\D/g, ''));
  if (!/^-?\d+([.,]\d+)?$/.test(typed)) return undefined;
  // The other language's decimal mark is not a number here: "2.5" in Vietnamese may mean 25 or 2,5.
  if (typed.includes(group)) return undefined;
  return Number(typed.replace(decimal, '.'));
}

/** A whole number of cases from an input's text, or undefined (empty, fractional, negative, not a number). */
export function wholeNumber(text: string, language: string): number | undefined {
  const value = typedNumber(text, language);
  return value !== undefined && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * A draft typed in one language as the other writes it, so that switching the page's language keeps
 * the numbers: "1.000" typed in Vietnamese stays a thousand, written "1,000" in English (read again
 * in the new language, it would have become one). A text that is no number in the old language stays
 * as typed.
 */
export function draftInLanguage(draft: FigureDraft, from: string, to: string): FigureDraft {
  if (from === to) return draft;
  const written = new Intl.NumberFormat(to === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 20 });
  const rewrite = (text: string) => {
    const value = typedNumber(text, from);
    return value === undefined ? text : written.format(value);
  };
  return {
    ...draft,
    numerator: rewrite(draft.numerator),
    denominator: rewrite(draft.denominator),
    pendingOverdue: rewrite(draft.pendingOverdue),
    value: rewrite(draft.value),
  };
}
