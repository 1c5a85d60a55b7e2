import { yearOfCycle } from '../../cycles/cycle-year';

/** Numbers in the current language; dates are ui/dates'. */
const locale = (language: string) => (language === 'en' ? 'en-GB' : 'vi-VN');

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 }).format(value);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Translate = (key: string, options?: any) => string;

/** `obj-4` → "Mục tiêu 4"; anything else as written. */
export const objectiveText = (id: string, t: Translate): string => {
  const number = /^obj-(\d+)$/.exec(id)?.[1];
  return number ? t('tasks:objectiveNumber', { number }) : id;
};

/**
 * `2024-03` → "T3/2024" / "Mar 2024", `2024-Q2` → "Quý 2/2024" / "Q2 2024" (the cycles catalogue's
 * period words; an English month through the `monthWords` format, i18n/formatters).
 */
export const periodText = (key: string, t: Translate): string => {
  let match = /^(\d{4})-(\d{2})$/.exec(key);
  if (match) return t('cycles:period.month', { month: Number(match[2]), year: match[1], monthKey: key });
  match = /^(\d{4})-Q(\d)$/.exec(key);
  if (match) return t('cycles:period.quarter', { quarter: Number(match[2]), year: match[1] });
  match = /^(\d{4})-H(\d)$/.exec(key);
  if (match) return t('cycles:period.half', { half: Number(match[2]), year: match[1] });
  return t('cycles:period.year', { year: key });
};

/**
 * A task's title as the workflow wrote it, its period key (`2025-Q1`, recorded in the title) read as
 * the period's words ("Quý 1/2025").
 */
export const taskTitleText = (title: string, periodKey: string | null | undefined, t: Translate): string =>
  periodKey ? title.split(periodKey).join(periodText(periodKey, t)) : title;

/** `kontum-2025` → "Chu trình chất lượng năm 2025": a cycle as its people name it. */
export const cycleText = (cycleId: string, t: Translate): string => {
  const year = yearOfCycle(cycleId);
  return year ? t('tasks:page.cycleOfYear', { year }) : cycleId;
};
