import type { IsoDate } from './calendar-date';
import { compareIsoDates, isIsoDate, isoDate, numericDate } from './calendar-date';
import type { MeasurementFrequency } from './monitoring-period';
import { periodBounds, periodKey, periodsInYear } from './monitoring-period';
import type { ProblemReason, ValidationProblem } from './validation-problem';
import { ProblemList } from './validation-problem';
import type { IsoInstant, LocalTime } from './vietnam-time';
import {
  instantToEpochMs,
  instantToVnLocal,
  isLocalTime,
  VIETNAM_TIME_ZONE,
  vnLocalToInstant,
} from './vietnam-time';
import { vietnamPublicHolidays } from './vietnam-public-holidays';
import { addWorkingDays, workingDayOnOrAfter } from './working-day';

/**
 * When things happen in one organisation's year, as data the workflow reads (never hard-coded in
 * the workflow, so an organisation can move its review or add a holiday without a deploy).
 * Every "days" figure counts working days: Monday–Friday, not a public holiday.
 */
export interface CycleCalendar {
  year: number;
  timezone: typeof VIETNAM_TIME_ZONE;
  monitoring: {
    /** A period's report is due this many working days after the period's last day… */
    dueWorkingDaysAfterPeriodEnd: number;
    /** …at this local time. */
    dueTime: LocalTime;
    /** Unset: calendar months. Set (1–28): periods end on this day, see {@link periodBounds}. */
    periodCutOffDay?: number;
  };
  /** The owner is reminded on the morning this many working days before the due day. */
  reminderBeforeDueDays: number;
  /** An overdue report is escalated on the morning of the Nth working day after the due day. */
  escalationAfterDueDays: { unitHead: number; qualityRepresentative: number };
  /** Local time reminders and escalations are sent: the start of the office day. */
  notificationTime: LocalTime;
  /** Internal audit (ISO 9.2) is held within these dates, inclusive. */
  auditWindow: { from: IsoDate; to: IsoDate };
  managementReviewDate: IsoDate;
  /** The cycle computes the year's results and closes on this day. */
  closeDate: IsoDate;
  /** Days off besides weekends; must cover January of the next year, where year-end reports fall due. */
  publicHolidays: IsoDate[];
  /**
   * Deadlines of the steps that open the year (approval, assignment, unit acceptance). Optional,
   * field by field: a calendar without them (cycles started before they existed) gets
   * {@link DEFAULT_START_OF_YEAR_DEADLINES}, see {@link startOfYearDeadlines}.
   */
  startOfYear?: Partial<StartOfYearDeadlines>;
}

/**
 * How long each step that opens the year may take, in working days from the moment its task opens
 * (the day it opens does not count; due at `monitoring.dueTime`, the close of the office day).
 * These steps never expire — the year cannot go on without them — so they are reminded and
 * escalated instead.
 */
export interface StartOfYearDeadlines {
  /** The leader's approval of a draft round; also the Quality Representative's revision of a returned one. */
  approvalWorkingDays: number;
  /** The Quality Representative's acceptance and delegation of the approved objectives (Article 2). */
  assignmentAcceptanceWorkingDays: number;
  /** Each unit head's acceptance of the objectives given to the unit (Article 4). */
  unitAcceptanceWorkingDays: number;
  /** The assignee is reminded on the morning this many working days before the due day. */
  reminderBeforeDueDays: number;
  /** An overdue step is escalated on the morning of this working day after the due day. */
  escalationAfterDueDays: number;
}

