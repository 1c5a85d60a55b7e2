import { isEmail } from 'class-validator';
import { validationProblem, type ProblemReason, type ValidationProblem } from '@qcycle/domain';
import { USER_ROLES, type UserRole } from '@qcycle/persistence';
import { IMPORT_MAX_ROWS, ImportFileUnreadable, type ImportTable } from './import-file';

/**
 * What an import of people from a spreadsheet would do (docs/api.md "Importing people from a
 * spreadsheet"), worked out from the file's rows and the directory as it is, before anything is
 * written: who is added, whose name, title, unit or language changes, which roles are given, and
 * each row's problems. Pure, so that the check and the import itself say the same.
 *
 * The import adds and updates; it never takes away. A role the file does not list is kept, nobody
 * is deactivated, and an empty cell leaves what the directory has.
 */

/** How far down a sheet its heading row is looked for. */
const HEADING_SEARCH_ROWS = 20;

export type ImportColumn = 'fullName' | 'email' | 'unit' | 'title' | 'roles' | 'locale';

/**
 * The columns, by their heading in Vietnamese (as the template writes it) and in English, and
 * other headings people use for them. A heading is read without case, surrounding spaces or a
 * note in brackets ("Họ và tên (bắt buộc)").
 */
export const IMPORT_COLUMNS: Record<ImportColumn, { vi: string; en: string; also: string[] }> = {
  fullName: { vi: 'Họ và tên', en: 'Full name', also: ['Họ tên', 'Name'] },
  email: { vi: 'Email', en: 'E-mail', also: ['Thư điện tử', 'Địa chỉ email'] },
  unit: { vi: 'Đơn vị', en: 'Unit', also: ['Mã đơn vị', 'Phòng', 'Unit code'] },
  title: { vi: 'Chức danh', en: 'Title', also: ['Chức vụ', 'Job title'] },
  roles: { vi: 'Vai trò', en: 'Roles', also: ['Role'] },
  locale: { vi: 'Ngôn ngữ', en: 'Language', also: ['Locale'] },
};

/**
 * Each role by the words a spreadsheet may name it with: the name the template lists first, then
 * the directory page's longer label, the English name and the role's code.
 */
export const ROLE_WORDS: Record<UserRole, { vi: string; en: string; also: string[] }> = {
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator', also: ['Quản trị'] },
  'quality-representative': { vi: 'Đại diện chất lượng', en: 'Quality Representative', also: [] },
  leader: { vi: 'Lãnh đạo', en: 'Leader', also: ['Lãnh đạo UBND'] },
  'unit-head': { vi: 'Trưởng đơn vị', en: 'Unit head', also: ['Lãnh đạo đơn vị'] },
  staff: { vi: 'Chuyên viên', en: 'Staff', also: ['Chuyên viên thực hiện'] },
  auditor: {
    vi: 'Chuyên gia đánh giá nội bộ',
    en: 'Internal auditor',
    also: ['Chuyên gia đánh giá', 'Auditor'],
  },
  'lead-auditor': {
    vi: 'Trưởng đoàn đánh giá nội bộ',
    en: 'Lead auditor',
    also: ['Trưởng đoàn đánh giá'],
  },
  'external-auditor': { vi: 'Chuyên gia đánh giá bên ngoài', en: 'External auditor', also: [] },
  clerk: { vi: 'Văn thư', en: 'Clerk', also: [] },
};

const LOCALE_WORDS: Record<'vi' | 'en', string[]> = {
  vi: ['vi', 'Tiếng Việt', 'Vietnamese'],
  en: ['en', 'Tiếng Anh', 'English'],
};

/** A row as the file has it, each cell trimmed; `row` is the sheet's row number. */
export interface ImportRow {
  row: number;
  cells: Record<ImportColumn, string>;
}

/** The rows of people under the heading row, and the headings of columns not read. */
export interface ImportRows {
  rows: ImportRow[];
  ignoredColumns: string[];
}

