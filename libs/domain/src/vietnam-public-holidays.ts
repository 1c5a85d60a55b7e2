import type { IsoDate } from './calendar-date';
import { addDays, compareIsoDates, dayOfWeek, isoDate } from './calendar-date';
import { deepFreeze } from './deep-freeze';
import type { LocalizedText } from './localized-text';

/** An official day off and what the Government's notice (or the law) calls it. */
export interface OfficialHoliday {
  date: IsoDate;
  name: LocalizedText;
}

// The names, as the law (Labour Code 2019, art. 112) and the Government's notices call the days.
const NEW_YEAR: LocalizedText = { vi: 'Tết Dương lịch', en: "New Year's Day" };
const HUNG_KINGS: LocalizedText = {
  vi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
  en: "Hùng Kings' Commemoration Day (10th of the 3rd lunar month)",
};
const VICTORY_DAY: LocalizedText = { vi: 'Ngày Chiến thắng (30/4)', en: 'Reunification Day (30 April)' };
const LABOUR_DAY: LocalizedText = {
  vi: 'Ngày Quốc tế Lao động (1/5)',
  en: 'International Labour Day (1 May)',
};
const NATIONAL_DAY: LocalizedText = { vi: 'Quốc khánh (2/9)', en: 'National Day (2 September)' };
const NATIONAL_DAY_ADJACENT: LocalizedText = {
  vi: 'Quốc khánh (ngày liền kề)',
  en: 'National Day (the adjacent day)',
};

/** A day of the Tết break by its lunar date: the last days of the 12th month, or mùng N of the 1st. */
function tet(lunarDay: 'chạp-29' | 'chạp-30' | 1 | 2 | 3 | 4 | 5): LocalizedText {
  if (lunarDay === 'chạp-29' || lunarDay === 'chạp-30') {
    const day = lunarDay.slice(-2);
    return {
      vi: `Tết Nguyên đán (${day} tháng Chạp)`,
      en: `Lunar New Year (Tết), ${day}th of the 12th lunar month`,
    };
  }
  const ordinal = ['1st', '2nd', '3rd', '4th', '5th'][lunarDay - 1];
  return {
    vi: `Tết Nguyên đán (mùng ${lunarDay} tháng Giêng)`,
    en: `Lunar New Year (Tết), ${ordinal} of the 1st lunar month`,
  };
}

/** The working day off the law gives for a holiday on a weekend (Labour Code 2019, art. 111(3)). */
const compensatoryFor = (holiday: LocalizedText): LocalizedText => ({
  vi: `Nghỉ bù ${holiday.vi}`,
  en: `Day off in lieu of ${holiday.en}`,
});
const TET_COMPENSATORY: LocalizedText = {
  vi: 'Nghỉ bù Tết Nguyên đán',
  en: 'Day off in lieu of Lunar New Year (Tết)',
};

/** A working day a notice swaps (hoán đổi) into a holiday, worked on the Saturday it names instead. */
const swapped = (occasion: LocalizedText, saturday: LocalizedText): LocalizedText => ({
  vi: `Nghỉ hoán đổi dịp ${occasion.vi} (làm bù ${saturday.vi})`,
  en: `Day off swapped for ${occasion.en} (worked on ${saturday.en} instead)`,
});

/** The dates of a named list, in its order: the plain lists other code counts working days with. */
const datesOf = (holidays: readonly OfficialHoliday[]): readonly IsoDate[] =>
  Object.freeze(holidays.map((holiday) => holiday.date));

/**
 * Days off for civil servants in 2024 (Labour Code 2019, art. 112, and the Government's notice
 * for the year). Tết and the Hùng Kings' day follow the lunar calendar and the Government fixes
 * the exact days each year, so they are data, not computed.
 *
 * Not included in the 2024 list: days the Government swaps (hoán đổi) to lengthen a holiday (the
 * lists from 2025 hold those their notice published). An organisation adds such a day off to its
 * calendar for the year (`addedHolidays`: the calendar page's "Ngày nghỉ do cơ quan thêm", or
 * `PUT /calendars/{year}`); the Saturday worked in exchange needs no entry, because the engine
 * never puts a deadline on a weekend anyway.
 */
export const VIETNAM_OFFICIAL_HOLIDAYS_2024: readonly OfficialHoliday[] = deepFreeze([
  { date: '2024-01-01', name: NEW_YEAR },
  { date: '2024-02-08', name: tet('chạp-29') }, // Tết Nguyên đán …
  { date: '2024-02-09', name: tet('chạp-30') },
  { date: '2024-02-10', name: tet(1) },
  { date: '2024-02-11', name: tet(2) },
  { date: '2024-02-12', name: tet(3) },
  { date: '2024-02-13', name: tet(4) },
  { date: '2024-02-14', name: tet(5) }, // … mùng 5 Tết
  { date: '2024-04-18', name: HUNG_KINGS },
  { date: '2024-04-30', name: VICTORY_DAY },
  { date: '2024-05-01', name: LABOUR_DAY },
  { date: '2024-09-02', name: NATIONAL_DAY },
  { date: '2024-09-03', name: NATIONAL_DAY_ADJACENT },
]);
export const VIETNAM_PUBLIC_HOLIDAYS_2024: readonly IsoDate[] = datesOf(VIETNAM_OFFICIAL_HOLIDAYS_2024);

