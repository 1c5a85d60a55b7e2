import { cycleCalendar } from './cycle-calendar';
import type { CycleView } from './dto/cycle.view';

const year2024: CycleView = {
  id: 'kontum-2024',
  workflowId: 'quality-cycle/kontum/2024',
  organisationCode: 'kontum',
  year: 2024,
  rehearsal: false,
  status: 'running',
  phasesEntered: [],
  live: {
    executionStatus: 'RUNNING',
    status: 'running',
    scheduleShiftMs: 0,
    dates: {
      auditWindow: { from: '2024-10-01', to: '2024-10-31' },
      managementReviewDate: '2024-12-16',
      closeDate: '2025-01-22',
    },
  },
};
const options = {
  dashboardUrl: 'https://qcycle.kontum.gov.vn/cycles/kontum-2024',
  now: new Date('2024-03-01T02:00:00.000Z'),
  language: 'vi' as const,
};

/** Each event's properties, the lines unfolded, as a calendar client reads them. */
function eventsOf(calendar: string): Map<string, string>[] {
  const lines = calendar.replace(/\r\n /g, '').split('\r\n');
  const events: Map<string, string>[] = [];
  let current: Map<string, string> | undefined;
  for (const line of lines) {
    const name = line.slice(0, line.indexOf(':'));
    if (line === 'BEGIN:VEVENT') {
      current = new Map();
    } else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = undefined;
    } else if (current && !current.has(name)) {
      // The first of a name: the event's own, not its reminder's (which comes after).
      current.set(name, line.slice(line.indexOf(':') + 1));
    }
  }
  return events;
}

describe("the year's milestones as a calendar file", () => {
  it('gives the audit window, the review and the close as whole days (the end the day after), with reminders and the dashboard', () => {
    const calendar = cycleCalendar(year2024, options) as string;
    expect(calendar).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*METHOD:PUBLISH\r\n[\s\S]*END:VCALENDAR\r\n$/);
    const [audit, review, close] = eventsOf(calendar);
    expect(Object.fromEntries(audit)).toMatchObject({
      UID: 'kontum-2024/internal-audit@qcycle',
      'DTSTART;VALUE=DATE': '20241001',
      'DTEND;VALUE=DATE': '20241101',
      SUMMARY: 'Đánh giá nội bộ năm 2024',
      URL: options.dashboardUrl,
      STATUS: 'CONFIRMED',
      TRIGGER: '-P7D',
    });
    expect(Object.fromEntries(review)).toMatchObject({
      UID: 'kontum-2024/management-review@qcycle',
      'DTSTART;VALUE=DATE': '20241216',
      'DTEND;VALUE=DATE': '20241217',
      SUMMARY: 'Xem xét của lãnh đạo năm 2024',
    });
    // Into the next year: the end's day after crosses the month and the year correctly.
    expect(Object.fromEntries(close)).toMatchObject({
      'DTSTART;VALUE=DATE': '20250122',
      'DTEND;VALUE=DATE': '20250123',
      SUMMARY: 'Kết thúc chu trình chất lượng năm 2024',
      TRIGGER: '-P1D',
    });
    // A later download supersedes this one.
    const later = eventsOf(cycleCalendar(year2024, { ...options, now: new Date('2024-09-01T00:00:00Z') })!);
    expect(Number(later[0].get('SEQUENCE'))).toBeGreaterThan(Number(audit.get('SEQUENCE')));
  });

  it("moves a rehearsal's milestones by its shift and marks them, in English for who reads English", () => {
    const rehearsal: CycleView = {
      ...year2024,
      rehearsal: true,
      live: { ...year2024.live, scheduleShiftMs: 14 * 86_400_000 },
    };
    const [audit, , close] = eventsOf(cycleCalendar(rehearsal, { ...options, language: 'en' })!);
    expect(audit.get('DTSTART;VALUE=DATE')).toBe('20241015');
    expect(audit.get('DTEND;VALUE=DATE')).toBe('20241115');
    expect(audit.get('SUMMARY')).toBe('[Rehearsal] Internal audit 2024');
    expect(close.get('DTSTART;VALUE=DATE')).toBe('20250205');
  });

  it("takes a cancelled year's milestones out, and gives nothing when the dates cannot be read", () => {
    const cancelled: CycleView = {
      ...year2024,
      status: 'cancelled',
      live: { ...year2024.live, status: 'cancelled' },
    };
    const calendar = cycleCalendar(cancelled, options) as string;
    expect(calendar).toContain('METHOD:CANCEL\r\n');
    expect(eventsOf(calendar).map((event) => event.get('STATUS'))).toEqual([
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(calendar).not.toContain('VALARM');
    expect(cycleCalendar({ ...year2024, live: { executionStatus: 'UNKNOWN' } }, options)).toBeUndefined();
  });
});
