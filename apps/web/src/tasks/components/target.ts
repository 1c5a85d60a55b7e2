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

/** A whole number from an input's text, or undefined (empty, fractional, negative, not a number). */
export function wholeNumber(text: string): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
