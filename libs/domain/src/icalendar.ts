import { addDays, type IsoDate } from './calendar-date';
import type { IsoInstant } from './vietnam-time';

/**
 * One event of a calendar file: a moment (a task's deadline) or whole days (a meeting day, the
 * audit window). The same `uid` in a later file updates the event, or with `CANCELLED` removes it.
 */
export interface CalendarEvent {
  uid: string;
  /** A moment (no end: the event is that instant), or whole days from `from` to `to` inclusive. */
  when: { at: IsoInstant } | { from: IsoDate; to: IsoDate };
  summary: string;
  description?: string;
  url?: string;
  status: 'CONFIRMED' | 'CANCELLED';
  /** A reminder this long before the event (an ISO 8601 duration: `P1D`, `P7D`). */
  remindBefore?: string;
}

/**
 * A calendar file (iCalendar, RFC 5545) of these events, as mail clients, calendars and phones
 * import it: CRLF lines folded at 75 octets, text escaped, times in UTC. `PUBLISH` offers the
 * events, `CANCEL` takes them out again (iTIP, RFC 5546).
 */
export function icalendar({
  method,
  stampedAt,
  events,
  feed,
}: {
  method: 'PUBLISH' | 'CANCEL';
  stampedAt: IsoInstant;
  events: readonly CalendarEvent[];
  /**
   * A calendar subscribed to (a feed), not a file imported once: its name in the app's list, and
   * how often to fetch it again (an ISO 8601 duration), as RFC 7986 and the common X- properties
   * that Outlook and Google read say it.
   */
  feed?: { name: string; refreshEvery: string };
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//qcycle//qcycle//VI',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    ...(feed
      ? [
          `NAME:${text(feed.name)}`,
          `X-WR-CALNAME:${text(feed.name)}`,
          `REFRESH-INTERVAL;VALUE=DURATION:${feed.refreshEvery}`,
          `X-PUBLISHED-TTL:${feed.refreshEvery}`,
        ]
      : []),
    ...events.flatMap((event) => eventLines(event, stampedAt)),
    'END:VCALENDAR',
  ];
  return lines.map(folded).join('\r\n') + '\r\n';
}

function eventLines(event: CalendarEvent, stampedAt: IsoInstant): string[] {
  const when =
    'at' in event.when
      ? [`DTSTART:${utc(event.when.at)}`]
      : [
          `DTSTART;VALUE=DATE:${day(event.when.from)}`,
          // The end is exclusive: the day after the last.
          `DTEND;VALUE=DATE:${day(addDays(event.when.to, 1))}`,
        ];
  return [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    // Minutes since 1970 at the stamp: a later file (a date moved, a task cancelled or handed back
    // and forth) supersedes an earlier one of the same UID, as clients compare SEQUENCE first.
    `SEQUENCE:${Math.floor(Date.parse(stampedAt) / 60_000)}`,
    `DTSTAMP:${utc(stampedAt)}`,
    ...when,
    `SUMMARY:${text(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${text(event.description)}`] : []),
    ...(event.url ? [`URL:${event.url}`] : []),
    `STATUS:${event.status}`,
    // A deadline or a window does not make anyone busy.
    'TRANSP:TRANSPARENT',
    ...(event.remindBefore && event.status === 'CONFIRMED'
      ? [
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          `DESCRIPTION:${text(event.summary)}`,
          `TRIGGER:-${event.remindBefore}`,
          'END:VALARM',
        ]
      : []),
    'END:VEVENT',
  ];
}

/** `2024-02-05T10:00:00.000Z` → `20240205T100000Z`. */
function utc(instant: IsoInstant): string {
  return instant.replace(/[-:]/g, '').replace(/\.\d+/, '');
}

/** `2024-10-01` → `20241001`. */
function day(date: IsoDate): string {
  return date.replace(/-/g, '');
}

/** A TEXT value, escaped (RFC 5545 3.3.11). */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** How many octets a character takes in UTF-8. */
function utf8Octets(character: string): number {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
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
    const size = utf8Octets(character);
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
