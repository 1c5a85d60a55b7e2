import { StreamableFile } from '@nestjs/common';

/** A calendar (iCalendar text) as the file a browser saves and a calendar imports. */
export function calendarFile(calendar: string, fileName: string): StreamableFile {
  const content = Buffer.from(calendar, 'utf8');
  return new StreamableFile(content, {
    type: 'text/calendar; charset=utf-8',
    length: content.length,
    disposition: `attachment; filename="${fileName}"`,
  });
}
