import type { IsoDate } from './calendar-date';
import { isoDate } from './calendar-date';

/**
 * Days off for civil servants in 2024 (Labour Code 2019, art. 112, and the Government's notice
 * for the year). Tết and the Hùng Kings' day follow the lunar calendar and the Government fixes
 * the exact days each year, so they are data, not computed.
 *
 * Not included: days the Government swaps (hoán đổi) to lengthen a holiday. Add such a day off to
 * the calendar's `publicHolidays`; the Saturday worked in exchange needs no entry, because the
 * engine never puts a deadline on a weekend anyway.
 */
export const VIETNAM_PUBLIC_HOLIDAYS_2024: readonly IsoDate[] = Object.freeze([
  '2024-01-01', // Tết Dương lịch
  '2024-02-08', // Tết Nguyên đán (29 tháng Chạp) …
  '2024-02-09',
  '2024-02-10',
  '2024-02-11',
  '2024-02-12',
  '2024-02-13',
  '2024-02-14', // … mùng 5 Tết
  '2024-04-18', // Giỗ Tổ Hùng Vương (10/3 âm lịch)
  '2024-04-30', // Ngày Chiến thắng
  '2024-05-01', // Ngày Quốc tế lao động
  '2024-09-02', // Quốc khánh
  '2024-09-03', // Quốc khánh (ngày liền kề)
]);

/** Ready lists by year; a year missing here falls back to the fixed-date holidays only. */
export const VIETNAM_PUBLIC_HOLIDAYS_BY_YEAR: Readonly<Record<number, readonly IsoDate[]>> = Object.freeze({
  2024: VIETNAM_PUBLIC_HOLIDAYS_2024,
});

/** Holidays on the same solar date every year (month, day). */
const FIXED_DATE_HOLIDAYS: readonly (readonly [number, number])[] = [
  [1, 1],
  [4, 30],
  [5, 1],
  [9, 2],
];

/**
 * The public holidays of `year`: the ready list when there is one, otherwise only the fixed-date
 * holidays (1/1, 30/4, 1/5, 2/9). For such a year the lunar holidays and the adjacent National Day
 * must be supplied by the organisation before its calendar is trusted.
 */
export function vietnamPublicHolidays(year: number): IsoDate[] {
  const ready = VIETNAM_PUBLIC_HOLIDAYS_BY_YEAR[year];
  if (ready) return [...ready];
  return FIXED_DATE_HOLIDAYS.map(([month, day]) => isoDate(year, month, day));
}
