/**
 * Exact rational numbers for comparing indicator figures with targets. Floating point would make
 * 80/100 vs "trên 80%" depend on rounding (0.8 * 100 is 80.00000000000001), and a quality result
 * that an auditor can recompute by hand must not. BigInt keeps cross-multiplication exact however
 * large the counts grow.
 */
export interface Rational {
  readonly numerator: bigint;
  /** Always positive. */
  readonly denominator: bigint;
}

const DECIMAL_PATTERN = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/**
 * The exact value of a JS number as it is written: `66.67` is 6667/100, not the nearest binary
 * double. `String(n)` is the shortest round-tripping decimal, defined by the language spec, so this
 * is the same on every machine.
 */
export function rationalFromNumber(value: number): Rational {
  const { negative, digits, exponent } = parseDecimal(value);
  const magnitude = BigInt(digits);
  const signed = negative ? -magnitude : magnitude;
  return exponent >= 0
    ? { numerator: signed * 10n ** BigInt(exponent), denominator: 1n }
    : { numerator: signed, denominator: 10n ** BigInt(-exponent) };
}

/** numerator / denominator for integers, with the sign moved to the numerator. */
export function rationalFromFraction(numerator: number, denominator: number): Rational {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(`not an exact fraction: ${numerator}/${denominator}`);
  }
  const sign = denominator < 0 ? -1n : 1n;
  return { numerator: sign * BigInt(numerator), denominator: sign * BigInt(denominator) };
}

export function multiplyRational(a: Rational, b: Rational): Rational {
  return { numerator: a.numerator * b.numerator, denominator: a.denominator * b.denominator };
}

/** -1, 0 or 1 by cross-multiplication: a/b ⋚ c/d ⇔ a·d ⋚ c·b (denominators are positive). */
export function compareRationals(a: Rational, b: Rational): -1 | 0 | 1 {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Digits after the decimal point as the number is written: 66.67 → 2, 80 → 0, 1e-7 → 7. */
export function decimalPlaces(value: number): number {
  return Math.max(0, -parseDecimal(value).exponent);
}

/** Rounds half up to `places` decimals, for display only; comparisons use the exact value. */
export function roundRational(value: Rational, places: number): number {
  const scale = 10n ** BigInt(places);
  const scaled = value.numerator * scale;
  const doubled = 2n * (scaled < 0n ? -scaled : scaled) + value.denominator;
  const magnitude = doubled / (2n * value.denominator);
  const rounded = scaled < 0n ? -magnitude : magnitude;
  return Number(rounded) / Number(scale);
}

function parseDecimal(value: number): { negative: boolean; digits: string; exponent: number } {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const match = DECIMAL_PATTERN.exec(String(value));
  if (!match) throw new RangeError(`cannot read ${value} as a decimal`);
  const fraction = match[3] ?? '';
  return {
    negative: match[1] === '-',
    digits: match[2] + fraction,
    exponent: Number(match[4] ?? 0) - fraction.length,
  };
}