/** A person of the directory as the plan needs them. */
export interface KnownUser {
  id: string;
  organisationCode: string;
  fullName: string;
  title: string | null;
  unitCode: string | null;
  locale: 'vi' | 'en';
  active: boolean;
  /** Their roles: a unit head's with the unit they lead, every other with null. */
  roles: { role: UserRole; unitCode: string | null }[];
}

export interface KnownUnit {
  code: string;
  nameVi: string;
  nameEn: string;
}

export interface DirectorySnapshot {
  organisationCode: string;
  units: KnownUnit[];
  /** Everyone with one of the file's e-mails, of any organisation (an e-mail is one account). */
  usersByEmail: ReadonlyMap<string, KnownUser>;
}

export type ImportAction = 'create' | 'update' | 'unchanged' | 'refused';

/** The fields of a person an import sets. */
export interface ImportedFields {
  fullName: string;
  title: string | null;
  unitCode: string | null;
  locale: 'vi' | 'en';
}

export interface PlannedRow {
  row: number;
  email: string;
  action: ImportAction;
  /** The person once imported (or as they are, when unchanged or refused). */
  fields: ImportedFields;
  /** For an update: which fields change. */
  changed: (keyof ImportedFields)[];
  /** Roles the import gives (the person does not hold them yet). */
  rolesAdded: { role: UserRole; unitCode: string | null }[];
  /** The person already in the directory, if any. */
  userId: string | null;
  problems: ValidationProblem[];
}

/**
 * Reads the heading row and the rows of people under it. The heading row is the first with both a
 * name and an e-mail heading, among the first rows (a sheet may open with a title, "DANH SÁCH CÁN
 * BỘ", and a blank line); failing that, the first row with anything in it, whose missing columns are
 * then named.
 */
