import { ImportFileUnreadable, type ImportTable } from './import-file';

/**
 * Reading one sheet of an imported directory file (docs/api.md "Importing people from a
 * spreadsheet"): its heading row, found by the columns' names, and the rows under it as cell texts.
 * The people's sheet and the units' sheet are read the same way.
 */

/** How far down a sheet its heading row is looked for: a sheet may open with a title and a blank line. */
const HEADING_SEARCH_ROWS = 20;

/** A column's heading in Vietnamese (as the template writes it), in English, and other words for it. */
export interface ColumnWords {
  vi: string;
  en: string;
  also: string[];
}

/** The rows of a sheet under its heading row; `row` is the sheet's row number. */
export interface SheetRows<C extends string> {
  /** The worksheet read, for an .xlsx; null for a CSV. */
  sheet: string | null;
  rows: { row: number; cells: Record<C, string> }[];
  /** Headings of columns not read. */
  ignoredColumns: string[];
}

/** What an import does with a row. */
export type ImportAction = 'create' | 'update' | 'unchanged' | 'refused';

/** A unit of the directory as the import names it. */
export interface KnownUnit {
  code: string;
  nameVi: string;
  nameEn: string;
  /** The unit it belongs to; null for a top-level unit. */
  parentCode: string | null;
  /** Who an administrator chose to take its work (`OrganisationUnitEntity.workHeadUserId`); null for none. */
  workHeadUserId?: string | null;
}

/** The index of the first row, among the first ones, that has a heading for each `required` column; -1 if none. */
export function headingRowOf<C extends string>(
  table: ImportTable,
  columns: Record<C, ColumnWords>,
  required: readonly C[],
): number {
  return table.rows.slice(0, HEADING_SEARCH_ROWS).findIndex((cells) => {
    const named = (cells ?? []).map((heading) => columnNamed(heading, columns));
    return required.every((column) => named.includes(column));
  });
}

/**
 * The rows under the sheet's heading row: the first with a heading for each `required` column,
 * failing that the first row with anything in it, whose missing columns are then named. A column
 * named twice is refused. The sheet may list no one: the caller says whether that will do.
 */
export function readSheet<C extends string>(
  table: ImportTable,
  columns: Record<C, ColumnWords>,
  required: readonly C[],
): SheetRows<C> {
  const firstFilled = table.rows.findIndex((cells) => cells?.some((cell) => cell !== ''));
  if (firstFilled < 0) return { sheet: table.sheet, rows: [], ignoredColumns: [] };
  const headed = headingRowOf(table, columns, required);
  const headingIndex = headed >= 0 ? headed : firstFilled;
  const columnAt = new Map<C, number>();
  const ignoredColumns: string[] = [];
  table.rows[headingIndex].forEach((heading, index) => {
    if (heading === '') return;
    const column = columnNamed(heading, columns);
    if (!column) return void ignoredColumns.push(heading);
    if (columnAt.has(column))
      throw new ImportFileUnreadable({
        vi: `Cột "${columns[column].vi}" có hai lần ở dòng tiêu đề (${where(table, headingIndex, 'vi')}).`,
        en: `The column "${columns[column].en}" is twice in the heading row (${where(table, headingIndex, 'en')}).`,
      });
    columnAt.set(column, index);
  });
  const missing = required.filter((column) => !columnAt.has(column));
  if (missing.length > 0)
    throw new ImportFileUnreadable({
      vi: `Dòng tiêu đề (${where(table, headingIndex, 'vi')}) thiếu cột ${missing.map((c) => `"${columns[c].vi}"`).join(' và ')}: hãy dùng tệp mẫu.`,
      en: `The heading row (${where(table, headingIndex, 'en')}) has no ${missing.map((c) => `"${columns[c].en}"`).join(' and ')} column: use the template.`,
    });
  const rows: SheetRows<C>['rows'] = [];
  for (let index = headingIndex + 1; index < table.rows.length; index++) {
    const cells = table.rows[index];
    if (!cells || cells.every((cell) => cell === '')) continue;
    const texts = Object.fromEntries(
      (Object.keys(columns) as C[]).map((column) => {
        const at = columnAt.get(column);
        return [column, at === undefined ? '' : (cells[at] ?? '').trim()];
      }),
    ) as Record<C, string>;
    rows.push({ row: index + 1, cells: texts });
  }
  return { sheet: table.sheet, rows, ignoredColumns };
}

/** "dòng 3", or "dòng 3, trang Đơn vị" when the file has named sheets. */
function where(table: ImportTable, index: number, language: 'vi' | 'en'): string {
  const row = language === 'vi' ? `dòng ${index + 1}` : `row ${index + 1}`;
  if (table.sheet === null) return row;
  return language === 'vi' ? `${row}, trang "${table.sheet}"` : `${row} of the sheet "${table.sheet}"`;
}

/** The heading's column, if it names one. */
function columnNamed<C extends string>(heading: string, columns: Record<C, ColumnWords>): C | undefined {
  return (Object.keys(columns) as C[]).find((column) => {
    const { vi, en, also } = columns[column];
    return [vi, en, ...also].some((name) => sameWords(name, heading));
  });
}

/**
 * Units whose code is `text`, or else whose name is, in either language; each unit once (a list may
 * name a unit again under a former name: the first entry of a code is the one kept).
 */
export function unitsNamed(text: string, units: readonly KnownUnit[]): KnownUnit[] {
  const byCode = units.filter((unit) => unit.code === text.toLowerCase());
  const found =
    byCode.length > 0
      ? byCode
      : units.filter((unit) => sameWords(unit.nameVi, text) || sameWords(unit.nameEn, text));
  return found.filter((unit, index) => found.findIndex((other) => other.code === unit.code) === index);
}

/**
 * The same words, whatever the case, spacing, Unicode composition, a note in brackets or the
 * apostrophe's shape (Excel's autocorrect types ’ for ').
 */
export function sameWords(a: string, b: string): boolean {
  return words(a) === words(b);
}

function words(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[*:]/g, ' ')
    .replace(/[‘’]/g, "'")
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLocaleLowerCase('vi');
}