/**
 * The seed decision sets no deadline for these steps: it takes effect on signing (Article 3) and
 * has the Chief of Office organise it (Article 2), so every day they wait is a day of the year no
 * one measures. The defaults let the whole start fit in January, before the first monthly
 * measurement task opens on 1 February: a cycle started on 2 January 2024 is approved by the 9th,
 * delegated by the 12th and accepted by every unit by the 17th; a day late at every step still
 * ends on the 22nd (a returned draft adds about two weeks).
 * - approval, 5 working days: a week of the leader's schedule to read and sign (and for the
 *   Quality Representative to revise a returned draft);
 * - assignment and unit acceptance, 3 working days each: reading the objectives and naming who
 *   reports them, no new work;
 * - the reminder on the morning of the working day before the due day (with 3 days, a reminder 2
 *   days before would come the morning after the task was given), and the escalation on the
 *   first working morning after it: nothing later in the year waits for these steps to be chased.
 */
export const DEFAULT_START_OF_YEAR_DEADLINES: Readonly<StartOfYearDeadlines> = Object.freeze({
  approvalWorkingDays: 5,
  assignmentAcceptanceWorkingDays: 3,
  unitAcceptanceWorkingDays: 3,
  reminderBeforeDueDays: 1,
  escalationAfterDueDays: 1,
});

/** One period an objective is measured for, with the instant its report is due. */
export interface MonitoringPeriod {
  key: string;
  frequency: MeasurementFrequency;
  index: number;
  start: IsoDate;
  end: IsoDate;
  dueAt: IsoInstant;
}

/**
 * Who an overdue task goes to. Measurement reports: the unit head, then the Quality Representative.
 * The start of the year: a unit head's acceptance and the leader's approval go to the
 * Quality Representative (who delegated, resp. proposed the draft and follows it up with the
 * leader); the Quality Representative's own steps go to the leader, the only one above them.
 */
export type EscalationLevel = 'unit-head' | 'quality-representative' | 'leader';

/**
 * The defaults, chosen to follow how a provincial office works its year:
 * - a report is due on the 5th working day after the period ends, 17:00 (close of office day), so
 *   January 2024 is due Wednesday 7 February and April is due 8 May (1 May is a holiday);
 * - reminder 2 working days before; escalation to the unit head on the 2nd and to the quality
 *   representative on the 5th working day after the due day; notices go out at 08:00;
 * - internal audit in October, leaving November and early December to close corrective actions;
 * - management review on the first working day from 15 December (it sees the figures to November);
 * - close on the 15th working day of the next year, after December's reports and their
 *   escalations, so the year's result is computed on complete data.
 *
 * `holidays` replaces the default list (this year's and next year's Vietnamese public holidays);
 * include next January's holidays in it, where the year-end reports fall due.
 */
export function defaultCycleCalendar(year: number, holidays?: readonly IsoDate[]): CycleCalendar {
  const publicHolidays = holidays
    ? [...holidays]
    : [...vietnamPublicHolidays(year), ...vietnamPublicHolidays(year + 1)];
  return {
    year,
    timezone: VIETNAM_TIME_ZONE,
    monitoring: { dueWorkingDaysAfterPeriodEnd: 5, dueTime: '17:00' },
    reminderBeforeDueDays: 2,
    escalationAfterDueDays: { unitHead: 2, qualityRepresentative: 5 },
    notificationTime: '08:00',
    auditWindow: { from: isoDate(year, 10, 1), to: isoDate(year, 10, 31) },
    managementReviewDate: workingDayOnOrAfter(isoDate(year, 12, 15), publicHolidays),
    closeDate: addWorkingDays(isoDate(year, 12, 31), 15, publicHolidays),
    publicHolidays,
  };
}

/** The periods of `year` for a frequency, each with its report due instant per the calendar. */
export function periodsFor(
  frequency: MeasurementFrequency,
  year: number,
  calendar: CycleCalendar = defaultCycleCalendar(year),
): MonitoringPeriod[] {
  const { dueWorkingDaysAfterPeriodEnd, dueTime, periodCutOffDay } = calendar.monitoring;
  return Array.from({ length: periodsInYear(frequency) }, (_, i) => {
    const index = i + 1;
    const { start, end } = periodBounds(frequency, year, index, periodCutOffDay);
    const dueDay = addWorkingDays(end, dueWorkingDaysAfterPeriodEnd, calendar.publicHolidays);
    return {
      key: periodKey(frequency, year, index),
      frequency,
      index,
      start,
      end,
      dueAt: vnLocalToInstant(dueDay, dueTime),
    };
  });
}

