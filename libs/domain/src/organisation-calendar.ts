import type { IsoDate } from './calendar-date';
import { isIsoDate } from './calendar-date';
import type { CycleCalendar } from './cycle-calendar';
import { defaultCycleCalendar, validateCycleCalendar } from './cycle-calendar';
import type { ValidationProblem } from './validation-problem';
import { ProblemList } from './validation-problem';
import { vietnamPublicHolidays } from './vietnam-public-holidays';
import { isWorkingDay } from './working-day';

/** A day off the organisation adds to, or takes out of, the official list, with what it is. */
export interface NamedDay {
  date: IsoDate;
  name: string;
}

/**
 * An organisation's calendar for one year as its administrator or Quality Representative keeps it:
 * every setting of {@link CycleCalendar} but the year, the time zone and the holiday list, which is
 * the official civil-servant list of the year and the next (`vietnamPublicHolidays`) with the
 * organisation's own days added (a provincial anniversary, a day the Government swapped later) and
 * official days it does not keep removed (a computed Tết day the year's notice placed otherwise).
 */
export interface OrganisationCalendarSettings {
  monitoring: CycleCalendar['monitoring'];
  reminderBeforeDueDays: number;
  escalationAfterDueDays: CycleCalendar['escalationAfterDueDays'];
  notificationTime: CycleCalendar['notificationTime'];
  auditWindow: CycleCalendar['auditWindow'];
  managementReviewDate: IsoDate;
  closeDate: IsoDate;
  startOfYear?: CycleCalendar['startOfYear'];
  addedHolidays: NamedDay[];
  removedHolidays: NamedDay[];
}

/** The settings of {@link defaultCycleCalendar}: what an organisation that changed nothing has. */
export function defaultCalendarSettings(year: number): OrganisationCalendarSettings {
  const calendar = defaultCycleCalendar(year);
  return {
    monitoring: { ...calendar.monitoring },
    reminderBeforeDueDays: calendar.reminderBeforeDueDays,
    escalationAfterDueDays: { ...calendar.escalationAfterDueDays },
    notificationTime: calendar.notificationTime,
    auditWindow: { ...calendar.auditWindow },
    managementReviewDate: calendar.managementReviewDate,
    closeDate: calendar.closeDate,
    startOfYear: undefined,
    addedHolidays: [],
    removedHolidays: [],
  };
}

/** The calendar a cycle of `year` runs on, from the organisation's settings. */
export function cycleCalendarFromSettings(
  year: number,
  settings: OrganisationCalendarSettings,
): CycleCalendar {
  const removed = new Set(settings.removedHolidays.map((day) => day.date));
  const official = defaultCycleCalendar(year).publicHolidays.filter((day) => !removed.has(day));
  // Plain text order is date order for YYYY-MM-DD, and does not throw on a day the rules refuse.
  const publicHolidays = [...new Set([...official, ...settings.addedHolidays.map((day) => day.date)])].sort();
  return {
    ...defaultCycleCalendar(year, publicHolidays),
    monitoring: { ...settings.monitoring },
    reminderBeforeDueDays: settings.reminderBeforeDueDays,
    escalationAfterDueDays: { ...settings.escalationAfterDueDays },
    notificationTime: settings.notificationTime,
    auditWindow: { ...settings.auditWindow },
    managementReviewDate: settings.managementReviewDate,
    closeDate: settings.closeDate,
    ...(settings.startOfYear ? { startOfYear: { ...settings.startOfYear } } : {}),
  };
}

/**
 * Every problem of an organisation's calendar for `year`, each naming its field: the added and
 * removed days inside the year or the next, named, not twice, an added day not already official and a removed
 * one official; the audit window and the review date inside the year; then every rule of
 * {@link validateCycleCalendar} on the calendar it makes (window from ≤ to, the review after the
 * window, the close after the review and the last report, cut-off day 1–28, the allowances).
 */