export function readImportRows(table: ImportTable): ImportRows {
  const firstFilled = table.rows.findIndex((cells) => cells?.some((cell) => cell !== ''));
  if (firstFilled < 0) throw new ImportFileUnreadable({ vi: 'Tệp trống.', en: 'The file is empty.' });
  const headed = table.rows.slice(0, HEADING_SEARCH_ROWS).findIndex((cells) => {
    const named = (cells ?? []).map(columnNamed);
    return named.includes('fullName') && named.includes('email');
  });
  const headingIndex = headed >= 0 ? headed : firstFilled;
  const headings = table.rows[headingIndex];
  const columnAt = new Map<ImportColumn, number>();
  const ignoredColumns: string[] = [];
  headings.forEach((heading, index) => {
    if (heading === '') return;
    const column = columnNamed(heading);
    if (!column) return void ignoredColumns.push(heading);
    if (columnAt.has(column))
      throw new ImportFileUnreadable({
        vi: `Cột "${IMPORT_COLUMNS[column].vi}" có hai lần ở dòng tiêu đề (dòng ${headingIndex + 1}).`,
        en: `The column "${IMPORT_COLUMNS[column].en}" is twice in the heading row (row ${headingIndex + 1}).`,
      });
    columnAt.set(column, index);
  });
  const missing = (['fullName', 'email'] as const).filter((column) => !columnAt.has(column));
  if (missing.length > 0)
    throw new ImportFileUnreadable({
      vi: `Dòng tiêu đề (dòng ${headingIndex + 1}) thiếu cột ${missing.map((c) => `"${IMPORT_COLUMNS[c].vi}"`).join(' và ')}: hãy dùng tệp mẫu.`,
      en: `The heading row (row ${headingIndex + 1}) has no ${missing.map((c) => `"${IMPORT_COLUMNS[c].en}"`).join(' and ')} column: use the template.`,
    });
  const rows: ImportRow[] = [];
  for (let index = headingIndex + 1; index < table.rows.length; index++) {
    const cells = table.rows[index];
    if (!cells || cells.every((cell) => cell === '')) continue;
    const cell = (column: ImportColumn) => {
      const at = columnAt.get(column);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    rows.push({
      row: index + 1,
      cells: {
        fullName: cell('fullName'),
        email: cell('email'),
        unit: cell('unit'),
        title: cell('title'),
        roles: cell('roles'),
        locale: cell('locale'),
      },
    });
  }
  if (rows.length === 0)
    throw new ImportFileUnreadable({
      vi: 'Tệp không có ai dưới dòng tiêu đề.',
      en: 'The file lists nobody under its heading row.',
    });
  if (rows.length > IMPORT_MAX_ROWS)
    throw new ImportFileUnreadable({
      vi: `Tệp có ${rows.length} người; mỗi lần nhập tối đa ${IMPORT_MAX_ROWS}: hãy chia thành nhiều tệp.`,
      en: `The file lists ${rows.length} people; one import takes at most ${IMPORT_MAX_ROWS}: split it into several files.`,
    });
  return { rows, ignoredColumns };
}

/** Works out, row by row, what importing `rows` into the directory `snapshot` would do. */
export function planUserImport(rows: ImportRow[], snapshot: DirectorySnapshot): PlannedRow[] {
  const firstRowOf = new Map<string, number>();
  return rows.map(({ row, cells }) => {
    const problems: ValidationProblem[] = [];
    const problem = (column: ImportColumn, code: ValidationProblem['code'], reason: ProblemReason) =>
      problems.push(validationProblem(`rows[${row}].${column}`, code, reason));
    const email = cells.email.toLowerCase();
    const known = snapshot.usersByEmail.get(email);

    if (email === '') problem('email', 'required', { vi: 'Thiếu email.', en: 'No e-mail.' });
    else if (email.length > 254 || !isEmail(email))
      problem('email', 'invalid-format', {
        vi: `"${cells.email}" không phải địa chỉ email.`,
        en: `"${cells.email}" is not an e-mail address.`,
      });
    else if (firstRowOf.has(email))
      problem('email', 'duplicate', {
        vi: `Email này đã có ở dòng ${firstRowOf.get(email)}.`,
        en: `This e-mail is already on row ${firstRowOf.get(email)}.`,
      });
    else if (known && known.organisationCode !== snapshot.organisationCode)
      problem('email', 'duplicate', {
        vi: 'Email này là tài khoản của một tổ chức khác.',
        en: "This e-mail is another organisation's account.",
      });
    else if (known && !known.active)
      problem('email', 'inconsistent', {
        vi: `${known.fullName} đã ngừng hoạt động: hãy kích hoạt lại trên trang của người này, hoặc bỏ dòng này.`,
        en: `${known.fullName} is deactivated: reactivate them on their page first, or leave this row out.`,
      });
    if (email !== '' && !firstRowOf.has(email)) firstRowOf.set(email, row);
    const mine = known && known.organisationCode === snapshot.organisationCode ? known : undefined;

    if (cells.fullName === '' && !mine)
      problem('fullName', 'required', { vi: 'Thiếu họ và tên.', en: 'No full name.' });
    if (cells.fullName.length > 200)
      problem('fullName', 'out-of-range', {
        vi: 'Họ và tên dài quá 200 ký tự.',
        en: 'The full name is longer than 200 characters.',
      });
    if (cells.title.length > 200)
      problem('title', 'out-of-range', {
        vi: 'Chức danh dài quá 200 ký tự.',
        en: 'The title is longer than 200 characters.',
      });

    let unitCode = mine?.unitCode ?? null;
    if (cells.unit !== '') {
      const units = unitsNamed(cells.unit, snapshot.units);
      if (units.length === 1) unitCode = units[0].code;
      else
        problem(
          'unit',
          units.length === 0 ? 'unknown-reference' : 'inconsistent',
          units.length === 0
            ? {
                vi: `Không có đơn vị "${cells.unit}" trong danh bạ: ghi mã hoặc tên đơn vị như ở trang Đơn vị.`,
                en: `No unit "${cells.unit}" in the directory: write the unit's code or name as the Units page shows it.`,
              }
            : {
                vi: `Có ${units.length} đơn vị tên "${cells.unit}": hãy ghi mã đơn vị (${units.map((u) => u.code).join(', ')}).`,
                en: `${units.length} units are named "${cells.unit}": write the unit's code (${units.map((u) => u.code).join(', ')}).`,
              },
        );
    }

    let locale = mine?.locale ?? 'vi';
    if (cells.locale !== '') {
      const named = (Object.keys(LOCALE_WORDS) as ('vi' | 'en')[]).find((code) =>
        LOCALE_WORDS[code].some((word) => sameWords(word, cells.locale)),
      );
      if (named) locale = named;
      else
        problem('locale', 'invalid-value', {
          vi: `Ngôn ngữ "${cells.locale}" không có: ghi vi (tiếng Việt) hoặc en (tiếng Anh).`,
          en: `No language "${cells.locale}": write vi (Vietnamese) or en (English).`,
        });
    }

    const roles: { role: UserRole; unitCode: string | null }[] = [];
    // A bracketed note may hold a comma ("Lãnh đạo (Chủ tịch, Phó Chủ tịch)"): it goes before the split.
    for (const word of cells.roles
      .replace(/\([^)]*\)/g, ' ')
      .split(/[,;\n]/)
      .map((w) => w.trim())) {
      if (word === '') continue;
      const role = roleNamed(word);
      if (!role) {
        problem('roles', 'invalid-value', {
          vi: `Vai trò "${word}" không có: ghi một trong ${USER_ROLES.map((r) => ROLE_WORDS[r].vi).join(', ')}.`,
          en: `No role "${word}": write one of ${USER_ROLES.map((r) => ROLE_WORDS[r].en).join(', ')}.`,
        });
        continue;
      }
      if (role === 'unit-head' && unitCode === null) {
        problem('roles', 'inconsistent', {
          vi: `${ROLE_WORDS['unit-head'].vi} cần đơn vị người này lãnh đạo: hãy ghi cột Đơn vị.`,
          en: `${ROLE_WORDS['unit-head'].en} needs the unit they lead: fill in the Unit column.`,
        });
        continue;
      }
      const grant = { role, unitCode: role === 'unit-head' ? unitCode : null };
      if (!roles.some((r) => r.role === grant.role && r.unitCode === grant.unitCode)) roles.push(grant);
    }

    const fields: ImportedFields = {
      fullName: cells.fullName !== '' ? cells.fullName : (mine?.fullName ?? ''),
      title: cells.title !== '' ? cells.title : (mine?.title ?? null),
      unitCode,
      locale,
    };
    const rolesAdded = roles.filter(
      (grant) => !mine?.roles.some((held) => held.role === grant.role && held.unitCode === grant.unitCode),
    );
    const changed = mine
      ? (Object.keys(fields) as (keyof ImportedFields)[]).filter((field) => fields[field] !== mine[field])
      : [];
    const action: ImportAction =
      problems.length > 0
        ? 'refused'
        : !mine
          ? 'create'
          : changed.length > 0 || rolesAdded.length > 0
            ? 'update'
            : 'unchanged';
    return { row, email, action, fields, changed, rolesAdded, userId: mine?.id ?? null, problems };
  });
}

/** The heading's column, if it names one. */
function columnNamed(heading: string): ImportColumn | undefined {
  return (Object.keys(IMPORT_COLUMNS) as ImportColumn[]).find((column) => {
    const { vi, en, also } = IMPORT_COLUMNS[column];
    return [vi, en, ...also].some((name) => sameWords(name, heading));
  });
}

function roleNamed(word: string): UserRole | undefined {
  return USER_ROLES.find((role) => {
    const { vi, en, also } = ROLE_WORDS[role];
    return [role, vi, en, ...also].some((name) => sameWords(name, word));
  });
}

/** Units whose code is `text`, or else whose name is, in either language. */
function unitsNamed(text: string, units: KnownUnit[]): KnownUnit[] {
  const byCode = units.filter((unit) => unit.code === text.toLowerCase());
  if (byCode.length > 0) return byCode;
  return units.filter((unit) => sameWords(unit.nameVi, text) || sameWords(unit.nameEn, text));
}

/** The same words, whatever the case, spacing, Unicode composition or a note in brackets. */
export function sameWords(a: string, b: string): boolean {
  return words(a) === words(b);
}

function words(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[*:]/g, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLocaleLowerCase('vi');
}