/** How many of `periods` have fallen due by `at` (a report due at 17:00 is not yet due at 16:59). */
export function periodsElapsedAt(periods: readonly MonitoringPeriod[], at: IsoInstant): number {
  const atMs = instantToEpochMs(at);
  return periods.filter((period) => instantToEpochMs(period.dueAt) <= atMs).length;
}

/** When the owner is reminded of a report due at `dueAt`. */
export function reminderAt(dueAt: IsoInstant, calendar: CycleCalendar): IsoInstant {
  const dueDay = instantToVnLocal(dueAt).date;
  const day = addWorkingDays(dueDay, -calendar.reminderBeforeDueDays, calendar.publicHolidays);
  return vnLocalToInstant(day, calendar.notificationTime);
}

/** When a report still missing after `dueAt` goes to the unit head, then the quality representative. */
export function escalationsAt(
  dueAt: IsoInstant,
  calendar: CycleCalendar,
): { level: EscalationLevel; at: IsoInstant }[] {
  const dueDay = instantToVnLocal(dueAt).date;
  const at = (days: number) =>
    vnLocalToInstant(addWorkingDays(dueDay, days, calendar.publicHolidays), calendar.notificationTime);
  return [
    { level: 'unit-head', at: at(calendar.escalationAfterDueDays.unitHead) },
    { level: 'quality-representative', at: at(calendar.escalationAfterDueDays.qualityRepresentative) },
  ];
}

/**
 * How long the lead auditor has for the audit programme and plan: 4 working days after the day the
 * audit window opens (the first week of the window), due at the close of the office day. Counted
 * in working days so it never falls on a weekend or a holiday: 4 calendar days from Tuesday
 * 1 October 2024 was a Saturday; this makes it Monday 7 October.
 */
export const AUDIT_PLAN_WORKING_DAYS = 4;

/** When the audit programme and plan are due (a calendar instant). */
export function auditPlanDueAt(calendar: CycleCalendar): IsoInstant {
  const day = addWorkingDays(calendar.auditWindow.from, AUDIT_PLAN_WORKING_DAYS, calendar.publicHolidays);
  return vnLocalToInstant(day, calendar.monitoring.dueTime);
}

/**
 * How long a unit head has to answer a nonconformity with its correction, cause and action (ISO
 * 10.2.1 a–c): 10 working days from the day after it is raised — two office weeks, time to find
 * the cause rather than only correct the case, and short enough that an audit in October leaves
 * November to act and December to verify before the management review.
 */
export const CORRECTIVE_ACTION_PLAN_WORKING_DAYS = 10;

/** The close of the office day `workingDays` working days after the day of `from` (a calendar instant). */
function workingDaysAfter(from: IsoInstant, workingDays: number, calendar: CycleCalendar): IsoInstant {
  const day = addWorkingDays(instantToVnLocal(from).date, workingDays, calendar.publicHolidays);
  return vnLocalToInstant(day, calendar.monitoring.dueTime);
}

/** When the plan of a corrective action raised at `openedAt` (a calendar instant) is due. */
export function correctiveActionPlanDueAt(openedAt: IsoInstant, calendar: CycleCalendar): IsoInstant {
  return workingDaysAfter(openedAt, CORRECTIVE_ACTION_PLAN_WORKING_DAYS, calendar);
}

/**
 * How long each round of the audit report's approval has: the Quality Representative's approval,
 * and the lead auditor's revision of a report returned with comments, are each due 5 working days
 * after the day they open — a round of the objectives' approval has the same (startOfYear
 * `approvalWorkingDays`), and the report is short enough to read or rework in an office week.
 */
export const AUDIT_REPORT_ROUND_WORKING_DAYS = 5;

