import { dayOfWeek } from './calendar-date';
import {
  auditPlanDueAt,
  correctiveActionPlanDueAt,
  defaultCycleCalendar,
  periodsFor,
  startOfYearTaskSchedule,
} from './cycle-calendar';
import {
  VIETNAM_PUBLIC_HOLIDAYS_BY_YEAR,
  vietnamOfficialHolidays,
  vietnamPublicHolidays,
} from './vietnam-public-holidays';
import { vnLocalToInstant } from './vietnam-time';
import { addWorkingDays, isWorkingDay } from './working-day';

describe('Vietnamese public holidays 2025–2027', () => {
  it('knows each year’s Tết, Hùng Kings, 30/4–1/5 and both days of Quốc khánh', () => {
    for (const [year, tet, hungKings] of [
      [2025, '2025-01-29', '2025-04-07'],
      [2026, '2026-02-17', '2026-04-26'],
      [2027, '2027-02-06', '2027-04-16'],
    ] as const) {
      const holidays = vietnamPublicHolidays(year);
      expect(holidays).toEqual(
        expect.arrayContaining([
          `${year}-01-01`,
          tet,
          hungKings,
          `${year}-04-30`,
          `${year}-05-01`,
          `${year}-09-02`,
        ]),
      );
      // Quốc khánh is two days (Labour Code 2019, art. 112): 2/9 and the day before or after.
      expect(holidays.filter((d) => d.startsWith(`${year}-09-0`))).toHaveLength(2);
      // Five days of Tết at least (more with compensatory or swapped days).
      const tetMonth = tet.slice(0, 7);
      expect(
        holidays.filter((d) => d.startsWith(tetMonth) || d.startsWith(`${year}-02`)).length,
      ).toBeGreaterThanOrEqual(5);
    }
  });

  it('keeps deadlines off Tết: a task given on the eve of Tết Bính Ngọ is due after it', () => {
    const holidays = vietnamPublicHolidays(2026);
    expect(addWorkingDays('2026-02-13', 1, holidays)).toBe('2026-02-23');
    // A holiday on a Sunday gives the Monday off (Hùng Kings 2026).
    expect(isWorkingDay('2026-04-27', holidays)).toBe(false);
    // January 2027's report is due after Tết Đinh Mùi and its compensatory days.
    const january2027 = periodsFor('monthly', 2027, defaultCycleCalendar(2027))[0];
    expect(january2027.dueAt).toBe(vnLocalToInstant('2027-02-12', '17:00'));
    // The leader's approval given on Friday 24 January 2025, on the eve of the Tết break, is due after it.
    const schedule = startOfYearTaskSchedule(
      'objectives-approval',
      vnLocalToInstant('2025-01-24', '10:00'),
      defaultCycleCalendar(2025),
    );
    expect(schedule.dueAt).toBe(vnLocalToInstant('2025-02-07', '17:00'));
  });

  it('gives a corrective action plan ten working days, over holidays', () => {
    const calendar2024 = defaultCycleCalendar(2024);
    expect(correctiveActionPlanDueAt(vnLocalToInstant('2024-10-08', '10:00'), calendar2024)).toBe(
      vnLocalToInstant('2024-10-22', '17:00'),
    );
    // Raised on the eve of Tết Bính Ngọ: the five days of Tết do not count.
    expect(
      correctiveActionPlanDueAt(vnLocalToInstant('2026-02-13', '10:00'), defaultCycleCalendar(2026)),
    ).toBe(vnLocalToInstant('2026-03-06', '17:00'));
  });

  it('puts the audit plan due on a working day, four working days into the window', () => {
    expect(auditPlanDueAt(defaultCycleCalendar(2024))).toBe(vnLocalToInstant('2024-10-07', '17:00'));
    for (const year of [2024, 2025, 2026, 2027]) {
      const calendar = defaultCycleCalendar(year);
      const due = auditPlanDueAt(calendar);
      const day = new Date(Date.parse(due) + 7 * 3_600_000).toISOString().slice(0, 10);
      expect(isWorkingDay(day, calendar.publicHolidays)).toBe(true);
      expect([1, 2, 3, 4, 5]).toContain(dayOfWeek(day));
    }
  });
});

