import { addDays, dayOfWeek, type IsoDate } from './calendar-date';
import { unitOfWork } from './task-oversight';
import { instantToVnLocal, vnLocalToInstant, type IsoInstant, type LocalTime } from './vietnam-time';
import { isWorkingDay } from './working-day';

/**
 * The Monday digest (docs/notifications.md "The Monday digest"): each Monday morning, Vietnam time,
 * the head of each unit is told of their unit's open tasks that are overdue or due by the end of the
 * week, and the Quality Representative of the whole organisation's. Article 4 of the decision makes
 * the heads of divisions and units answerable for the year's work; escalation tells them only once a
 * task is a day overdue, the digest in time to act. Pure, so the workflow (when) and the activity
 * (what) share it.
 */

/** One digest run: the week it covers, Monday to Sunday in Vietnam, and when it goes out. */
export interface DigestWeek {
  /** The week's Monday. */
  weekStart: IsoDate;
  /** The week's Sunday: tasks due up to its end are "due this week". */
  weekEnd: IsoDate;
  /** When the digest goes out: the Monday at the digest's time, Vietnam time. */
  sendAt: IsoInstant;
}

/** The next digest strictly after `now`: this Monday's if its time has not come yet, else next Monday's. */
export function nextDigestWeek(now: IsoInstant, sendTime: LocalTime): DigestWeek {
  const today = instantToVnLocal(now).date;
  // Days back to this week's Monday (getUTCDay: Sunday 0).
  let monday = addDays(today, -((dayOfWeek(today) + 6) % 7));
  if (Date.parse(vnLocalToInstant(monday, sendTime)) <= Date.parse(now)) monday = addDays(monday, 7);
  return digestWeek(monday, sendTime);
}

/** The week starting on `monday`. */
export function digestWeek(monday: IsoDate, sendTime: LocalTime): DigestWeek {
  return { weekStart: monday, weekEnd: addDays(monday, 6), sendAt: vnLocalToInstant(monday, sendTime) };
}

/** One morning of the digest's loop: a weekday, Monday to Friday, at the digest's time. */
export interface DigestMorning {
  /** The Monday of its week: the digests' key. */
  weekStart: IsoDate;
  day: IsoDate;
  sendAt: IsoInstant;
}

/**
 * The next weekday morning (Monday to Friday) at `sendTime`, Vietnam time, strictly after `now`. The
 * loop wakes on each, since organisations keep different days off: on each it sends the digests of
 * those whose day it is ({@link digestDayOf}).
 */
export function nextDigestMorning(now: IsoInstant, sendTime: LocalTime): DigestMorning {
  let day = instantToVnLocal(now).date;
  if (Date.parse(vnLocalToInstant(day, sendTime)) <= Date.parse(now)) day = addDays(day, 1);
  while (dayOfWeek(day) === 0 || dayOfWeek(day) === 6) day = addDays(day, 1);
  return {
    weekStart: addDays(day, -((dayOfWeek(day) + 6) % 7)),
    day,
    sendAt: vnLocalToInstant(day, sendTime),
  };
}

/**
 * The day an organisation's digest of the week goes out: the week's first working day by its own
 * calendar — Monday, unless it is a public holiday or a day off of the organisation's, as the Monday
 * of National Day in 2024 — or null for a week with none (Tết), when nobody is at work to read it.
 */
export function digestDayOf(weekStart: IsoDate, holidays: readonly IsoDate[]): IsoDate | null {
  for (let i = 0; i < 5; i++) {
    const day = addDays(weekStart, i);
    if (isWorkingDay(day, holidays)) return day;
  }
  return null;
}

/** An open task as the digest needs it. */
export interface DigestTask {
  id: string;
  cycleId: string;
  kind: string;
  unitCode: string | null;
  dueAt: string | null;
}

/** What one person is told: their open tasks overdue, then those due later this week, each by due time. */
export interface DigestTasks<T extends DigestTask> {
  overdue: T[];
  dueThisWeek: T[];
}

/**
 * The open tasks a digest lists: those of the units a head leads (the unit whose work a task is,
 * {@link unitOfWork}: an audit step judging the unit is not its head's to chase), or every task for
 * `'all'` (the Quality Representative's); overdue at `now`, or due before the week's Sunday ends.
 * A task without a due date is never listed.
 */
export function digestTasks<T extends DigestTask>(
  tasks: readonly T[],
  of: { unitCodes: readonly string[] } | 'all',
  now: IsoInstant,
  week: DigestWeek,
): DigestTasks<T> {
  const weekOver = Date.parse(vnLocalToInstant(addDays(week.weekEnd, 1), '00:00'));
  const listed = tasks
    .filter((task) => task.dueAt !== null && Date.parse(task.dueAt) < weekOver)
    .filter((task) => of === 'all' || of.unitCodes.includes(unitOfWork(task) ?? ''))
    .sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!) || a.id.localeCompare(b.id));
  const overdueBefore = Date.parse(now);
  return {
    overdue: listed.filter((task) => Date.parse(task.dueAt!) < overdueBefore),
    dueThisWeek: listed.filter((task) => Date.parse(task.dueAt!) >= overdueBefore),
  };
}
