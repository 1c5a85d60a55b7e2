import { defaultCycleCalendar } from './cycle-calendar';
import {
  cycleCalendarFromSettings,
  defaultCalendarSettings,
  validateCalendarSettings,
} from './organisation-calendar';

describe("an organisation's calendar for a year", () => {
  it('is the default calendar when nothing was changed', () => {
    expect(cycleCalendarFromSettings(2026, defaultCalendarSettings(2026))).toEqual(
      defaultCycleCalendar(2026),
    );
    expect(validateCalendarSettings(2026, defaultCalendarSettings(2026))).toEqual([]);
  });

  it('adds and removes days from the official holidays, sorted', () => {
    const calendar = cycleCalendarFromSettings(2026, {
      ...defaultCalendarSettings(2026),
      addedHolidays: [{ date: '2026-09-14', name: 'Ngày thành lập tỉnh' }],
      removedHolidays: [{ date: '2026-04-27', name: 'Thông báo của năm đặt khác' }],
    });
    expect(calendar.publicHolidays).toContain('2026-09-14');
    expect(calendar.publicHolidays).not.toContain('2026-04-27');
    expect([...calendar.publicHolidays].sort()).toEqual(calendar.publicHolidays);
  });

  it('names every bad field at once', () => {
    const settings = defaultCalendarSettings(2026);
    const problems = validateCalendarSettings(2026, {
      ...settings,
      monitoring: { ...settings.monitoring, periodCutOffDay: 29 },
      auditWindow: { from: '2026-10-20', to: '2026-10-10' },
      managementReviewDate: '2027-01-05',
      addedHolidays: [
        { date: '2026-09-14', name: 'A' },
        { date: '2026-09-14', name: 'A' },
        { date: '2025-12-31', name: 'B' },
        { date: '2026-01-01', name: 'C' },
        { date: '2026-11-31', name: 'F' },
      ],
      removedHolidays: [
        { date: '2026-03-03', name: 'D' },
        { date: '2026-09-14', name: 'E' },
      ],
    });
    expect(problems.map((p) => `${p.path} ${p.code}`).sort()).toEqual([
      'addedHolidays[1].date duplicate',
      'addedHolidays[2].date out-of-range',
      'addedHolidays[3].date duplicate',
      'addedHolidays[4].date out-of-range',
      'auditWindow.to inconsistent',
      'managementReviewDate out-of-range',
      'monitoring.periodCutOffDay out-of-range',
      'removedHolidays[0].date unknown-reference',
      'removedHolidays[1].date inconsistent',
      'removedHolidays[1].date unknown-reference',
    ]);
  });

  it('takes days of the next year too, whose January the year-end reports fall due in, and no later', () => {
    const settings = defaultCalendarSettings(2027);
    const problems = validateCalendarSettings(2027, {
      ...settings,
      addedHolidays: [
        { date: '2028-01-10', name: 'Ngày nghỉ theo thông báo của tỉnh' },
        { date: '2028-01-03', name: 'Nghỉ bù Tết Dương lịch' },
        { date: '2029-01-02', name: 'G' },
      ],
    });
    // 3 January 2028 is already the day off for New Year's Day on a Saturday.
    expect(problems.map((p) => `${p.path} ${p.code}`).sort()).toEqual([
      'addedHolidays[1].date duplicate',
      'addedHolidays[2].date out-of-range',
    ]);
    expect(
      cycleCalendarFromSettings(2027, { ...settings, addedHolidays: [{ date: '2028-01-10', name: 'X' }] })
        .publicHolidays,
    ).toContain('2028-01-10');
  });

  it('puts the review and the close on working days, the close by the end of next March', () => {
    const settings = defaultCalendarSettings(2026);
    const problems = validateCalendarSettings(2026, {
      ...settings,
      managementReviewDate: '2026-12-19', // a Saturday
      closeDate: '2027-02-08', // Tết Đinh Mùi (mùng 3)
    });
    expect(problems.map((p) => `${p.path} ${p.code}`).sort()).toEqual([
      'closeDate invalid-value',
      'managementReviewDate invalid-value',
    ]);
    expect(
      validateCalendarSettings(2026, { ...settings, closeDate: '2027-12-01' }).map(
        (p) => `${p.path} ${p.code}`,
      ),
    ).toEqual(['closeDate out-of-range']);
  });
});