/** When a round of the audit report's approval (the approval or the revision) opened at `openedAt` is due. */
export function auditReportRoundDueAt(openedAt: IsoInstant, calendar: CycleCalendar): IsoInstant {
  return workingDaysAfter(openedAt, AUDIT_REPORT_ROUND_WORKING_DAYS, calendar);
}

/**
 * When an overdue internal-audit task (plan, a step, the close) is chased: the same working days
 * as an overdue report, one level higher, because the audit is the Quality Representative's
 * programme (ISO 9.2.2) carried out by auditors who answer to them — first the Quality
 * Representative, then the leader, the only one above them. The audit is never waited for beyond
 * the year: what is not done by the close is recorded as not done (objective 5 not achieved).
 */
export function auditEscalationsAt(
  dueAt: IsoInstant,
  calendar: CycleCalendar,
): { level: EscalationLevel; at: IsoInstant }[] {
  const [first, second] = escalationsAt(dueAt, calendar);
  return [
    { level: 'quality-representative', at: first.at },
    { level: 'leader', at: second.at },
  ];
}

/** A calendar's start-of-year deadlines, each field it does not set taken from the defaults. */
export function startOfYearDeadlines(calendar: CycleCalendar): StartOfYearDeadlines {
  return { ...DEFAULT_START_OF_YEAR_DEADLINES, ...calendar.startOfYear };
}

/** The human steps that open the year, each with its due date, reminder and escalation. */
export type StartOfYearStep =
  'objectives-approval' | 'objectives-revision' | 'assignment-acceptance' | 'unit-acceptance';

export interface StartOfYearTaskSchedule {
  dueAt: IsoInstant;
  /** Unset when it would not come after the task opened (a short deadline): the assignment says the due date. */
  reminderAt?: IsoInstant;
  escalation: { level: EscalationLevel; at: IsoInstant };
}

const START_OF_YEAR_ESCALATION: Record<StartOfYearStep, EscalationLevel> = {
  'objectives-approval': 'quality-representative',
  'objectives-revision': 'leader',
  'assignment-acceptance': 'leader',
  'unit-acceptance': 'quality-representative',
};

/**
 * When a start-of-year task opened at `openedAt` (a calendar instant) is due, reminded and
 * escalated: due the allowed number of working days after the day it opens, at the close of the
 * office day; reminder and escalation at `notificationTime` on working days around the due day.
 */
export function startOfYearTaskSchedule(
  step: StartOfYearStep,
  openedAt: IsoInstant,
  calendar: CycleCalendar,
): StartOfYearTaskSchedule {
  const deadlines = startOfYearDeadlines(calendar);
  const workingDays = {
    'objectives-approval': deadlines.approvalWorkingDays,
    'objectives-revision': deadlines.approvalWorkingDays,
    'assignment-acceptance': deadlines.assignmentAcceptanceWorkingDays,
    'unit-acceptance': deadlines.unitAcceptanceWorkingDays,
  }[step];
  const { publicHolidays, notificationTime } = calendar;
  const dueDay = addWorkingDays(instantToVnLocal(openedAt).date, workingDays, publicHolidays);
  const morningOf = (days: number) =>
    vnLocalToInstant(addWorkingDays(dueDay, days, publicHolidays), notificationTime);
  const reminder = morningOf(-deadlines.reminderBeforeDueDays);
  return {
    dueAt: vnLocalToInstant(dueDay, calendar.monitoring.dueTime),
    reminderAt: instantToEpochMs(reminder) > instantToEpochMs(openedAt) ? reminder : undefined,
    escalation: { level: START_OF_YEAR_ESCALATION[step], at: morningOf(deadlines.escalationAfterDueDays) },
  };
}

/**
 * How long a unit's acceptance of its objectives is waited for after its due day: by then the unit
 * head was reminded and the Quality Representative, who may accept for the unit, was told twice
 * over. The objectives are the unit's by the signed decision (Article 2); the acceptance only says
 * who reports them, so after this the unit is deemed to have accepted them with its head reporting,
 * and monitoring starts: a year never waits for a unit that does not answer.
 */
