import {
  auditReportRoundDueAt,
  DEFAULT_START_OF_YEAR_DEADLINES,
  defaultCycleCalendar,
  escalationsAt,
  periodsElapsedAt,
  periodsFor,
  realStartProblems,
  reminderAt,
  startOfYearDeadlines,
  startOfYearTaskSchedule,
  validateCycleCalendar,
  validateCycleDatesMove,
} from './cycle-calendar';
import type { IsoDate } from './calendar-date';
import { addWorkingDays, isWorkingDay } from './working-day';
import { instantToVnLocal, vnLocalToInstant } from './vietnam-time';

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

describe('start-of-year deadlines (approval, assignment, unit acceptance)', () => {
  // Instants are UTC; Vietnam is UTC+7, so 08:00 local is 01:00Z and 17:00 local is 10:00Z.
  it('defaults to 5 / 3 / 3 working days, reminder the working day before, escalation the one after', () => {
    expect(calendar2024.startOfYear).toBeUndefined();
    expect(startOfYearDeadlines(calendar2024)).toEqual({
      approvalWorkingDays: 5,
      assignmentAcceptanceWorkingDays: 3,
      unitAcceptanceWorkingDays: 3,
      reminderBeforeDueDays: 1,
      escalationAfterDueDays: 1,
    });
  });

  it('makes an approval opened on Tuesday 2 January due the next Tuesday at 17:00, escalated to the Quality Representative', () => {
    expect(startOfYearTaskSchedule('objectives-approval', '2024-01-02T03:30:00.000Z', calendar2024)).toEqual({
      dueAt: '2024-01-09T10:00:00.000Z',
      reminderAt: '2024-01-08T01:00:00.000Z',
      escalation: { level: 'quality-representative', at: '2024-01-10T01:00:00.000Z' },
    });
  });

  it('gives a returned draft the approval allowance and escalates the revision to the leader', () => {
    expect(startOfYearTaskSchedule('objectives-revision', '2024-01-02T03:30:00.000Z', calendar2024)).toEqual({
      dueAt: '2024-01-09T10:00:00.000Z',
      reminderAt: '2024-01-08T01:00:00.000Z',
      escalation: { level: 'leader', at: '2024-01-10T01:00:00.000Z' },
    });
  });

  it('counts from the next working day when the task opens on a weekend, after hours or on a holiday', () => {
    // Saturday 6 January, 09:00: Monday 8, Tuesday 9, Wednesday 10.
    expect(
      startOfYearTaskSchedule('assignment-acceptance', '2024-01-06T02:00:00.000Z', calendar2024),
    ).toEqual({
      dueAt: '2024-01-10T10:00:00.000Z',
      reminderAt: '2024-01-09T01:00:00.000Z',
      escalation: { level: 'leader', at: '2024-01-11T01:00:00.000Z' },
    });
    // Monday 1 January (a holiday), 20:00 local: Tuesday 2 to Thursday 4.
    expect(startOfYearTaskSchedule('unit-acceptance', '2024-01-01T13:00:00.000Z', calendar2024).dueAt).toBe(
      '2024-01-04T10:00:00.000Z',
    );
  });

  it('skips Tết: a unit acceptance given on Monday 5 February 2024 is due on 15 February, escalated on the 16th', () => {
    expect(startOfYearTaskSchedule('unit-acceptance', '2024-02-05T07:00:00.000Z', calendar2024)).toEqual({
      dueAt: '2024-02-15T10:00:00.000Z',
      reminderAt: '2024-02-07T01:00:00.000Z', // the working day before the due day is the last before Tết
      escalation: { level: 'quality-representative', at: '2024-02-16T01:00:00.000Z' },
    });
  });

  it('takes the fields a calendar sets and the defaults for the others', () => {
    const calendar = {
      ...calendar2024,
      startOfYear: { unitAcceptanceWorkingDays: 1, reminderBeforeDueDays: 0 },
    };
    expect(startOfYearDeadlines(calendar)).toEqual({
      ...DEFAULT_START_OF_YEAR_DEADLINES,
      unitAcceptanceWorkingDays: 1,
      reminderBeforeDueDays: 0,
    });
    expect(validateCycleCalendar(calendar)).toEqual([]);
    // Given Monday 8 January, 10:00: due Tuesday 17:00, reminded that morning.
    expect(startOfYearTaskSchedule('unit-acceptance', '2024-01-08T03:00:00.000Z', calendar)).toEqual({
      dueAt: '2024-01-09T10:00:00.000Z',
      reminderAt: '2024-01-09T01:00:00.000Z',
      escalation: { level: 'quality-representative', at: '2024-01-10T01:00:00.000Z' },
    });
  });

  it('schedules no reminder that would come before the task opened, and refuses such a calendar', () => {
    const calendar = { ...calendar2024, startOfYear: { unitAcceptanceWorkingDays: 1 } };
    expect(
      startOfYearTaskSchedule('unit-acceptance', '2024-01-08T03:00:00.000Z', calendar).reminderAt,
    ).toBeUndefined();
    expect(validateCycleCalendar(calendar)).toEqual([
      expect.objectContaining({ path: 'startOfYear.reminderBeforeDueDays', code: 'inconsistent' }),
    ]);
  });

  it('refuses allowances and escalation days that are not whole working days in range', () => {
    const paths = (startOfYear: object) =>
      validateCycleCalendar({ ...calendar2024, startOfYear }).map((p) => p.path);
    expect(paths({ approvalWorkingDays: 0 })).toEqual(['startOfYear.approvalWorkingDays']);
    expect(paths({ assignmentAcceptanceWorkingDays: 2.5 })).toEqual([
      'startOfYear.assignmentAcceptanceWorkingDays',
    ]);
    expect(paths({ unitAcceptanceWorkingDays: 31 })).toEqual(['startOfYear.unitAcceptanceWorkingDays']);
    expect(paths({ reminderBeforeDueDays: -1 })).toEqual(['startOfYear.reminderBeforeDueDays']);
    expect(paths({ escalationAfterDueDays: 0 })).toEqual(['startOfYear.escalationAfterDueDays']);
    expect(paths({})).toEqual([]);
  });
});

