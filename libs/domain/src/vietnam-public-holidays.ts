import type { IsoDate } from './calendar-date';
import { addDays, dayOfWeek, isoDate } from './calendar-date';

/**
 * Days off for civil servants in 2024 (Labour Code 2019, art. 112, and the Government's notice
 * for the year). Tết and the Hùng Kings' day follow the lunar calendar and the Government fixes
 * the exact days each year, so they are data, not computed.
 *
 * Not included in the 2024 list: days the Government swaps (hoán đổi) to lengthen a holiday (the
 * lists from 2025 hold those their notice published). Add such a day off to the calendar's
 * `publicHolidays`; the Saturday worked in exchange needs no entry, because the engine never puts
 * a deadline on a weekend anyway.
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

/*
 * 2025–2027. The law: Labour Code 2019 (Bộ luật Lao động 45/2019/QH14), art. 112 — Tết Dương lịch
 * 1 day; Tết Nguyên đán 5 days, placed each year by the Prime Minister (for civil servants: from
 * the day before Tết, "29/30 Tết", to mùng 4); Giỗ Tổ Hùng Vương 10/3 lunar; 30/4; 1/5; Quốc
 * khánh 2 days, 2/9 and one adjacent day (1/9 or 3/9) the Government names — the second day came
 * with the 2019 Code (in force 2021), there is no later one. A holiday on a weekend gives a
 * compensatory day off on the next working day (art. 112(3)). From 2025 the lists also hold the
 * weekdays a published notice swaps (hoán đổi) into a holiday, because offices are closed then.
 *
 * Each entry says where it comes from: "notice" (published for the year), "law" (a fixed date, or
 * art. 112 applied to a lunar date with nothing left to the Government), or "computed" (the
 * lunar date computed from the new moons in Vietnam time, UTC+7, and the days placed by the
 * rule above, where the year's notice was not available when this list was written — confirm it
 * against the notice and correct the calendar data if the Government placed them otherwise).
 * Sources: for 2025, the Ministry of Labour, Invalids and Social Affairs' notice of 14 November
 * 2024 on Tết Ất Tỵ and Quốc khánh 2025 for civil servants (Thông báo 6150/TB-LĐTBXH) and the
 * Ministry of Home Affairs' notice of April 2025 swapping Friday 2 May with Saturday 26 April; for
 * 2026, the Ministry of Home Affairs' plan for Tết Bính Ngọ approved by the Prime Minister (nine
 * days, Saturday 14 to Sunday 22 February, the five days of art. 112 all on weekdays). Lunar
 * dates: Tết Ất Tỵ 29/1/2025, Bính Ngọ 17/2/2026, Đinh Mùi 6/2/2027; 10/3 lunar on 7/4/2025,
 * 26/4/2026, 16/4/2027.
 */
export const VIETNAM_PUBLIC_HOLIDAYS_2025: readonly IsoDate[] = Object.freeze([
  '2025-01-01', // Tết Dương lịch (law)
  '2025-01-27', // swapped with Saturday 8 February (notice)
  '2025-01-28', // Tết Nguyên đán: 29 tháng Chạp (notice) …
  '2025-01-29', // mùng 1 Tết Ất Tỵ
  '2025-01-30',
  '2025-01-31',
  '2025-02-01', // … mùng 4 (a Saturday)
  '2025-04-07', // Giỗ Tổ Hùng Vương, 10/3 Ất Tỵ (law)
  '2025-04-30', // Ngày Chiến thắng (law)
  '2025-05-01', // Quốc tế lao động (law)
  '2025-05-02', // swapped with Saturday 26 April (notice)
  '2025-09-01', // Quốc khánh, the adjacent day (notice)
  '2025-09-02', // Quốc khánh (law)
]);