export const UNIT_ACCEPTANCE_DEEMED_AFTER_WORKING_DAYS = 10;

/** When a unit's acceptance due at `dueAt` is deemed given (the close of that office day). */
export function unitAcceptanceDeemedAt(dueAt: IsoInstant, calendar: CycleCalendar): IsoInstant {
  return workingDaysAfter(dueAt, UNIT_ACCEPTANCE_DEEMED_AFTER_WORKING_DAYS, calendar);
}

/**
 * Why a real cycle (not a rehearsal) of this calendar cannot start on `today` (a Vietnam date):
 * its year is over, or a date the cycle waits for has passed — the internal audit would open after
 * its window and expire unseen, the review after its date. Each says what to do instead: a
 * rehearsal to train, or the organisation's calendar for the year saved with later dates first;
 * and, refused in the year itself (a Quality Representative preparing next year in December, on a
 * form that proposes this year), that next year's cycle can be started. Dates as Vietnamese writes
 * them (31/10/2026), as every other refusal does. Empty when it can start.
 */
export function realStartProblems(calendar: CycleCalendar, today: IsoDate): ValidationProblem[] {
  const problems = new ProblemList();
  const after = (date: IsoDate) => compareIsoDates(today, date) > 0;
  const { year } = calendar;
  if (after(calendar.closeDate)) {
    problems.add('year', 'out-of-range', {
      vi: `Năm ${year} đã kết thúc ngày ${numericDate(calendar.closeDate)}: không khởi tạo được chu trình thật của năm này (hãy dùng chế độ diễn tập để tập huấn).`,
      en: `The year ${year} closed on ${calendar.closeDate}: a real cycle of this year cannot be started (use a rehearsal to train).`,
    });
    return problems.problems;
  }
  // Said once, after the first date that has passed (the page lists every refusal).
  let nextYear = today.startsWith(`${year}-`)
    ? {
        vi: ` Để chuẩn bị năm ${year + 1}, hãy khởi tạo chu trình năm ${year + 1}.`,
        en: ` To prepare ${year + 1}, start the cycle of ${year + 1}.`,
      }
    : { vi: '', en: '' };
  const passed = (path: string, what: ProblemReason, instead: ProblemReason) => {
    problems.add(path, 'out-of-range', {
      vi: `${what.vi} đã qua: hãy lưu lịch năm ${year} của cơ quan trên trang Lịch làm việc (hoặc PUT /calendars/${year}) với ${instead.vi} sau hôm nay rồi khởi tạo chu trình.${nextYear.vi}`,
      en: `${what.en} has passed: save the organisation's ${year} calendar on the Working calendar page (or PUT /calendars/${year}) with ${instead.en} after today, then start the cycle.${nextYear.en}`,
    });
    nextYear = { vi: '', en: '' };
  };
  const { auditWindow, managementReviewDate } = calendar;
  if (after(auditWindow.to))
    passed(
      'auditWindow',
      {
        vi: `Khung thời gian đánh giá nội bộ (${numericDate(auditWindow.from)} – ${numericDate(auditWindow.to)})`,
        en: `The internal audit window (${auditWindow.from} – ${auditWindow.to})`,
      },
      { vi: 'khung thời gian', en: 'a window' },
    );
  if (after(managementReviewDate))
    passed(
      'managementReviewDate',
      {
        vi: `Ngày họp xem xét của lãnh đạo (${numericDate(managementReviewDate)})`,
        en: `The management review meeting (${managementReviewDate})`,
      },
      { vi: 'ngày họp', en: 'a meeting date' },
    );
  return problems.problems;
}

