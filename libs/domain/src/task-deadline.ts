import type { CalendarEvent } from './icalendar';
import type { Language, LocalizedText } from './localized-text';
import { taskPageUrl } from './page-urls';
import type { IsoInstant } from './vietnam-time';

/** en-GB's short month names, as the web app's English pages write them ("5 Sept 2024"). */
export const EN_SHORT_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
];

/**
 * A task's title with its reporting period's key (`2024-03`, `2024-Q2`, `2024-H1`, written into the
 * title by the workflow) in the period's words, as the web app's inbox and task page show it
 * (`cycles:period`): "kỳ 2024-03" → "kỳ T3/2024", "for 2024-03" → "for Mar 2024", "for 2024-Q2" →
 * "for Q2 2024".
 */
export function withPeriodWords(title: string, language: Language): string {
  return title.replace(
    /\b(\d{4})-(0[1-9]|1[0-2]|Q[1-4]|H[12])\b(?![-\d])/g,
    (_whole, year: string, part: string) => {
      const n = Number(part.replace(/^[QH]/, ''));
      if (part.startsWith('Q')) return language === 'en' ? `Q${n} ${year}` : `Quý ${n}/${year}`;
      if (part.startsWith('H')) return language === 'en' ? `H${n} ${year}` : `6 tháng ${n}/${year}`;
      return language === 'en' ? `${EN_SHORT_MONTHS[n - 1]} ${year}` : `T${n}/${year}`;
    },
  );
}

/**
 * A task's title as one line of text in that language (Vietnamese when it has none), its period in
 * words: a title is data from a draft, and must never break out of a mail's Subject header or a
 * calendar's SUMMARY.
 */
export function taskTitleLine(title: LocalizedText, language: Language): string {
  return withPeriodWords((title[language] || title.vi).replace(/[\r\n\t]+/g, ' ').trim(), language);
}

/**
 * A task's deadline as a calendar event: the moment it is due (no end), titled "Hạn: <task>" in the
 * reader's language (a rehearsal's tagged), linking the task's page behind the sign-in — never a
 * single-use link: calendars are synced and shared, and an event outlives the link. One event per
 * task whatever brings it (a mail, the calendar feed): its UID is the task's, so a later one of the
 * same task replaces it, or cancelled takes it out. Reminded the day before while it stands.
 */
export function taskDeadlineEvent({
  taskId,
  title,
  dueAt,
  language,
  rehearsal,
  publicUrl,
  cancelled = false,
}: {
  taskId: string;
  /** The task's title in the reader's language, as `taskTitleLine` writes it. */
  title: string;
  dueAt: IsoInstant;
  language: Language;
  rehearsal: boolean;
  publicUrl: string;
  cancelled?: boolean;
}): CalendarEvent {
  const words = DEADLINE_WORDS[language];
  const page = taskPageUrl(publicUrl, taskId);
  return {
    uid: `${taskId}@qcycle`,
    when: { at: new Date(dueAt).toISOString() },
    summary: `${rehearsal ? `[${words.rehearsal}] ` : ''}${words.due}: ${title}`,
    description: `${words.open}: ${page}`,
    url: page,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    remindBefore: 'P1D',
  };
}

const DEADLINE_WORDS = {
  vi: { due: 'Hạn', open: 'Việc trong qcycle, mở sau khi đăng nhập', rehearsal: 'Diễn tập' },
  en: { due: 'Due', open: 'A task in qcycle, opened after signing in', rehearsal: 'Rehearsal' },
} as const;
