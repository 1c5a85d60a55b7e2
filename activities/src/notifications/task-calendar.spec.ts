import { taskNotificationRequest } from '@qcycle/testing';
import { taskCalendar } from './task-calendar';

const request = taskNotificationRequest({
  taskId: 'quality-cycle/kontum/2024/measure/obj-4/2024-03',
  taskTitle: {
    vi: 'Báo cáo số liệu mục tiêu 4 (tỷ lệ hồ sơ giải quyết đúng hạn; trước hạn) kỳ 2024-03',
    en: 'Report the figures of objective 4 for 2024-03',
  },
  dueAt: '2024-04-05T10:00:00.000Z',
});
const options = { publicUrl: 'https://qcycle.kontum.gov.vn/', now: new Date('2024-04-01T01:02:03.456Z') };

/** The entry's properties, its lines unfolded (RFC 5545 3.1), as a calendar client reads them. */
function propertiesOf(calendar: string): Map<string, string[]> {
  expect(calendar.endsWith('\r\n')).toBe(true);
  const properties = new Map<string, string[]>();
  for (const line of calendar.replace(/\r\n /g, '').split('\r\n').slice(0, -1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    properties.set(name, [...(properties.get(name) ?? []), line.slice(colon + 1)]);
  }
  return properties;
}

describe("a task's deadline as a calendar entry", () => {
  it('gives the assignee the deadline at its instant, titled in their language, linked to the page behind the sign-in, with a reminder the day before', () => {
    const calendar = taskCalendar(request, options) as string;
    const properties = propertiesOf(calendar);
    expect(properties.get('METHOD')).toEqual(['PUBLISH']);
    expect(properties.get('UID')).toEqual([`${request.taskId}@qcycle`]);
    expect(properties.get('DTSTAMP')).toEqual(['20240401T010203Z']);
    // 17:00 on 5 April in Vietnam.
    expect(properties.get('DTSTART')).toEqual(['20240405T100000Z']);
    expect(properties.get('DTEND')).toBeUndefined();
    // The period in words, as the mail says it; a comma and a semicolon escaped.
    expect(properties.get('SUMMARY')).toEqual([
      'Hạn: Báo cáo số liệu mục tiêu 4 (tỷ lệ hồ sơ giải quyết đúng hạn\\; trước hạn) kỳ T3/2024',
    ]);
    const page =
      'https://qcycle.kontum.gov.vn/tasks/quality-cycle%2Fkontum%2F2024%2Fmeasure%2Fobj-4%2F2024-03';
    expect(properties.get('URL')).toEqual([page]);
    expect(properties.get('DESCRIPTION')?.[0]).toBe(`Việc trong qcycle\\, mở sau khi đăng nhập: ${page}`);
    // No single-use link in a calendar: it is synced and shared, and outlives the link.
    expect(calendar).not.toContain('token');
    expect(properties.get('TRIGGER')).toEqual(['-P1D']);
    expect(properties.get('BEGIN')).toEqual(['VCALENDAR', 'VEVENT', 'VALARM']);
  });

  it('folds long lines at 75 octets without splitting a Vietnamese letter', () => {
    const calendar = taskCalendar(request, options) as string;
    const lines = calendar.split('\r\n');
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    expect(calendar).toContain('\r\n ');
  });

  it('writes English for a recipient who chose it, and marks a rehearsal', () => {
    const calendar = taskCalendar(
      { ...request, reason: 'reassigned', recipient: { ...request.recipient, locale: 'en' } },
      { ...options, context: { rehearsal: true } },
    ) as string;
    expect(propertiesOf(calendar).get('SUMMARY')).toEqual([
      '[Rehearsal] Due: Report the figures of objective 4 for Mar 2024',
    ]);
  });

  it('takes the entry out again when the task is cancelled: the same UID, METHOD:CANCEL, no reminder', () => {
    const properties = propertiesOf(taskCalendar({ ...request, reason: 'cancelled' }, options) as string);
    expect(properties.get('METHOD')).toEqual(['CANCEL']);
    expect(properties.get('UID')).toEqual([`${request.taskId}@qcycle`]);
    expect(properties.get('STATUS')).toEqual(['CANCELLED']);
    expect(properties.get('TRIGGER')).toBeUndefined();
  });

  it('takes the deadline out of the calendar of a leader whose answer given on paper was entered for them', () => {
    const properties = propertiesOf(
      taskCalendar({ ...request, reason: 'entered-on-paper' }, options) as string,
    );
    expect(properties.get('METHOD')).toEqual(['CANCEL']);
    expect(properties.get('UID')).toEqual([`${request.taskId}@qcycle`]);
  });

  it('takes the deadline out of the calendar of the one the task was taken from, and puts it back if it comes back to them', () => {
    const newAssignee = { userId: 'u-2', name: 'Trần Thị Bình' };
    const away = propertiesOf(
      taskCalendar({ ...request, reason: 'reassigned-away', assignee: newAssignee }, options) as string,
    );
    expect(away.get('METHOD')).toEqual(['CANCEL']);
    expect(away.get('UID')).toEqual([`${request.taskId}@qcycle`]);
    expect(away.get('STATUS')).toEqual(['CANCELLED']);
    expect(away.get('TRIGGER')).toBeUndefined();
    // Given back later: a higher SEQUENCE, so the calendar takes it as newer than the cancellation.
    const back = propertiesOf(
      taskCalendar(
        { ...request, reason: 'reassigned' },
        { ...options, now: new Date(options.now.getTime() + 60 * 60_000) },
      ) as string,
    );
    expect(back.get('METHOD')).toEqual(['PUBLISH']);
    expect(Number(back.get('SEQUENCE'))).toBeGreaterThan(Number(away.get('SEQUENCE')));
  });

  it('gives no entry for a deadline already given, a task without one, or a notice that is not the assignee’s own task', () => {
    expect(taskCalendar({ ...request, reason: 'reminder' }, options)).toBeUndefined();
    expect(taskCalendar({ ...request, reason: 'escalated' }, options)).toBeUndefined();
    expect(taskCalendar({ ...request, reason: 'corrected' }, options)).toBeUndefined();
    expect(taskCalendar({ ...request, dueAt: undefined }, options)).toBeUndefined();
    // An escalation's copy to the unit head, a notice for someone who left that comes to a stand-in.
    expect(
      taskCalendar({ ...request, assignee: { userId: 'u-2', name: 'Trần Thị Bình' } }, options),
    ).toBeUndefined();
    expect(
      taskCalendar(request, {
        ...options,
        context: { departed: { name: 'Trần Thị Bình', held: true, standInRole: 'unit-head' } },
      }),
    ).toBeUndefined();
  });
});