/** Problems that would make the calendar schedule nonsense; empty when it can be used. */
export function validateCycleCalendar(calendar: CycleCalendar): ValidationProblem[] {
  const problems = new ProblemList();
  const { year } = calendar;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    problems.add('year', 'out-of-range', {
      vi: 'Năm phải là số nguyên từ 2000 đến 2100.',
      en: 'The year must be a whole number from 2000 to 2100.',
    });
  }
  if (calendar.timezone !== VIETNAM_TIME_ZONE) {
    problems.add('timezone', 'invalid-value', {
      vi: `Múi giờ phải là ${VIETNAM_TIME_ZONE}.`,
      en: `The time zone must be ${VIETNAM_TIME_ZONE}.`,
    });
  }
  const { dueWorkingDaysAfterPeriodEnd, dueTime, periodCutOffDay } = calendar.monitoring;
  if (!isNonNegativeInteger(dueWorkingDaysAfterPeriodEnd) || dueWorkingDaysAfterPeriodEnd > 30) {
    problems.add('monitoring.dueWorkingDaysAfterPeriodEnd', 'out-of-range', {
      vi: 'Hạn báo cáo phải từ 0 đến 30 ngày làm việc sau kỳ.',
      en: 'The report deadline must be 0 to 30 working days after the period.',
    });
  }
  if (!isLocalTime(dueTime))
    problems.add('monitoring.dueTime', 'invalid-format', {
      vi: 'Giờ hạn báo cáo phải có dạng HH:mm.',
      en: 'The report deadline time must be written HH:mm.',
    });
  if (
    periodCutOffDay !== undefined &&
    !(Number.isInteger(periodCutOffDay) && periodCutOffDay >= 1 && periodCutOffDay <= 28)
  ) {
    problems.add('monitoring.periodCutOffDay', 'out-of-range', {
      vi: 'Ngày chốt số liệu phải từ 1 đến 28.',
      en: 'The cut-off day must be from 1 to 28.',
    });
  }
  if (!isNonNegativeInteger(calendar.reminderBeforeDueDays)) {
    problems.add('reminderBeforeDueDays', 'out-of-range', {
      vi: 'Số ngày nhắc trước hạn phải là số nguyên không âm.',
      en: 'The days of reminder before the deadline must be a whole number, not negative.',
    });
  }
  const { unitHead, qualityRepresentative } = calendar.escalationAfterDueDays;
  if (!isPositiveInteger(unitHead)) {
    problems.add('escalationAfterDueDays.unitHead', 'out-of-range', {
      vi: 'Số ngày báo Trưởng đơn vị phải là số nguyên dương.',
      en: 'The days before the unit head is told must be a positive whole number.',
    });
  }
  if (
    !isPositiveInteger(qualityRepresentative) ||
    (isPositiveInteger(unitHead) && qualityRepresentative <= unitHead)
  ) {
    problems.add('escalationAfterDueDays.qualityRepresentative', 'inconsistent', {
      vi: 'Báo Đại diện chất lượng phải sau khi đã báo Trưởng đơn vị.',
      en: 'The Quality Representative must be told after the unit head.',
    });
  }
  if (!isLocalTime(calendar.notificationTime)) {
    problems.add('notificationTime', 'invalid-format', {
      vi: 'Giờ gửi thông báo phải có dạng HH:mm.',
      en: 'The notification time must be written HH:mm.',
    });
  }
  validateStartOfYearDeadlines(calendar.startOfYear, problems);
  calendar.publicHolidays.forEach((day, i) => {
    if (!isIsoDate(day))
      problems.add(`publicHolidays[${i}]`, 'invalid-format', {
        vi: 'Ngày nghỉ phải có dạng YYYY-MM-DD.',
        en: 'A holiday must be written YYYY-MM-DD.',
      });
  });

  const dates: [string, string][] = [
    ['auditWindow.from', calendar.auditWindow.from],
    ['auditWindow.to', calendar.auditWindow.to],
    ['managementReviewDate', calendar.managementReviewDate],
    ['closeDate', calendar.closeDate],
  ];
  const badDates = dates.filter(([, value]) => !isIsoDate(value));
  badDates.forEach(([path]) =>
    problems.add(path, 'invalid-format', {
      vi: 'Ngày phải có dạng YYYY-MM-DD.',
      en: 'The date must be written YYYY-MM-DD.',
    }),
  );
  if (badDates.length > 0) return problems.problems;

  const { from, to } = calendar.auditWindow;
  if (!from.startsWith(`${year}-`) || !to.startsWith(`${year}-`)) {
    problems.add('auditWindow', 'out-of-range', {
      vi: `Đánh giá nội bộ phải diễn ra trong năm ${year}.`,
      en: `The internal audit must take place in ${year}.`,
    });
  }
  if (compareIsoDates(from, to) > 0) {
    problems.add('auditWindow.to', 'inconsistent', {
      vi: 'Ngày kết thúc đánh giá nội bộ phải sau ngày bắt đầu.',
      en: 'The internal audit must end after it starts.',
    });
  }
  // ISO 9.3.2 c) 6: audit results are an input of the review, so the audit must come first.
  if (compareIsoDates(calendar.managementReviewDate, to) <= 0) {
    problems.add('managementReviewDate', 'inconsistent', {
      vi: 'Ngày họp xem xét của lãnh đạo phải sau đợt đánh giá nội bộ.',
      en: 'The management review meeting must come after the internal audit.',
    });
  }
  if (compareIsoDates(calendar.closeDate, calendar.managementReviewDate) < 0) {
    problems.add('closeDate', 'inconsistent', {
      vi: 'Ngày kết thúc chu trình phải sau ngày họp xem xét của lãnh đạo.',
      en: 'The cycle must close after the management review meeting.',
    });
  }
  if (problems.problems.length === 0) {
    // The year's result needs every report, so the close must come after the last one falls due.
    const lastDueDay = instantToVnLocal(periodsFor('yearly', year, calendar)[0].dueAt).date;
    if (compareIsoDates(calendar.closeDate, lastDueDay) <= 0) {
      problems.add('closeDate', 'inconsistent', {
        vi: `Ngày kết thúc chu trình phải sau hạn báo cáo cuối năm (${lastDueDay}).`,
        en: `The cycle must close after the year-end report deadline (${lastDueDay}).`,
      });
    }
  }
  return problems.problems;
}

