import type { FieldProblem } from '../api/client';
import type { components } from '../api/schema';
import { readTypedTime } from '../ui/dates';

export type CalendarView = components['schemas']['CalendarView'];
export type CalendarSettings = components['schemas']['CalendarSettingsDto'];
export type SaveCalendar = components['schemas']['SaveCalendarDto'];
type StartOfYear = components['schemas']['StartOfYearSettingsDto'];

/** The start-of-year allowances, in the order the year opens (approval, assignment, units). */
export const START_OF_YEAR_FIELDS = [
  'approvalWorkingDays',
  'assignmentAcceptanceWorkingDays',
  'unitAcceptanceWorkingDays',
  'reminderBeforeDueDays',
  'escalationAfterDueDays',
] as const satisfies readonly (keyof StartOfYear)[];
export type StartOfYearField = (typeof START_OF_YEAR_FIELDS)[number];

/** An added or removed day as typed: `key` tells the rows apart while some are added and taken away. */
export interface DayRow {
  key: number;
  date: string;
  name: string;
}

/**
 * The calendar as its form holds it: every value as typed (a number field may be empty or hold
 * "2,5" for a moment), turned into what PUT /calendars/{year} takes only when sent.
 */
export interface CalendarDraft {
  addedHolidays: DayRow[];
  removedHolidays: DayRow[];
  auditFrom: string;
  auditTo: string;
  managementReviewDate: string;
  closeDate: string;
  dueWorkingDaysAfterPeriodEnd: string;
  dueTime: string;
  /** Empty: reports by calendar month. */
  periodCutOffDay: string;
  reminderBeforeDueDays: string;
  escalationUnitHead: string;
  escalationQualityRepresentative: string;
  notificationTime: string;
  /** Empty: qcycle's default allowance for that step. */
  startOfYear: Record<StartOfYearField, string>;
  reason: string;
}

let nextRowKey = 1;
/** A new row's key, unique for the page's life. */
export const newRowKey = () => nextRowKey++;

const typed = (value: number | undefined) => (value === undefined ? '' : String(value));

/** The form's values for a calendar the API answered (the one to start a new version from). */
export function draftFrom(settings: CalendarSettings): CalendarDraft {
  const rows = (days: CalendarSettings['addedHolidays']) =>
    days.map((day) => ({ key: newRowKey(), date: day.date, name: day.name }));
  return {
    addedHolidays: rows(settings.addedHolidays),
    removedHolidays: rows(settings.removedHolidays),
    auditFrom: settings.auditWindow.from,
    auditTo: settings.auditWindow.to,
    managementReviewDate: settings.managementReviewDate,
    closeDate: settings.closeDate,
    dueWorkingDaysAfterPeriodEnd: typed(settings.monitoring.dueWorkingDaysAfterPeriodEnd),
    dueTime: settings.monitoring.dueTime,
    periodCutOffDay: typed(settings.monitoring.periodCutOffDay),
    reminderBeforeDueDays: typed(settings.reminderBeforeDueDays),
    escalationUnitHead: typed(settings.escalationAfterDueDays.unitHead),
    escalationQualityRepresentative: typed(settings.escalationAfterDueDays.qualityRepresentative),
    notificationTime: settings.notificationTime,
    startOfYear: Object.fromEntries(
      START_OF_YEAR_FIELDS.map((field) => [field, typed(settings.startOfYear?.[field])]),
    ) as Record<StartOfYearField, string>,
    reason: '',
  };
}

/** What the page itself can tell is missing or not a number, said in the reader's language. */
export interface DraftMessages {
  wholeNumber: string;
  chooseDate: string;
  chooseTime: string;
}

/**
 * The whole calendar as PUT /calendars/{year} takes it, or the fields the page can already tell are
 * empty or not whole numbers (named by the API's own paths, so they are shown where its refusals
 * are). Everything else — which days, which order of dates, which allowances — is the calendar
 * rules' to judge, and their 422 is shown by the field.
 */
export function bodyFrom(
  draft: CalendarDraft,
  messages: DraftMessages,
): { body: SaveCalendar; problems: [] } | { body?: undefined; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const whole = (path: string, value: string, optional = false): number | undefined => {
    const text = value.trim();
    if (optional && text === '') return undefined;
    if (!/^\d{1,3}$/.test(text)) {
      problems.push({ path, reason: messages.wholeNumber });
      return undefined;
    }
    return Number(text);
  };
  const date = (path: string, value: string) => {
    if (value === '') problems.push({ path, reason: messages.chooseDate });
    return value;
  };
  const time = (path: string, value: string) => {
    // Typed as people write times ("8:00", "17h"); the API takes HH:mm.
    const read = readTypedTime(value);
    if (!read) problems.push({ path, reason: messages.chooseTime });
    return read ?? value.trim();
  };
  const days = (field: 'addedHolidays' | 'removedHolidays') =>
    draft[field].map((row, i) => ({ date: date(`${field}[${i}].date`, row.date), name: row.name.trim() }));

  const startOfYear: StartOfYear = {};
  for (const field of START_OF_YEAR_FIELDS) {
    const days = whole(`startOfYear.${field}`, draft.startOfYear[field], true);
    if (days !== undefined) startOfYear[field] = days;
  }
  const periodCutOffDay = whole('monitoring.periodCutOffDay', draft.periodCutOffDay, true);
  const reason = draft.reason.trim();
  const body = {
    monitoring: {
      dueWorkingDaysAfterPeriodEnd: whole(
        'monitoring.dueWorkingDaysAfterPeriodEnd',
        draft.dueWorkingDaysAfterPeriodEnd,
      ),
      dueTime: time('monitoring.dueTime', draft.dueTime),
      ...(periodCutOffDay !== undefined ? { periodCutOffDay } : {}),
    },
    reminderBeforeDueDays: whole('reminderBeforeDueDays', draft.reminderBeforeDueDays),
    escalationAfterDueDays: {
      unitHead: whole('escalationAfterDueDays.unitHead', draft.escalationUnitHead),
      qualityRepresentative: whole(
        'escalationAfterDueDays.qualityRepresentative',
        draft.escalationQualityRepresentative,
      ),
    },
    notificationTime: time('notificationTime', draft.notificationTime),
    auditWindow: {
      from: date('auditWindow.from', draft.auditFrom),
      to: date('auditWindow.to', draft.auditTo),
    },
    managementReviewDate: date('managementReviewDate', draft.managementReviewDate),
    closeDate: date('closeDate', draft.closeDate),
    ...(Object.keys(startOfYear).length > 0 ? { startOfYear } : {}),
    addedHolidays: days('addedHolidays'),
    removedHolidays: days('removedHolidays'),
    ...(reason ? { reason } : {}),
  };
  if (problems.length > 0) return { problems };
  // Every number was checked above: none is undefined here.
  return { body: body as SaveCalendar, problems: [] };
}