export function validateCalendarSettings(
  year: number,
  settings: OrganisationCalendarSettings,
): ValidationProblem[] {
  const problems = new ProblemList();
  // The cycle's list is its year's and the next's (its year-end reports fall due in January), so a
  // day of either may be added or taken out, e.g. a day off the next January's notice announces.
  const official = new Set([...vietnamPublicHolidays(year), ...vietnamPublicHolidays(year + 1)]);
  const inYear = (date: IsoDate) => isIsoDate(date) && date.startsWith(`${year}-`);
  const inList = (date: IsoDate) => inYear(date) || (isIsoDate(date) && date.startsWith(`${year + 1}-`));
  const checkDays = (field: 'addedHolidays' | 'removedHolidays') => {
    const seen = new Set<IsoDate>();
    settings[field].forEach((day, i) => {
      const path = `${field}[${i}]`;
      problems.requireText(`${path}.name`, day.name, {
        vi: 'Phải nêu tên ngày nghỉ.',
        en: 'Give the name of the holiday.',
      });
      if (!inList(day.date)) {
        problems.add(`${path}.date`, 'out-of-range', {
          vi: `Ngày nghỉ phải là một ngày của năm ${year} hoặc năm ${year + 1} (YYYY-MM-DD).`,
          en: `A holiday must be a day of ${year} or ${year + 1} (YYYY-MM-DD).`,
        });
        return;
      }
      if (seen.has(day.date))
        problems.add(`${path}.date`, 'duplicate', {
          vi: `Ngày ${day.date} đã có trong danh sách.`,
          en: `The day ${day.date} is already in the list.`,
        });
      seen.add(day.date);
      if (field === 'addedHolidays' && official.has(day.date))
        problems.add(`${path}.date`, 'duplicate', {
          vi: `Ngày ${day.date} đã là ngày nghỉ chính thức.`,
          en: `The day ${day.date} is already an official holiday.`,
        });
      if (field === 'removedHolidays' && !official.has(day.date))
        problems.add(`${path}.date`, 'unknown-reference', {
          vi: `Ngày ${day.date} không phải ngày nghỉ chính thức.`,
          en: `The day ${day.date} is not an official holiday.`,
        });
    });
    return seen;
  };
  const added = checkDays('addedHolidays');
  checkDays('removedHolidays');
  settings.removedHolidays.forEach((day, i) => {
    if (added.has(day.date))
      problems.add(`removedHolidays[${i}].date`, 'inconsistent', {
        vi: `Ngày ${day.date} vừa được thêm vừa bị bỏ.`,
        en: `The day ${day.date} is both added and removed.`,
      });
  });
  const dates: [string, IsoDate][] = [
    ['auditWindow.from', settings.auditWindow.from],
    ['auditWindow.to', settings.auditWindow.to],
    ['managementReviewDate', settings.managementReviewDate],
  ];
  for (const [path, date] of dates)
    if (isIsoDate(date) && !inYear(date))
      problems.add(path, 'out-of-range', {
        vi: `Ngày phải thuộc năm ${year}.`,
        en: `The date must be in ${year}.`,
      });
  // The review meets, and the year's result is computed and sent, on a working day of this calendar:
  // a Saturday or Tết would put the leader's meeting, or the close's notices, on a day off.
  const holidays = cycleCalendarFromSettings(year, settings).publicHolidays;
  for (const [path, date, what] of [
    [
      'managementReviewDate',
      settings.managementReviewDate,
      { vi: 'Ngày họp xem xét của lãnh đạo', en: 'The management review meeting' },
    ],
    ['closeDate', settings.closeDate, { vi: 'Ngày kết thúc chu trình', en: "The cycle's close" }],
  ] as const)
    if (isIsoDate(date) && !isWorkingDay(date, holidays))
      problems.add(path, 'invalid-value', {
        vi: `${what.vi} phải vào ngày làm việc (${date} là ngày nghỉ).`,
        en: `${what.en} must be on a working day (${date} is a day off).`,
      });
  // The year closes once December's reports are in, in the first weeks of the next year, not later.
  const lastClose = `${year + 1}-03-31`;
  if (isIsoDate(settings.closeDate) && settings.closeDate > lastClose)
    problems.add('closeDate', 'out-of-range', {
      vi: `Ngày kết thúc chu trình không được sau ${lastClose}.`,
      en: `The cycle must not close after ${lastClose}.`,
    });

  const named = new Set(problems.problems.map((problem) => problem.path));
  for (const problem of validateCycleCalendar(cycleCalendarFromSettings(year, settings))) {
    // Its whole-window "in the year" rule is said above field by field; holidays are checked above.
    if (problem.path === 'auditWindow' || problem.path.startsWith('publicHolidays')) continue;
    if (named.has(problem.path) && problem.code === 'out-of-range') continue;
    problems.add(problem.path, problem.code, { vi: problem.reason, en: problem.reasonEn });
  }
  return problems.problems;
}
