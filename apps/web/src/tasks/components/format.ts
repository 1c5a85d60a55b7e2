/** Dates and numbers in the current language; instants in Vietnam time. */
const locale = (language: string) => (language === 'en' ? 'en-GB' : 'vi-VN');

export const VIETNAM_TIME = 'Asia/Ho_Chi_Minh';

export function formatInstant(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // Vietnamese writes 17:00 05/04/2024; English 5 Apr 2024, 17:00.
  const options: Intl.DateTimeFormatOptions =
    language === 'en'
      ? { dateStyle: 'medium', timeStyle: 'short' }
      : { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(locale(language), { ...options, timeZone: VIETNAM_TIME }).format(date);
}

/** A calendar day (`2024-06-30`) as written in the language, with no time-zone shift. */
export function formatDay(day: string | null | undefined, language: string): string {
  if (!day) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const options: Intl.DateTimeFormatOptions =
    language === 'en' ? { dateStyle: 'medium' } : { day: '2-digit', month: '2-digit', year: 'numeric' };
  return new Intl.DateTimeFormat(locale(language), { ...options, timeZone: 'UTC' }).format(date);
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 }).format(value);
}

/** Today in Vietnam, `YYYY-MM-DD` (for date inputs' defaults and limits). */
export function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TIME }).format(new Date());
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Translate = (key: string, options?: any) => string;

/** `obj-4` → "Mục tiêu 4"; anything else as written. */
export const objectiveText = (id: string, t: Translate): string => {
  const number = /^obj-(\d+)$/.exec(id)?.[1];
  return number ? t('tasks:objectiveNumber', { number }) : id;
};

/** `2024-03` → "T3/2024", `2024-Q2` → "Quý 2/2024" (the cycles catalogue's period words). */
export const periodText = (key: string, t: Translate): string => {
  let match = /^(\d{4})-(\d{2})$/.exec(key);
  if (match) return t('cycles:period.month', { month: Number(match[2]), year: match[1] });
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
  const year = /-(\d{4})$/.exec(cycleId)?.[1];
  return year ? t('tasks:page.cycleOfYear', { year }) : cycleId;
};
