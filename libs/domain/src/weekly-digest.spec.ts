import { defaultCycleCalendar } from './cycle-calendar';
import {
  digestDayOf,
  digestTasks,
  digestWeek,
  nextDigestMorning,
  nextDigestWeek,
  type DigestTask,
} from './weekly-digest';

describe('the Monday digest', () => {
  it('goes out on Monday at 07:30 Vietnam time, this Monday until that moment, next Monday after it', () => {
    // Monday 7 December 2026, 07:29 in Vietnam is 00:29 UTC.
    expect(nextDigestWeek('2026-12-07T00:29:00.000Z', '07:30')).toEqual({
      weekStart: '2026-12-07',
      weekEnd: '2026-12-13',
      sendAt: '2026-12-07T00:30:00.000Z',
    });
    expect(nextDigestWeek('2026-12-07T00:30:00.000Z', '07:30').weekStart).toBe('2026-12-14');
    // Sunday 6 December, 23:00 in Vietnam (16:00 UTC): the next morning.
    expect(nextDigestWeek('2026-12-06T16:00:00.000Z', '07:30').weekStart).toBe('2026-12-07');
    // Saturday 5 December 2026 in UTC, but already Sunday 6 in Vietnam at 18:00 UTC (01:00 +07).
    expect(nextDigestWeek('2026-12-05T18:00:00.000Z', '07:30').weekStart).toBe('2026-12-07');
    // A Wednesday: the coming Monday.
    expect(nextDigestWeek('2026-12-09T05:00:00.000Z', '07:30').weekStart).toBe('2026-12-14');
  });

  it("wakes every weekday morning at 07:30 Vietnam time, never on a weekend, each with its week's Monday", () => {
    // Monday 7 December 2026 at 07:29 in Vietnam: that morning.
    expect(nextDigestMorning('2026-12-07T00:29:00.000Z', '07:30')).toEqual({
      weekStart: '2026-12-07',
      day: '2026-12-07',
      sendAt: '2026-12-07T00:30:00.000Z',
    });
    // At 07:30 on Monday: Tuesday's.
    expect(nextDigestMorning('2026-12-07T00:30:00.000Z', '07:30')).toMatchObject({
      weekStart: '2026-12-07',
      day: '2026-12-08',
    });
    // Friday after 07:30, and Saturday 5 December in UTC that is Sunday 6 in Vietnam: the Monday.
    expect(nextDigestMorning('2026-12-11T03:00:00.000Z', '07:30').day).toBe('2026-12-14');
    expect(nextDigestMorning('2026-12-05T18:00:00.000Z', '07:30')).toMatchObject({
      weekStart: '2026-12-07',
      day: '2026-12-07',
    });
  });

  it("goes out on the week's first working day by the organisation's calendar, and not in a week off", () => {
    const holidays2024 = defaultCycleCalendar(2024).publicHolidays;
    // An ordinary week: Monday.
    expect(digestDayOf('2024-03-04', holidays2024)).toBe('2024-03-04');
    // National Day 2024: Saturday 31 August to Tuesday 3 September off, so Wednesday the 4th.
    expect(digestDayOf('2024-09-02', holidays2024)).toBe('2024-09-04');
    // Tết 2024: 8 to 14 February off, so Thursday the 15th.
    expect(digestDayOf('2024-02-12', holidays2024)).toBe('2024-02-15');
    // A week wholly off (Tết lengthened by days the organisation added): none that week.
    const tetWeek = ['2024-02-12', '2024-02-13', '2024-02-14', '2024-02-15', '2024-02-16'];
    expect(digestDayOf('2024-02-12', [...holidays2024, ...tetWeek])).toBeNull();
    // A day off of the organisation's own on a Monday (a provincial anniversary).
    expect(digestDayOf('2024-03-04', [...holidays2024, '2024-03-04'])).toBe('2024-03-05');
  });

  const week = digestWeek('2026-12-07', '07:30');
  const task = (
    id: string,
    dueAt: string | null,
    unitCode: string | null,
    kind = 'measurement-report',
  ): DigestTask => ({
    id,
    cycleId: 'kontum-2026',
    kind,
    unitCode,
    dueAt,
  });
  const tasks = [
    task('late-report', '2026-11-30T10:00:00.000Z', 'vp-tonghop'),
    task('friday-report', '2026-12-11T10:00:00.000Z', 'vp-tonghop'),
    // Sunday 13 December, 23:59 in Vietnam: still this week.
    task('sunday-night', '2026-12-13T16:59:00.000Z', 'vp-tonghop'),
    // Monday 14 December, 00:00 in Vietnam: next week's.
    task('next-monday', '2026-12-13T17:00:00.000Z', 'vp-tonghop'),
    task('no-due-date', null, 'vp-tonghop'),
    task('other-unit', '2026-12-08T10:00:00.000Z', 'vp-kinhte'),
    // Auditing the unit: the auditors' work, not its head's to chase.
    task('audit-of-tonghop', '2026-12-09T10:00:00.000Z', 'vp-tonghop', 'audit-step'),
    task('leader-approval', '2026-12-01T10:00:00.000Z', null, 'objectives-approval'),
  ];

  it("lists a unit head's unit's work: overdue first, then due by Sunday night, each by due time", () => {
    const listed = digestTasks(tasks, { unitCodes: ['vp-tonghop'] }, week.sendAt, week);
    expect(listed.overdue.map((t) => t.id)).toEqual(['late-report']);
    expect(listed.dueThisWeek.map((t) => t.id)).toEqual(['friday-report', 'sunday-night']);
  });

  it('lists the units of a head who leads two', () => {
    const listed = digestTasks(tasks, { unitCodes: ['vp-tonghop', 'vp-kinhte'] }, week.sendAt, week);
    expect(listed.dueThisWeek.map((t) => t.id)).toEqual(['other-unit', 'friday-report', 'sunday-night']);
  });

  it("lists the whole organisation's for the Quality Representative, the tasks judging a unit among them", () => {
    const listed = digestTasks(tasks, 'all', week.sendAt, week);
    expect(listed.overdue.map((t) => t.id)).toEqual(['late-report', 'leader-approval']);
    expect(listed.dueThisWeek.map((t) => t.id)).toEqual([
      'other-unit',
      'audit-of-tonghop',
      'friday-report',
      'sunday-night',
    ]);
  });
});