describe('the official holidays by name', () => {
  const nameOf = (date: string) =>
    vietnamOfficialHolidays(Number(date.slice(0, 4))).find((holiday) => holiday.date === date)?.name;

  it('names every day of every ready list in both languages, the date lists being the named ones’ dates', () => {
    for (const year of [2024, 2025, 2026, 2027]) {
      const named = vietnamOfficialHolidays(year);
      expect(named.map((holiday) => holiday.date)).toEqual([...VIETNAM_PUBLIC_HOLIDAYS_BY_YEAR[year]]);
      for (const { date, name } of named) {
        expect({ date, vi: name.vi.trim().length > 0, en: name.en.trim().length > 0 }).toEqual({
          date,
          vi: true,
          en: true,
        });
      }
    }
  });

  it('calls each day as the law and the notices do: Tết by its lunar day, days in lieu and swapped days', () => {
    expect(nameOf('2027-01-01')).toEqual({ vi: 'Tết Dương lịch', en: "New Year's Day" });
    expect(nameOf('2024-02-09')?.vi).toBe('Tết Nguyên đán (30 tháng Chạp)');
    expect(nameOf('2025-01-28')?.vi).toBe('Tết Nguyên đán (29 tháng Chạp)');
    expect(nameOf('2026-02-17')?.vi).toBe('Tết Nguyên đán (mùng 1 tháng Giêng)');
    expect(nameOf('2027-02-10')?.vi).toBe('Nghỉ bù Tết Nguyên đán');
    expect(nameOf('2026-04-26')?.vi).toBe('Giỗ Tổ Hùng Vương (10/3 âm lịch)');
    expect(nameOf('2026-04-27')?.vi).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)');
    expect(nameOf('2025-04-30')?.vi).toBe('Ngày Chiến thắng (30/4)');
    expect(nameOf('2027-05-03')).toEqual({
      vi: 'Nghỉ bù Ngày Quốc tế Lao động (1/5)',
      en: 'Day off in lieu of International Labour Day (1 May)',
    });
    expect(nameOf('2025-01-27')?.vi).toBe('Nghỉ hoán đổi dịp Tết Nguyên đán (làm bù thứ Bảy 08/02/2025)');
    expect(nameOf('2025-05-02')?.en).toBe(
      'Day off swapped for 30 April – 1 May (worked on Saturday 26 April 2025 instead)',
    );
    expect(nameOf('2025-09-01')?.vi).toBe('Quốc khánh (ngày liền kề)');
    expect(nameOf('2025-09-02')?.vi).toBe('Quốc khánh (2/9)');
  });

  it('names the fixed-date days of a year without a ready list, and the day off for each on a weekend', () => {
    expect(vietnamOfficialHolidays(2028).map(({ date, name }) => [date, name.vi])).toEqual([
      ['2028-01-01', 'Tết Dương lịch'],
      ['2028-01-03', 'Nghỉ bù Tết Dương lịch'],
      ['2028-04-30', 'Ngày Chiến thắng (30/4)'],
      ['2028-05-01', 'Ngày Quốc tế Lao động (1/5)'],
      ['2028-05-02', 'Nghỉ bù Ngày Chiến thắng (30/4)'],
      ['2028-09-02', 'Quốc khánh (2/9)'],
      ['2028-09-04', 'Nghỉ bù Quốc khánh (2/9)'],
    ]);
  });
});

describe('a year without a ready list (2028 on)', () => {
  it('has the fixed-date holidays and, for each on a weekend, the next working day off', () => {
    // 2028: 1 January a Saturday, 30 April a Sunday (Monday is 1 May), 2 September a Saturday.
    expect(vietnamPublicHolidays(2028)).toEqual([
      '2028-01-01',
      '2028-01-03',
      '2028-04-30',
      '2028-05-01',
      '2028-05-02',
      '2028-09-02',
      '2028-09-04',
    ]);
    // A 2027 cycle's December reports are due after Monday 3 January 2028, the day off.
    expect(defaultCycleCalendar(2027).publicHolidays).toContain('2028-01-03');
  });

  it('adds nothing for a fixed-date holiday on a working day', () => {
    // 2029: 1 January a Monday, 30 April a Monday, 1 May a Tuesday, 2 September a Sunday.
    expect(vietnamPublicHolidays(2029)).toEqual([
      '2029-01-01',
      '2029-04-30',
      '2029-05-01',
      '2029-09-02',
      '2029-09-03',
    ]);
  });
});