/*
 * 2025–2027. The law: Labour Code 2019 (Bộ luật Lao động 45/2019/QH14), art. 112 — Tết Dương lịch
 * 1 day; Tết Nguyên đán 5 days, placed each year by the Prime Minister (for civil servants: from
 * the day before Tết, "29/30 Tết", to mùng 4); Giỗ Tổ Hùng Vương 10/3 lunar; 30/4; 1/5; Quốc
 * khánh 2 days, 2/9 and one adjacent day (1/9 or 3/9) the Government names — the second day came
 * with the 2019 Code (in force 2021), there is no later one. A holiday on a weekend gives a
 * compensatory day off on the next working day (art. 111(3)). From 2025 the lists also hold the
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
 * 26/4/2026, 16/4/2027. No year from 2025 to 2027 has a 30th of the 12th lunar month: the day
 * before Tết is the 29th.
 */
export const VIETNAM_OFFICIAL_HOLIDAYS_2025: readonly OfficialHoliday[] = deepFreeze([
  { date: '2025-01-01', name: NEW_YEAR }, // law
  {
    date: '2025-01-27', // swapped with Saturday 8 February (notice)
    name: swapped(
      { vi: 'Tết Nguyên đán', en: 'Lunar New Year (Tết)' },
      { vi: 'thứ Bảy 08/02/2025', en: 'Saturday 8 February 2025' },
    ),
  },
  { date: '2025-01-28', name: tet('chạp-29') }, // notice …
  { date: '2025-01-29', name: tet(1) }, // Tết Ất Tỵ
  { date: '2025-01-30', name: tet(2) },
  { date: '2025-01-31', name: tet(3) },
  { date: '2025-02-01', name: tet(4) }, // … a Saturday
  { date: '2025-04-07', name: HUNG_KINGS }, // 10/3 Ất Tỵ (law)
  { date: '2025-04-30', name: VICTORY_DAY }, // law
  { date: '2025-05-01', name: LABOUR_DAY }, // law
  {
    date: '2025-05-02', // swapped with Saturday 26 April (notice)
    name: swapped(
      { vi: '30/4 – 1/5', en: '30 April – 1 May' },
      { vi: 'thứ Bảy 26/04/2025', en: 'Saturday 26 April 2025' },
    ),
  },
  { date: '2025-09-01', name: NATIONAL_DAY_ADJACENT }, // notice
  { date: '2025-09-02', name: NATIONAL_DAY }, // law
]);
export const VIETNAM_PUBLIC_HOLIDAYS_2025: readonly IsoDate[] = datesOf(VIETNAM_OFFICIAL_HOLIDAYS_2025);

export const VIETNAM_OFFICIAL_HOLIDAYS_2026: readonly OfficialHoliday[] = deepFreeze([
  { date: '2026-01-01', name: NEW_YEAR }, // law
  { date: '2026-02-16', name: tet('chạp-29') }, // notice; law …
  { date: '2026-02-17', name: tet(1) }, // Tết Bính Ngọ
  { date: '2026-02-18', name: tet(2) },
  { date: '2026-02-19', name: tet(3) },
  { date: '2026-02-20', name: tet(4) }, // …
  { date: '2026-04-26', name: HUNG_KINGS }, // 10/3 Bính Ngọ, a Sunday (computed: lunar date) …
  { date: '2026-04-27', name: compensatoryFor(HUNG_KINGS) }, // … its compensatory day (law)
  { date: '2026-04-30', name: VICTORY_DAY }, // law
  { date: '2026-05-01', name: LABOUR_DAY }, // law
  { date: '2026-09-02', name: NATIONAL_DAY }, // law
  { date: '2026-09-03', name: NATIONAL_DAY_ADJACENT }, // computed: assumed, the notice names it
]);
export const VIETNAM_PUBLIC_HOLIDAYS_2026: readonly IsoDate[] = datesOf(VIETNAM_OFFICIAL_HOLIDAYS_2026);

