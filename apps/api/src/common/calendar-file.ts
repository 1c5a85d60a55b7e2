import { StreamableFile } from '@nestjs/common';

/**
 * A calendar (iCalendar text) as the file a browser saves and a calendar imports (`attachment`), or
 * as a feed a calendar app reads where it fetched it (`inline`).
 */
export function calendarFile(
  calendar: string,
  fileName: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): StreamableFile {
  const content = Buffer.from(calendar, 'utf8');
  return new StreamableFile(content, {
    type: 'text/calendar; charset=utf-8',
    length: content.length,
    disposition: `${disposition}; filename="${fileName}"`,
  });
}
