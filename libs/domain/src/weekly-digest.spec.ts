import { digestTasks, digestWeek, nextDigestWeek, type DigestTask } from './weekly-digest';

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