export const VIETNAM_OFFICIAL_HOLIDAYS_2027: readonly OfficialHoliday[] = deepFreeze([
  { date: '2027-01-01', name: NEW_YEAR }, // law
  { date: '2027-02-05', name: tet('chạp-29') }, // computed …
  { date: '2027-02-06', name: tet(1) }, // Tết Đinh Mùi, a Saturday
  { date: '2027-02-07', name: tet(2) }, // a Sunday
  { date: '2027-02-08', name: tet(3) },
  { date: '2027-02-09', name: tet(4) }, // …
  { date: '2027-02-10', name: TET_COMPENSATORY }, // for mùng 1 and 2 on the weekend (computed)
  { date: '2027-02-11', name: TET_COMPENSATORY },
  { date: '2027-04-16', name: HUNG_KINGS }, // 10/3 Đinh Mùi (computed: lunar date)
  { date: '2027-04-30', name: VICTORY_DAY }, // law
  { date: '2027-05-01', name: LABOUR_DAY }, // a Saturday (law) …
  { date: '2027-05-03', name: compensatoryFor(LABOUR_DAY) }, // … its compensatory day (law)
  { date: '2027-09-02', name: NATIONAL_DAY }, // law
  { date: '2027-09-03', name: NATIONAL_DAY_ADJACENT }, // computed: assumed, the notice names it
]);
export const VIETNAM_PUBLIC_HOLIDAYS_2027: readonly IsoDate[] = datesOf(VIETNAM_OFFICIAL_HOLIDAYS_2027);

/**
 * Ready lists by year; a year missing here falls back to the fixed-date holidays only. A cycle
 * takes its year's list and the next year's (its year-end reports fall due in January): a 2027
 * cycle gets 1 January 2028 and its Monday off (below), which is enough because Tết Mậu Thân
 * (26 January 2028) comes after its close.
 */
export const VIETNAM_OFFICIAL_HOLIDAYS_BY_YEAR: Readonly<Record<number, readonly OfficialHoliday[]>> =
  Object.freeze({
    2024: VIETNAM_OFFICIAL_HOLIDAYS_2024,
    2025: VIETNAM_OFFICIAL_HOLIDAYS_2025,
    2026: VIETNAM_OFFICIAL_HOLIDAYS_2026,
    2027: VIETNAM_OFFICIAL_HOLIDAYS_2027,
  });

/** The dates of {@link VIETNAM_OFFICIAL_HOLIDAYS_BY_YEAR}, by year. */
export const VIETNAM_PUBLIC_HOLIDAYS_BY_YEAR: Readonly<Record<number, readonly IsoDate[]>> = Object.freeze(
  Object.fromEntries(
    Object.entries(VIETNAM_OFFICIAL_HOLIDAYS_BY_YEAR).map(([year, holidays]) => [year, datesOf(holidays)]),
  ),
);

/** Holidays on the same solar date every year (month, day), by name. */
const FIXED_DATE_HOLIDAYS: readonly (readonly [number, number, LocalizedText])[] = [
  [1, 1, NEW_YEAR],
  [4, 30, VICTORY_DAY],
  [5, 1, LABOUR_DAY],
  [9, 2, NATIONAL_DAY],
];

/** Whether qcycle holds the Government's list for `year` (else only the fixed-date days and the law's days off). */
export function hasOfficialHolidayList(year: number): boolean {
  return VIETNAM_OFFICIAL_HOLIDAYS_BY_YEAR[year] !== undefined;
}

/**
 * The public holidays of `year`, each by name, in date order: the ready list when there is one,
 * otherwise the fixed-date holidays (1/1, 30/4, 1/5, 2/9) with the day off the law gives for each
 * that falls on a weekend: the next working day (Labour Code 2019, art. 111(3)), e.g. Monday
 * 3 January 2028 for a Saturday New Year's Day, which a 2027 cycle's December reports fall due
 * around. For such a year the lunar holidays and the adjacent National Day must be supplied by the
 * organisation before its calendar is trusted.
 */
export function vietnamOfficialHolidays(year: number): OfficialHoliday[] {
  const ready = VIETNAM_OFFICIAL_HOLIDAYS_BY_YEAR[year];
  if (ready) return [...ready];
  const days = new Map<IsoDate, LocalizedText>(
    FIXED_DATE_HOLIDAYS.map(([month, day, name]) => [isoDate(year, month, day), name]),
  );
  const weekend = (date: IsoDate) => dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
  for (const [holiday, name] of [...days].filter(([date]) => weekend(date))) {
    // 30 April on a Sunday: Monday is 1 May, itself a holiday, so the day off is Tuesday.
    let off = addDays(holiday, 1);
    while (weekend(off) || days.has(off)) off = addDays(off, 1);
    days.set(off, compensatoryFor(name));
  }
  return [...days].map(([date, name]) => ({ date, name })).sort((a, b) => compareIsoDates(a.date, b.date));
}

/** The dates of {@link vietnamOfficialHolidays}: the days off a calendar counts. */
export function vietnamPublicHolidays(year: number): IsoDate[] {
  return vietnamOfficialHolidays(year).map((holiday) => holiday.date);
}