export const VIETNAM_PUBLIC_HOLIDAYS_2026: readonly IsoDate[] = Object.freeze([
  '2026-01-01', // Tết Dương lịch (law)
  '2026-02-16', // Tết Nguyên đán: 29 tháng Chạp (notice; law) …
  '2026-02-17', // mùng 1 Tết Bính Ngọ
  '2026-02-18',
  '2026-02-19',
  '2026-02-20', // … mùng 4
  '2026-04-26', // Giỗ Tổ Hùng Vương, 10/3 Bính Ngọ, a Sunday (computed: lunar date) …
  '2026-04-27', // … its compensatory day (law)
  '2026-04-30', // Ngày Chiến thắng (law)
  '2026-05-01', // Quốc tế lao động (law)
  '2026-09-02', // Quốc khánh (law)
  '2026-09-03', // Quốc khánh, the adjacent day (computed: assumed, the notice names it)
]);

export const VIETNAM_PUBLIC_HOLIDAYS_2027: readonly IsoDate[] = Object.freeze([
  '2027-01-01', // Tết Dương lịch (law)
  '2027-02-05', // Tết Nguyên đán: 29 tháng Chạp (computed) …
  '2027-02-06', // mùng 1 Tết Đinh Mùi, a Saturday
  '2027-02-07', // a Sunday
  '2027-02-08',
  '2027-02-09', // … mùng 4
  '2027-02-10', // compensatory days for mùng 1 and 2 on the weekend (computed)
  '2027-02-11',
  '2027-04-16', // Giỗ Tổ Hùng Vương, 10/3 Đinh Mùi (computed: lunar date)
  '2027-04-30', // Ngày Chiến thắng (law)
  '2027-05-01', // Quốc tế lao động, a Saturday (law) …
  '2027-05-03', // … its compensatory day (law)
  '2027-09-02', // Quốc khánh (law)
  '2027-09-03', // Quốc khánh, the adjacent day (computed: assumed, the notice names it)
]);

/**
 * Ready lists by year; a year missing here falls back to the fixed-date holidays only. A cycle
 * takes its year's list and the next year's (its year-end reports fall due in January): a 2027
 * cycle gets 1 January 2028 and its Monday off (below), which is enough because Tết Mậu Thân
 * (26 January 2028) comes after its close.
 */
export const VIETNAM_PUBLIC_HOLIDAYS_BY_YEAR: Readonly<Record<number, readonly IsoDate[]>> = Object.freeze({
  2024: VIETNAM_PUBLIC_HOLIDAYS_2024,
  2025: VIETNAM_PUBLIC_HOLIDAYS_2025,
  2026: VIETNAM_PUBLIC_HOLIDAYS_2026,
  2027: VIETNAM_PUBLIC_HOLIDAYS_2027,
});

/** Holidays on the same solar date every year (month, day). */
const FIXED_DATE_HOLIDAYS: readonly (readonly [number, number])[] = [
  [1, 1],
  [4, 30],
  [5, 1],
  [9, 2],
];

/** Whether qcycle holds the Government's list for `year` (else only the fixed-date days and the law's days off). */
export function hasOfficialHolidayList(year: number): boolean {
  return VIETNAM_PUBLIC_HOLIDAYS_BY_YEAR[year] !== undefined;
}

/**
 * The public holidays of `year`: the ready list when there is one, otherwise the fixed-date holidays
 * (1/1, 30/4, 1/5, 2/9) with the day off the law gives for each that falls on a weekend: the next
 * working day (Labour Code 2019, art. 111(3)), e.g. Monday 3 January 2028 for a Saturday New Year's
 * Day, which a 2027 cycle's December reports fall due around. For such a year the lunar holidays
 * and the adjacent National Day must be supplied by the organisation before its calendar is trusted.
 */
export function vietnamPublicHolidays(year: number): IsoDate[] {
  const ready = VIETNAM_PUBLIC_HOLIDAYS_BY_YEAR[year];
  if (ready) return [...ready];
  const days = new Set(FIXED_DATE_HOLIDAYS.map(([month, day]) => isoDate(year, month, day)));
  const weekend = (date: IsoDate) => dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
  for (const holiday of [...days].filter(weekend)) {
    // 30 April on a Sunday: Monday is 1 May, itself a holiday, so the day off is Tuesday.
    let off = addDays(holiday, 1);
    while (weekend(off) || days.has(off)) off = addDays(off, 1);
    days.add(off);
  }
  return [...days].sort();
}