function validateStartOfYearDeadlines(
  startOfYear: Partial<StartOfYearDeadlines> | undefined,
  problems: ProblemList,
): void {
  if (startOfYear === undefined) return;
  if (typeof startOfYear !== 'object' || startOfYear === null) {
    problems.add('startOfYear', 'invalid-value', {
      vi: 'Thời hạn các bước đầu năm không hợp lệ.',
      en: 'The start-of-year deadlines are not valid.',
    });
    return;
  }
  const deadlines = { ...DEFAULT_START_OF_YEAR_DEADLINES, ...startOfYear };
  const allowances = [
    'approvalWorkingDays',
    'assignmentAcceptanceWorkingDays',
    'unitAcceptanceWorkingDays',
  ] as const;
  for (const field of allowances) {
    const days = deadlines[field];
    if (!isPositiveInteger(days) || days > 30) {
      problems.add(`startOfYear.${field}`, 'out-of-range', {
        vi: 'Thời hạn của bước đầu năm phải từ 1 đến 30 ngày làm việc.',
        en: 'A start-of-year step must take 1 to 30 working days.',
      });
    }
  }
  const { reminderBeforeDueDays, escalationAfterDueDays } = deadlines;
  const validAllowances = allowances.map((field) => deadlines[field]).filter(isPositiveInteger);
  const shortest = Math.min(...validAllowances);
  if (!isNonNegativeInteger(reminderBeforeDueDays)) {
    problems.add('startOfYear.reminderBeforeDueDays', 'out-of-range', {
      vi: 'Số ngày nhắc trước hạn phải là số nguyên không âm.',
      en: 'The days of reminder before the deadline must be a whole number, not negative.',
    });
  } else if (reminderBeforeDueDays >= shortest) {
    // The reminder would come before (or the day) the task is given, i.e. never be a reminder.
    problems.add('startOfYear.reminderBeforeDueDays', 'inconsistent', {
      vi: 'Ngày nhắc phải sau ngày giao việc: số ngày nhắc trước hạn phải nhỏ hơn thời hạn ngắn nhất.',
      en: 'The reminder must come after the task is given: the days of reminder before the deadline must be fewer than the shortest allowance.',
    });
  }
  if (!isPositiveInteger(escalationAfterDueDays) || escalationAfterDueDays > 30) {
    problems.add('startOfYear.escalationAfterDueDays', 'out-of-range', {
      vi: 'Số ngày báo cấp trên sau hạn phải từ 1 đến 30 ngày làm việc.',
      en: 'The days after the deadline before the superior is told must be 1 to 30 working days.',
    });
  }
}

