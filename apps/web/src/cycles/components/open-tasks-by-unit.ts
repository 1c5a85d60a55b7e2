/**
 * The dashboard's lists of a cycle's open tasks by unit (ISO 9.1: who still owes what): those past
 * their due time, and those due within the next seven days, the window the inbox's "Sắp đến hạn
 * (7 ngày)" filter and the API's `due=soon` use.
 */

const DAY_MS = 86_400_000;
export const DUE_SOON_DAYS = 7;

interface DatedTask {
  assigneeUserId: string;
  dueAt?: string;
}

const byDue = <T extends DatedTask>(a: T, b: T) => (a.dueAt ?? '').localeCompare(b.dueAt ?? '');

/** Past their due time at `now`, the longest overdue first. */
export function overdueAt<T extends DatedTask>(tasks: readonly T[], now: number): T[] {
  return tasks.filter((task) => task.dueAt && Date.parse(task.dueAt) < now).sort(byDue);
}

/** Due from `now` to seven days on (as `GET /me/tasks?due=soon`), the soonest first. */
export function dueSoonAt<T extends DatedTask>(tasks: readonly T[], now: number): T[] {
  return tasks
    .filter((task) => {
      if (!task.dueAt) return false;
      const due = Date.parse(task.dueAt);
      return due >= now && due <= now + DUE_SOON_DAYS * DAY_MS;
    })
    .sort(byDue);
}

/** Whole days from one instant to a later one; never below 0 (a clock a little behind the server's). */
export const wholeDays = (from: number, to: number) => Math.max(0, Math.floor((to - from) / DAY_MS));

/**
 * The tasks by the unit whose work they are (`unitOf`, as the API judges who oversees a task: the
 * unit's head follows up and urges them), each unit's in the order given, the units in the order
 * `unitName` sorts them, then (`''`) the tasks that are no unit's work: the leaders', the Quality
 * Representative's, the auditors'. As the year's tasks by unit count them, below the lists.
 */
export function byUnit<T extends DatedTask>(
  tasks: readonly T[],
  unitOf: (task: T) => string | null,
  unitName: (unitCode: string) => string,
): { unit: string; tasks: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const task of tasks) {
    const unit = unitOf(task) ?? '';
    groups.set(unit, [...(groups.get(unit) ?? []), task]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : unitName(a).localeCompare(unitName(b))))
    .map(([unit, tasks]) => ({ unit, tasks }));
}

/**
 * The tasks by whom they are held, each holder's in the order given, the holders by name as
 * Vietnamese sorts them (`name` as the page writes them): whose tasks to hand over together.
 */
export function byHolder<T extends DatedTask>(
  tasks: readonly T[],
  name: (userId: string) => string,
): { userId: string; name: string; tasks: T[] }[] {
  return [...new Set(tasks.map((task) => task.assigneeUserId))]
    .map((userId) => ({
      userId,
      name: name(userId),
      tasks: tasks.filter((task) => task.assigneeUserId === userId),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}
