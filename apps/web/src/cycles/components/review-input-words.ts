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
