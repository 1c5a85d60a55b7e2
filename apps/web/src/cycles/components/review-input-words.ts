/**
 * How the review page reads the inputs the engine compiled for the management review (ISO 9.3.2):
 * which keys it does not show, which values name something of the organisation or the year, and
 * which are machine words with a label (`reviewValue.*`). One place, so that the page and the
 * catalogue's test agree.
 */

/** Ids that only tie an item to its record (a workflow's, a cycle's): nothing a reader acts on. */
export const HIDDEN_REVIEW_KEYS: ReadonlySet<string> = new Set(['actionId', 'correctiveActionId', 'cycleId']);

/** What a key's value names, shown by its name instead of its id or code. */
export type ReviewReference = 'objective' | 'indicator' | 'unit' | 'person';

export function referenceOf(key: string): ReviewReference | undefined {
  if (key === 'objectiveId') return 'objective';
  if (key === 'indicatorId') return 'indicator';
  if (key === 'unitCode' || key === 'ownerUnitCode') return 'unit';
  if (/(^u|U)serId$/.test(key) || key === 'enteredBy' || key === 'reportedBy') return 'person';
  return undefined;
}

/** A machine word such as `carried-over` or `minor-nc`: shown by its label, never as written. */
export const isMachineWord = (value: string): boolean => /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(value);

/** A day or an instant, shown as a date. */
export const isDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value);

/** A year (an earlier year of a trend): shown as written, without a thousands separator. */
export const isYear = (key: string, value: unknown): value is number =>
  key === 'year' && typeof value === 'number';

/** How many audit steps ended with each result (`null`: not judged): the audits' figure of that name. */
export type ResultCounts = { result: string | null; count: number }[];
export type Figure = number | ResultCounts;

/** A compiled input of the review with its earlier years: this year's figures and theirs, by name. */
export interface FiguresWithTrend {
  figures: [string, Figure][];
  earlierYears: { year: number; figures: Record<string, unknown> }[];
}

export const isResultCounts = (value: unknown): value is ResultCounts =>
  Array.isArray(value) &&
  value.every(
    (item) =>
      typeof item === 'object' &&
      item !== null &&
      typeof item.count === 'number' &&
      (item.result === null || typeof item.result === 'string'),
  );
const isFigure = (value: unknown): value is Figure => typeof value === 'number' || isResultCounts(value);

/**
 * The review's process performance, nonconformities and audits (ISO 9.3.2 c 3, 4, 6), when they
 * carry earlier years: figures only (counts, or counts per result), each earlier year a record with
 * its `year`. Anything else is left to the generic view.
 */
export function figuresWithTrendOf(value: unknown): FiguresWithTrend | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { earlierYears, ...rest } = value as Record<string, unknown>;
  const figures = Object.entries(rest);
  if (!Array.isArray(earlierYears) || earlierYears.length === 0) return undefined;
  if (figures.length === 0 || !figures.every(([, figure]) => isFigure(figure))) return undefined;
  if (!earlierYears.every((earlier) => typeof earlier?.year === 'number')) return undefined;
  return {
    figures: figures as [string, Figure][],
    earlierYears: earlierYears.map(({ year, ...figures }) => ({ year, figures })),
  };
}

/** The figures of the review's tasks by unit (ISO 9.3.2 c 3), in the order of the table's columns. */
export const UNIT_PERFORMANCE_FIGURES = [
  'tasksGiven',
  'tasksCompleted',
  'tasksCompletedLate',
  'tasksEscalated',
  'tasksUrged',
] as const;

/**
 * The table's columns after the unit, by name: the counts, and beside the tasks done late the share
 * done on time, what a report says of a unit ("đúng hạn 95%").
 */
export const UNIT_PERFORMANCE_COLUMNS = [
  'tasksGiven',
  'tasksCompleted',
  'tasksCompletedLate',
  'onTimeShare',
  'tasksEscalated',
  'tasksUrged',
] as const satisfies readonly ((typeof UNIT_PERFORMANCE_FIGURES)[number] | 'onTimeShare')[];

/** A unit's row: its code (null for the tasks of no unit) and its figures. */
export type UnitPerformance = { unitCode: string | null } & Record<
  (typeof UNIT_PERFORMANCE_FIGURES)[number],
  number
>;

/**
 * The review's tasks by unit (`processPerformanceByUnit`, reviews compiled since it exists), one row
 * per unit with every figure; anything else is left to the generic view.
 */
export function unitPerformanceOf(value: unknown): UnitPerformance[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const isRow = (item: unknown): item is UnitPerformance =>
    typeof item === 'object' &&
    item !== null &&
    ((item as UnitPerformance).unitCode === null || typeof (item as UnitPerformance).unitCode === 'string') &&
    UNIT_PERFORMANCE_FIGURES.every((figure) => typeof (item as UnitPerformance)[figure] === 'number');
  return value.every(isRow) ? value : undefined;
}

/** A unit's tasks done on time of those it has done, as a percentage (2 decimals); none before any is done. */
export function onTimeShare(row: UnitPerformance): number | null {
  if (row.tasksCompleted === 0) return null;
  return Math.round(((row.tasksCompleted - row.tasksCompletedLate) * 10000) / row.tasksCompleted) / 100;
}
