import type { TaskNotificationRequest } from '@qcycle/contracts';
import { recipientLanguage, taskTitleIn, taskPageUrl, type TaskMailContext } from './task-notification-mail';

/**
 * The task's deadline as a calendar entry (RFC 5545), sent with the mail that gives the task to its
 * assignee, so that the due date lands in the calendar they already watch (Outlook, Thunderbird,
 * Gmail, a phone) with a reminder the day before. The mail that tells them the task was cancelled
 * takes the entry out again (same UID, METHOD:CANCEL).
 *
 * Only for the assignee's own task with a due date: a reminder or an escalation repeats a deadline
 * already given, a notice that comes to a stand-in is not their task, and the other notices have no
 * deadline to keep. The entry links the task's page behind the sign-in, never the mail's own
 * single-use link: calendars are synced and shared, and an entry outlives the link's validity.
 */
export function taskCalendar(
  request: TaskNotificationRequest,
  { publicUrl, now, context = {} }: { publicUrl: string; now: Date; context?: TaskMailContext },
): string | undefined {
  const method = METHODS[request.reason];
  const forTheAssignee = request.assignee === undefined && context.departed === undefined;
  if (!method || !request.dueAt || !forTheAssignee) return undefined;
  const language = recipientLanguage(request);
  const words = WORDS[language];
  const title = taskTitleIn(request, language);
  const page = taskPageUrl(publicUrl, request.taskId);
  const summary = `${context.rehearsal ? `[${words.rehearsal}] ` : ''}${words.due}: ${title}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//qcycle//Task deadlines//VI',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    // One entry per task in the assignee's calendar, whatever mail brought it: the cancel finds it.
    `UID:${request.taskId}@qcycle`,
    `SEQUENCE:${method === 'CANCEL' ? 1 : 0}`,
    `DTSTAMP:${utc(now.toISOString())}`,
    // The deadline itself, without an end: the entry is the moment the task is due.
    `DTSTART:${utc(request.dueAt)}`,
    `SUMMARY:${text(summary)}`,
    `DESCRIPTION:${text(`${words.open}: ${page}`)}`,
    `URL:${page}`,
    `STATUS:${method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:TRANSPARENT',
    ...(method === 'PUBLISH'
      ? ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${text(summary)}`, 'TRIGGER:-P1D', 'END:VALARM']
      : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(folded).join('\r\n') + '\r\n';
}

/** The iTIP method a calendar entry goes with, by the notice's reason; none: no entry. */
const METHODS: Partial<Record<TaskNotificationRequest['reason'], 'PUBLISH' | 'CANCEL'>> = {
  assigned: 'PUBLISH',
  reassigned: 'PUBLISH',
  cancelled: 'CANCEL',
};

const WORDS = {
  vi: { due: 'Hạn', open: 'Việc trong qcycle, mở sau khi đăng nhập', rehearsal: 'Diễn tập' },
  en: { due: 'Due', open: 'A task in qcycle, opened after signing in', rehearsal: 'Rehearsal' },
} as const;

/** `2024-02-05T10:00:00.000Z` → `20240205T100000Z`. */
function utc(instant: string): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** A TEXT value, escaped (RFC 5545 3.3.11). */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/**
 * A content line folded at 75 octets (RFC 5545 3.1): each further line starts with a space. Counted
 * in UTF-8 octets, and never inside a character: Vietnamese letters take two or three.
 */
function folded(line: string): string {
  const parts: string[] = [];
  let part = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    // The first line holds 75 octets; a continuation 74 after its leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(part);
      part = '';
      octets = 0;
    }
    part += character;
    octets += size;
  }
  parts.push(part);
  return parts.join('\r\n ');
}
