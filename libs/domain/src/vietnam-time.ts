import type { IsoDate } from './calendar-date';
import { assertIsoDate } from './calendar-date';
import { InvalidDateError } from './domain-error';

/** The only time zone the cycle is planned in. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Asia/Ho_Chi_Minh has been UTC+07:00 all year round since 1975 and observes no daylight saving, so
 * the offset is applied as a constant instead of asking `Intl` for time-zone data: workflow code
 * must give the same answer on every worker, whatever ICU data its Node build carries.
 */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

/** A UTC instant, `2024-01-05T10:00:00.000Z`, as `Date#toISOString` writes it. */
export type IsoInstant = string;

/** A wall-clock time of day in Vietnam, `HH:mm` (24-hour). */
export type LocalTime = string;

const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
// An explicit `Z` or offset is required: `new Date('2024-01-05T10:00')` would be read in the
// host's time zone, which is exactly the machine-dependence the domain must not have.
const ISO_INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function isLocalTime(value: unknown): value is LocalTime {
  return typeof value === 'string' && LOCAL_TIME_PATTERN.test(value);
}

/** True for an ISO 8601 date-time with a `Z` or numeric offset that denotes a real instant. */
export function isIsoInstant(value: unknown): value is IsoInstant {
  return typeof value === 'string' && ISO_INSTANT_PATTERN.test(value) && Number.isFinite(Date.parse(value));
}

/** Milliseconds since the epoch of an instant, refusing strings without an explicit offset. */
export function instantToEpochMs(instant: IsoInstant): number {
  if (!isIsoInstant(instant)) throw new InvalidDateError(instant, 'instant (ISO 8601 with Z or offset)');
  return Date.parse(instant);
}

/** `vnLocalToInstant('2024-01-05', '17:00')` → `'2024-01-05T10:00:00.000Z'`. */
export function vnLocalToInstant(date: IsoDate, time: LocalTime): IsoInstant {
  assertIsoDate(date);
  if (!isLocalTime(time)) throw new InvalidDateError(time, 'local time (HH:mm)');
  const [year, month, day] = date.split('-').map(Number);
  const [hours, minutes] = time.split(':').map(Number);
  const utcMs = Date.UTC(year, month - 1, day, hours, minutes) - VIETNAM_UTC_OFFSET_MINUTES * 60_000;
  return new Date(utcMs).toISOString();
}

/** The Vietnamese calendar date and wall-clock time of an instant. */
export function instantToVnLocal(instant: IsoInstant): { date: IsoDate; time: LocalTime } {
  const shifted = new Date(instantToEpochMs(instant) + VIETNAM_UTC_OFFSET_MINUTES * 60_000).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}
