import type { IsoDate } from './calendar-date';
import { addDays, assertIsoDate, dayOfWeek } from './calendar-date';

/** A working day is Monday to Friday and not a public holiday (state offices do not work weekends). */
export function isWorkingDay(date: IsoDate, holidays: readonly IsoDate[] = []): boolean {
  return isWorkingDaySet(date, new Set(holidays));
}

/**
 * Moves `n` working days from `date`: `n > 0` counts forward from the day after, `n < 0` backward
 * from the day before, `n = 0` returns `date` itself (even when it is not a working day).
 * `addWorkingDays('2024-02-07', 1, VIETNAM_PUBLIC_HOLIDAYS_2024)` is `'2024-02-15'`: Tết is skipped.
 */
export function addWorkingDays(date: IsoDate, n: number, holidays: readonly IsoDate[] = []): IsoDate {
  assertIsoDate(date);
  if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer, got ${n}`);
  const holidaySet = new Set(holidays);
  const step = n < 0 ? -1 : 1;
  let current = date;
  for (let remaining = Math.abs(n); remaining > 0;) {
    current = addDays(current, step);
    if (isWorkingDaySet(current, holidaySet)) remaining -= 1;
  }
  return current;
}

/** `date` if it is a working day, else the next one. */
export function workingDayOnOrAfter(date: IsoDate, holidays: readonly IsoDate[] = []): IsoDate {
  const holidaySet = new Set(holidays);
  let current = date;
  while (!isWorkingDaySet(current, holidaySet)) current = addDays(current, 1);
  return current;
}

function isWorkingDaySet(date: IsoDate, holidays: ReadonlySet<IsoDate>): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}
