import type { IsoDate } from './calendar-date';
import { addDays, daysInMonth, isoDate } from './calendar-date';
import type { LocalizedText } from './localized-text';

/** How often an objective is measured (ISO 9.1.1 c: when monitoring shall be performed). */
export const MEASUREMENT_FREQUENCIES = ['monthly', 'quarterly', 'half-yearly', 'yearly'] as const;
export type MeasurementFrequency = (typeof MEASUREMENT_FREQUENCIES)[number];

export const FREQUENCY_LABELS: Readonly<Record<MeasurementFrequency, LocalizedText>> = {
  monthly: { vi: 'Hằng tháng', en: 'Monthly' },
  quarterly: { vi: 'Hằng quý', en: 'Quarterly' },
  'half-yearly': { vi: '6 tháng', en: 'Half-yearly' },
  yearly: { vi: 'Hằng năm', en: 'Yearly' },
};

export function periodsInYear(frequency: MeasurementFrequency): number {
  return { monthly: 12, quarterly: 4, 'half-yearly': 2, yearly: 1 }[frequency];
}

/**
 * The key a measurement is filed under: `2024-03` (month), `2024-Q1`, `2024-H1`, `2024` (year).
 * Keys of one frequency sort chronologically as strings.
 */
export function periodKey(frequency: MeasurementFrequency, year: number, index: number): string {
  switch (frequency) {
    case 'monthly':
      return `${year}-${String(index).padStart(2, '0')}`;
    case 'quarterly':
      return `${year}-Q${index}`;
    case 'half-yearly':
      return `${year}-H${index}`;
    case 'yearly':
      return String(year);
  }
}

export interface ParsedPeriodKey {
  frequency: MeasurementFrequency;
  year: number;
  /** 1-based position of the period in its year. */
  index: number;
}

/** Inverse of {@link periodKey}; undefined for anything that is not a valid key. */
export function parsePeriodKey(key: string): ParsedPeriodKey | undefined {
  const match = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])))?$/.exec(key);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    return month >= 1 && month <= 12 ? { frequency: 'monthly', year, index: month } : undefined;
  }
  if (match[3] !== undefined) return { frequency: 'quarterly', year, index: Number(match[3]) };
  if (match[4] !== undefined) return { frequency: 'half-yearly', year, index: Number(match[4]) };
  return { frequency: 'yearly', year, index: 1 };
}

/**
 * First and last day of period `index` of `year`. With `cutOffDay` unset, periods follow calendar
 * months (March = 1–31 March). With a cut-off day, each period ends on that day of its last month
 * and starts the day after the previous cut-off — the statistical reporting window of Decree
 * 09/2019/NĐ-CP uses 14 (month 3 = 15 Feb – 14 Mar; year 2024 = 15 Dec 2023 – 14 Dec 2024).
 */
export function periodBounds(
  frequency: MeasurementFrequency,
  year: number,
  index: number,
  cutOffDay?: number,
): { start: IsoDate; end: IsoDate } {
  const monthsPerPeriod = 12 / periodsInYear(frequency);
  const firstMonth = (index - 1) * monthsPerPeriod + 1;
  const lastMonth = index * monthsPerPeriod;
  if (cutOffDay === undefined) {
    return {
      start: isoDate(year, firstMonth, 1),
      end: isoDate(year, lastMonth, daysInMonth(year, lastMonth)),
    };
  }
  const previousEnd =
    firstMonth === 1 ? isoDate(year - 1, 12, cutOffDay) : isoDate(year, firstMonth - 1, cutOffDay);
  return { start: addDays(previousEnd, 1), end: isoDate(year, lastMonth, cutOffDay) };
}
