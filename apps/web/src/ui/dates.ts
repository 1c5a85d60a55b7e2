/**
 * Dates and times as every page writes them, in the reader's language and in Vietnam time (the
 * cycle's own clock, wherever the reader is). One way for every page: Vietnamese "17:00 05/04/2024"
 * and "05/04/2024"; English "5 Apr 2024, 17:00" and "5 Apr 2024", the month in words so that no
 * English reader takes 05/04 for the fifth of April or the fourth of May.
 */
export const VIETNAM_TIME = 'Asia/Ho_Chi_Minh';

/** Today in Vietnam (the organisation's day, wherever the reader is), YYYY-MM-DD. */
export const vietnamToday = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TIME }).format(new Date());

const locale = (language: string) => (language.startsWith('en') ? 'en-GB' : 'vi-VN');

const DAY: Record<'vi' | 'en', Intl.DateTimeFormatOptions> = {
  vi: { day: '2-digit', month: '2-digit', year: 'numeric' },
  en: { dateStyle: 'medium' },
};
const MOMENT: Record<'vi' | 'en', Intl.DateTimeFormatOptions> = {
  vi: {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  },
  en: { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' },
};
const style = (language: string) => (language.startsWith('en') ? 'en' : 'vi');

/** A moment (ISO instant) in Vietnam time with the options given; what is no moment, as it is. */
function inVietnam(
  iso: string | null | undefined,
  language: string,
  options: Intl.DateTimeFormatOptions,
): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(language), { ...options, timeZone: VIETNAM_TIME }).format(date);
}

/** A moment (ISO instant): its day and time in Vietnam. */
export const formatInstant = (iso: string | null | undefined, language: string): string =>
  inVietnam(iso, language, MOMENT[style(language)]);

/** The day in Vietnam of a moment (ISO instant). */
export const formatInstantDay = (iso: string | null | undefined, language: string): string =>
  inVietnam(iso, language, DAY[style(language)]);

/** A calendar day (`2024-06-30`) at midnight UTC, its parts as written; undefined for what is no day. */
function calendarDay(day: string | null | undefined) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return { year, month, date, utc: new Date(Date.UTC(year, month - 1, date)) };
}

/** A calendar day's parts, if they make one (2025-02-30 does not: Date would read it as 2 March). */
function realDay(year: number, month: number, date: number): string | undefined {
  const utc = new Date(Date.UTC(year, month - 1, date));
  if (year < 1000 || utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${year}-${two(month)}-${two(date)}`;
}

/**
 * What someone typed into a date field, as a calendar day (`2025-03-05`): day first, as Vietnam
 * writes dates ("5/3/2025", "05.03.2025", "05-03-2025", "05032025"), or the ISO day a paste or a
 * program gives ("2025-03-05"). '' for an empty field, undefined for what is no day ("31/02/2025",
 * a two-digit year: which century is not the field's to guess).
 */
export function readTypedDay(typed: string): string | undefined {
  const text = typed.trim();
  if (text === '') return '';
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return realDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst =
    /^(\d{1,2})\s*[/.,\-\s]\s*(\d{1,2})\s*[/.,\-\s]\s*(\d{4})$/.exec(text) ??
    /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (dayFirst) return realDay(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  return undefined;
}

/**
 * What someone typed into a time field, as `HH:mm` (24 hours, as the pages write times): "7:30",
 * "07.30", "0730", and "7h30" or "17h" as Vietnam writes times. undefined for what is no time.
 * Not the browser's `<input type="time">`: an English browser asks for "07:30 AM" on a Vietnamese page.
 */
export function readTypedTime(typed: string): string | undefined {
  const match =
    /^(\d{1,2})\s*(?:[:.hH]\s*(\d{2})?)?$/.exec(typed.trim()) ?? /^(\d{2})(\d{2})$/.exec(typed.trim());
  if (!match || (match[2] === undefined && !/[hH]/.test(typed))) return undefined;
  const [hour, minute] = [Number(match[1]), Number(match[2] ?? 0)];
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** A calendar day (`2025-03-05`) as a date field shows it, whatever the language: "05/03/2025". */
export function writeTypedDay(day: string): string {
  const parts = calendarDay(day);
  if (!parts) return day;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(parts.date)}/${two(parts.month)}/${parts.year}`;
}

/**
 * A calendar day in words, with its weekday: "Thứ Hai, ngày 30 tháng 6 năm 2025" as a Vietnamese
 * document writes a date, "Monday, 30 June 2025"; '' for what is no day (an empty field).
 */
export function formatDayInWords(day: string | null | undefined, language: string): string {
  const parts = calendarDay(day);
  // 2025-02-30 is no day: Date would read it as 2 March.
  if (!parts || parts.utc.getUTCMonth() !== parts.month - 1) return '';
  const { year, month, date, utc } = parts;
  // Put together here, not Intl's full style: its commas differ from one ICU to the next.
  const name = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale(language), { ...options, timeZone: 'UTC' }).format(utc);
  const weekday = name({ weekday: 'long' });
  return style(language) === 'en'
    ? `${weekday}, ${date} ${name({ month: 'long' })} ${year}`
    : `${weekday}, ngày ${date} tháng ${month} năm ${year}`;
}

/** A calendar day (`2024-06-30`) as written in the language, with no time-zone shift. */
export function formatDay(day: string | null | undefined, language: string): string {
  if (!day) return '';
  const parts = calendarDay(day);
  if (!parts) return day;
  return new Intl.DateTimeFormat(locale(language), { ...DAY[style(language)], timeZone: 'UTC' }).format(
    parts.utc,
  );
}

/**
 * A reporting month (`2024-03`) in words: English "Mar 2024", its month written as the English days
 * write it ("5 Sept 2024" → "Sept 2024"). Vietnamese pages write months from their catalogue
 * ("T3/2024"); a bare "3/2024" on an English page reads like a day/month to some readers.
 */
export function formatMonth(month: string, language: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 15));
  return new Intl.DateTimeFormat(locale(language), {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
