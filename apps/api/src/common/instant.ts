import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * An instant as RFC 3339 (OpenAPI's `date-time`) writes it: a date, a time to the second and an
 * explicit offset. Without the offset it would be read in the server's own time zone; ISO 8601's
 * other forms (weeks, basic, decimal comma) are no `date-time` in the published schema either.
 */
const RFC3339_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Whether `value` is an RFC 3339 instant that names a real moment: a day its month has (no
 * 2024-02-30), hours 00–23, minutes and seconds 00–59, an offset under a day. Any four-digit year is
 * one; validator.js's strict ISO 8601 check refused the years before 1000, which the published
 * schema allows (the fuzzer found `0065-12-19T10:58:53Z` answered 400). A leap second (`:60`) is
 * refused: JavaScript's Date, which reads the instant, has none.
 */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const parts = RFC3339_INSTANT.exec(value);
  if (!parts) return false;
  const [year, month, day, hour, minute, second, offsetHours = 0, offsetMinutes = 0] = parts
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59
  );
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The property is an instant (`isInstant`); the published schema says `format: date-time`. */
export function IsInstant(example: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value) => isInstant(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an instant with its offset (RFC 3339), e.g. ${example}`,
      },
    },
    options,
  );
}
