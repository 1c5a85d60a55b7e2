import { cycleClock, rehearsalShiftMs } from './cycle-clock';

describe('cycle clock', () => {
  it('runs a real year unshifted', () => {
    const clock = cycleClock(0);
    expect(clock.toWorkflowMs('2024-03-01T01:00:00.000Z')).toBe(Date.parse('2024-03-01T01:00:00.000Z'));
    expect(clock.calendarDate(Date.parse('2024-03-01T18:00:00.000Z'))).toBe('2024-03-02');
  });

  it('moves a rehearsal by whole weeks so 1 January falls at or just before the start', () => {
    const start = Date.parse('2026-11-26T06:40:00.000Z'); // a Thursday
    const shift = rehearsalShiftMs(2024, start);
    expect(shift % (7 * 86_400_000)).toBe(0);
    const clock = cycleClock(shift);
    const yearStart = clock.toWorkflowMs('2023-12-31T17:00:00.000Z'); // 1 Jan 2024 00:00 in Vietnam
    expect(yearStart).toBeLessThanOrEqual(start);
    expect(start - yearStart).toBeLessThan(7 * 86_400_000);
    // Weekday and office hours are kept: Monday 1 Jan 2024 08:00 is a Monday 08:00 in workflow time.
    const morning = new Date(clock.toWorkflowMs('2024-01-01T01:00:00.000Z'));
    expect([morning.getUTCDay(), morning.getUTCHours()]).toEqual([1, 1]);
    expect(clock.toCalendarInstant(clock.toWorkflowMs('2024-05-07T10:00:00.000Z'))).toBe(
      '2024-05-07T10:00:00.000Z',
    );
    expect(clock.calendarDate(yearStart)).toBe('2024-01-01');
  });

  it('begins a rehearsal later in its year when asked: that date is today, what came before is past', () => {
    const start = Date.parse('2026-11-26T06:40:00.000Z'); // a Thursday
    const clock = cycleClock(rehearsalShiftMs(2024, start, '2024-04-02'));
    // 2 April 2024 00:00 in Vietnam falls within the week before the start: the first quarter is over.
    const from = clock.toWorkflowMs('2024-04-01T17:00:00.000Z');
    expect(from).toBeLessThanOrEqual(start);
    expect(start - from).toBeLessThan(7 * 86_400_000);
    expect(clock.calendarDate(start) >= '2024-04-02').toBe(true);
    expect(clock.calendarDate(start) < '2024-04-09').toBe(true);
  });

  it('never shifts a year that has not started yet', () => {
    expect(rehearsalShiftMs(2030, Date.parse('2026-11-26T00:00:00.000Z'))).toBe(0);
  });
});
