import {
  defaultCycleCalendar,
  escalationsAt,
  periodsElapsedAt,
  periodsFor,
  reminderAt,
  validateCycleCalendar,
} from './cycle-calendar';
import { isWorkingDay } from './working-day';
import { instantToVnLocal } from './vietnam-time';

const calendar2024 = defaultCycleCalendar(2024);
const dueDays = (frequency: Parameters<typeof periodsFor>[0], calendar = calendar2024) =>
  periodsFor(frequency, 2024, calendar).map((period) => instantToVnLocal(period.dueAt).date);

describe('cycle calendar 2024', () => {
  it('lists the twelve monthly periods with their calendar-month bounds', () => {
    const periods = periodsFor('monthly', 2024, calendar2024);
    expect(periods.map((p) => p.key)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
    ]);
    expect(periods[1]).toMatchObject({ start: '2024-02-01', end: '2024-02-29' });
  });

  it('makes each monthly report due on the 5th working day after the month, skipping holidays', () => {
    expect(dueDays('monthly')).toEqual([
      '2024-02-07', // January: just before Tết
      '2024-03-07',
      '2024-04-05',
      '2024-05-08', // April: 1 May is a holiday
      '2024-06-07',
      '2024-07-05',
      '2024-08-07',
      '2024-09-10', // August: 2–3 September are holidays
      '2024-10-07',
      '2024-11-07',
      '2024-12-06',
      '2025-01-08', // December: 1 January 2025 is a holiday
    ]);
  });

  it('puts no report deadline on a weekend or a public holiday, at 17:00 local time', () => {
    for (const period of periodsFor('monthly', 2024, calendar2024)) {
      const { date, time } = instantToVnLocal(period.dueAt);
      expect(isWorkingDay(date, calendar2024.publicHolidays)).toBe(true);
      expect(time).toBe('17:00');
    }
    expect(periodsFor('monthly', 2024)[0].dueAt).toBe('2024-02-07T10:00:00.000Z');
  });

  it('skips Tết when a deadline would fall in it', () => {
    const sixDays = {
      ...calendar2024,
      monitoring: { ...calendar2024.monitoring, dueWorkingDaysAfterPeriodEnd: 6 },
    };
    expect(dueDays('monthly', sixDays)[0]).toBe('2024-02-15');
  });

  it('has quarterly, half-yearly and yearly periods', () => {
    expect(periodsFor('quarterly', 2024).map((p) => [p.key, p.start, p.end])).toEqual([
      ['2024-Q1', '2024-01-01', '2024-03-31'],
      ['2024-Q2', '2024-04-01', '2024-06-30'],
      ['2024-Q3', '2024-07-01', '2024-09-30'],
      ['2024-Q4', '2024-10-01', '2024-12-31'],
    ]);
    expect(dueDays('quarterly')).toEqual(['2024-04-05', '2024-07-05', '2024-10-07', '2025-01-08']);
    expect(periodsFor('half-yearly', 2024).map((p) => p.key)).toEqual(['2024-H1', '2024-H2']);
    expect(periodsFor('yearly', 2024)).toEqual([
      expect.objectContaining({
        key: '2024',
        start: '2024-01-01',
        end: '2024-12-31',
        dueAt: '2025-01-08T10:00:00.000Z',
      }),
    ]);
  });

  it('can follow the Decree 09/2019 reporting window (cut-off on the 14th)', () => {
    const decree09 = { ...calendar2024, monitoring: { ...calendar2024.monitoring, periodCutOffDay: 14 } };
    const months = periodsFor('monthly', 2024, decree09);
    expect(months[0]).toMatchObject({ start: '2023-12-15', end: '2024-01-14' });
    expect(months[2]).toMatchObject({ start: '2024-02-15', end: '2024-03-14' });
    expect(periodsFor('yearly', 2024, decree09)[0]).toMatchObject({ start: '2023-12-15', end: '2024-12-14' });
  });

  it('reminds the owner at 08:00 two working days before the due day', () => {
    const januaryDue = periodsFor('monthly', 2024)[0].dueAt;
    expect(reminderAt(januaryDue, calendar2024)).toBe('2024-02-05T01:00:00.000Z');
  });

  it('escalates an overdue January report after Tết: unit head, then quality representative', () => {
    const januaryDue = periodsFor('monthly', 2024)[0].dueAt;
    expect(escalationsAt(januaryDue, calendar2024)).toEqual([
      { level: 'unit-head', at: '2024-02-16T01:00:00.000Z' },
      { level: 'quality-representative', at: '2024-02-21T01:00:00.000Z' },
    ]);
  });

  it('counts a period as elapsed from its due instant', () => {
    const months = periodsFor('monthly', 2024);
    expect(periodsElapsedAt(months, '2024-02-07T09:59:59.999Z')).toBe(0);
    expect(periodsElapsedAt(months, '2024-02-07T10:00:00.000Z')).toBe(1);
    expect(periodsElapsedAt(months, '2025-01-08T10:00:00.000Z')).toBe(12);
  });

  it('schedules the audit, review and close in order, on working days', () => {
    expect(calendar2024).toMatchObject({
      year: 2024,
      timezone: 'Asia/Ho_Chi_Minh',
      auditWindow: { from: '2024-10-01', to: '2024-10-31' },
      managementReviewDate: '2024-12-16', // 15 December 2024 is a Sunday
      closeDate: '2025-01-22',
    });
    expect(validateCycleCalendar(calendar2024)).toEqual([]);
  });

  it('uses the holidays it is given instead of the defaults', () => {
    const noHolidays = defaultCycleCalendar(2024, []);
    expect(noHolidays.publicHolidays).toEqual([]);
    expect(dueDays('monthly', noHolidays)[3]).toBe('2024-05-07');
  });

  it('rejects a calendar whose review comes before the audit or whose close precedes the last report', () => {
    const codes = (calendar: typeof calendar2024) => validateCycleCalendar(calendar).map((p) => p.path);
    expect(codes({ ...calendar2024, managementReviewDate: '2024-10-15' })).toContain('managementReviewDate');
    expect(codes({ ...calendar2024, closeDate: '2025-01-08' })).toEqual(['closeDate']);
    expect(
      codes({ ...calendar2024, escalationAfterDueDays: { unitHead: 3, qualityRepresentative: 3 } }),
    ).toEqual(['escalationAfterDueDays.qualityRepresentative']);
    expect(codes({ ...calendar2024, publicHolidays: ['2024-02-30'] })).toEqual(['publicHolidays[0]']);
  });
});