describe('auditReportRoundDueAt', () => {
  it('gives each round of the audit report’s approval five working days, over weekends and holidays', () => {
    const calendar = defaultCycleCalendar(2024);
    // Submitted on Friday 25 October 2024: due the next Friday at the close of the office day.
    expect(auditReportRoundDueAt(vnLocalToInstant('2024-10-25', '10:00'), calendar)).toBe(
      vnLocalToInstant('2024-11-01', '17:00'),
    );
    // Returned on Friday 27 December: New Year's Day does not count.
    expect(auditReportRoundDueAt(vnLocalToInstant('2024-12-27', '15:00'), calendar)).toBe(
      vnLocalToInstant('2025-01-06', '17:00'),
    );
  });
});

describe('realStartProblems: a real year cannot start once a date it waits for has passed', () => {
  const calendar = defaultCycleCalendar(2026);

  it('lets a year start while all its dates are ahead', () => {
    expect(realStartProblems(calendar, '2026-01-05')).toEqual([]);
    // The audit window's last day is still in time.
    expect(realStartProblems(calendar, calendar.auditWindow.to)).toEqual([]);
  });

  it('names the audit window once it has ended, and the review once its date has passed', () => {
    expect(realStartProblems(calendar, dayAfter(calendar.auditWindow.to)).map((p) => p.path)).toEqual([
      'auditWindow',
    ]);
    // The refusal names the page where the calendar is saved, not only the API route.
    expect(realStartProblems(calendar, dayAfter(calendar.auditWindow.to))[0].reason).toContain(
      'trên trang Lịch làm việc (hoặc PUT /calendars/2026)',
    );
    expect(realStartProblems(calendar, dayAfter(calendar.managementReviewDate)).map((p) => p.path)).toEqual([
      'auditWindow',
      'managementReviewDate',
    ]);
  });

  it('refuses a year already closed, pointing to a rehearsal', () => {
    const problems = realStartProblems(calendar, dayAfter(calendar.closeDate));
    expect(problems.map((p) => p.path)).toEqual(['year']);
    expect(problems[0].reason).toContain('diễn tập');
    expect(problems[0].reason).toContain('đã kết thúc ngày 22/01/2027');
  });

  it('writes its dates as Vietnamese does, and in December says next year can be started, once', () => {
    // 2 December 2026: the start form proposes this year, which is refused; 2027 is what is wanted.
    const [audit, review] = realStartProblems(calendar, '2026-12-16');
    expect(audit.reason).toContain('Khung thời gian đánh giá nội bộ (01/10/2026 – 31/10/2026) đã qua');
    expect(review.reason).toContain('Ngày họp xem xét của lãnh đạo (15/12/2026) đã qua');
    expect(audit.reason).toContain('Để chuẩn bị năm 2027, hãy khởi tạo chu trình năm 2027.');
    expect(review.reason).not.toContain('2027');
    // In January of the next year (before the close) the year on the form is already next year's.
    const january = realStartProblems(calendar, '2027-01-05');
    expect(january.map((p) => p.path)).toEqual(['auditWindow', 'managementReviewDate']);
    expect(january.map((p) => p.reason).join(' ')).not.toContain('Để chuẩn bị năm');
  });
});

describe('validateCycleDatesMove: a real cycle is not moved into the past', () => {
  const calendar = defaultCycleCalendar(2026);
  const reason = 'Tổ chức đánh giá nội bộ trong tháng 12.';
  // 2 December 2026 in Vietnam (the evening of 1 December UTC).
  const today = '2026-12-02';

  it('refuses an audit window opening before today, whose plan would be overdue when given', () => {
    const move = { auditWindow: { from: '2026-11-23', to: '2026-12-11' }, reason };
    expect(validateCycleDatesMove(calendar, move)).toEqual([]);
    const problems = validateCycleDatesMove(calendar, move, today);
    expect(problems.map((p) => p.path)).toEqual(['auditWindow.from']);
    expect(problems[0].reason).toContain('không được trước hôm nay (02/12/2026)');
  });

  it('refuses a review date before today', () => {
    const move = { managementReviewDate: '2026-11-30', reason };
    const problems = validateCycleDatesMove(
      { ...calendar, auditWindow: { from: '2026-11-02', to: '2026-11-20' } },
      move,
      today,
    );
    expect(problems.map((p) => p.path)).toEqual(['managementReviewDate']);
    expect(problems[0].reason).toContain('không được trước hôm nay (02/12/2026)');
  });

  it('lets dates from today on be chosen', () => {
    const move = {
      auditWindow: { from: today, to: '2026-12-11' },
      managementReviewDate: '2026-12-16',
      reason,
    };
    expect(validateCycleDatesMove(calendar, move, today)).toEqual([]);
  });
});

/** The next working day (weekends skipped; no holidays needed here). */
function dayAfter(date: IsoDate): IsoDate {
  return addWorkingDays(date, 1, []);
}