function isNonNegativeInteger(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}

/** A change of the audit window or the review date of a running cycle, with its reason. */
export interface CycleDatesMove {
  auditWindow?: { from: IsoDate; to: IsoDate };
  managementReviewDate?: IsoDate;
  reason: string;
}

/**
 * What is wrong with moving a running cycle's audit window or review date: a reason is required,
 * something must change, and the moved calendar must still make sense (the window in the year and
 * before the review, the review before the close — {@link validateCycleCalendar}'s rules).
 *
 * `today` (the Vietnam day now; give it for a real cycle, not a rehearsal, whose calendar only
 * starts near now): a real cycle's dates are not moved into the past. An audit window opening
 * before today would open at once with its programme and plan already overdue (due 4 working days
 * after the window opens), and a review dated before today would start at once on a day gone by;
 * {@link realStartProblems} refuses a start with such dates for the same reason.
 */
export function validateCycleDatesMove(
  calendar: CycleCalendar,
  move: CycleDatesMove,
  today?: IsoDate,
): ValidationProblem[] {
  const problems = new ProblemList();
  problems.requireText('reason', move?.reason, {
    vi: 'Phải nêu lý do thay đổi.',
    en: 'Give the reason for the change.',
  });
  if (!move?.auditWindow && !move?.managementReviewDate) {
    problems.add('', 'required', {
      vi: 'Phải nêu khung thời gian đánh giá nội bộ hoặc ngày họp xem xét mới.',
      en: 'Give a new internal audit window or a new management review date.',
    });
    return problems.problems;
  }
  const moved: CycleCalendar = {
    ...calendar,
    ...(move.auditWindow ? { auditWindow: move.auditWindow } : {}),
    ...(move.managementReviewDate ? { managementReviewDate: move.managementReviewDate } : {}),
  };
  for (const problem of validateCycleCalendar(moved)) {
    if (
      problem.path.startsWith('auditWindow') ||
      problem.path === 'managementReviewDate' ||
      problem.path === 'closeDate'
    ) {
      problems.add(problem.path, problem.code, { vi: problem.reason, en: problem.reasonEn });
    }
  }
  if (today !== undefined) {
    const beforeToday = (date: unknown) => isIsoDate(date) && compareIsoDates(date, today) < 0;
    if (move.auditWindow && beforeToday(move.auditWindow.from))
      problems.add('auditWindow.from', 'out-of-range', {
        vi: `Ngày bắt đầu đánh giá nội bộ không được trước hôm nay (${numericDate(today)}): kế hoạch đánh giá sẽ quá hạn ngay khi được giao.`,
        en: `The internal audit cannot start before today (${today}): its audit plan would be overdue as soon as it is given.`,
      });
    if (move.managementReviewDate && beforeToday(move.managementReviewDate))
      problems.add('managementReviewDate', 'out-of-range', {
        vi: `Ngày họp xem xét của lãnh đạo không được trước hôm nay (${numericDate(today)}).`,
        en: `The management review meeting cannot be before today (${today}).`,
      });
  }
  return problems.problems;
}
