import { isEmail } from 'class-validator';
import { validationProblem, type ProblemReason, type ValidationProblem } from '@qcycle/domain';
import { USER_ROLES, type UserRole } from '@qcycle/persistence';
import { IMPORT_MAX_ROWS, ImportFileUnreadable, type ImportTable } from './import-file';
import {
  headingRowOf,
  readSheet,
  sameWords,
  unitsNamed,
  type ColumnWords,
  type ImportAction,
  type KnownUnit,
  type SheetRows,
} from './import-sheet';
import { UNIT_COLUMNS, type UnitColumn } from './unit-import-plan';

/**
 * What an import of people from a spreadsheet would do (docs/api.md "Importing people from a
 * spreadsheet"), worked out from the file's rows and the directory as it is, before anything is
 * written: who is added, whose name, title, unit or language changes, which roles are given, and
 * each row's problems. Pure, so that the check and the import itself say the same.
 *
 * The import adds and updates; it never takes away. A role the file does not list is kept, nobody
 * is deactivated, and an empty cell leaves what the directory has.
 */

export type ImportColumn = 'fullName' | 'email' | 'unit' | 'title' | 'roles' | 'locale';

/**
 * The columns, by their heading in Vietnamese (as the template writes it) and in English, and
 * other headings people use for them. A heading is read without case, surrounding spaces or a
 * note in brackets ("Họ và tên (bắt buộc)").
 */
export const IMPORT_COLUMNS: Record<ImportColumn, ColumnWords> = {
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
export const ROLE_WORDS: Record<UserRole, ColumnWords> = {
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

/** A row of people as the file has it, each cell trimmed; `row` is the sheet's row number. */
export type ImportRow = SheetRows<ImportColumn>['rows'][number];

/** What an imported file lists: its people, and the units on a sheet of their own (an .xlsx only). */
export interface DirectoryFile {
  people: SheetRows<ImportColumn>;
  units: SheetRows<UnitColumn> | null;
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

export interface DirectorySnapshot {
  organisationCode: string;
  units: KnownUnit[];
  /** Everyone with one of the file's e-mails, of any organisation (an e-mail is one account). */
  usersByEmail: ReadonlyMap<string, KnownUser>;
}

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

const PEOPLE_REQUIRED: ImportColumn[] = ['fullName', 'email'];
const UNITS_REQUIRED: UnitColumn[] = ['code', 'nameVi'];

/**
 * Finds the file's people and units. The units' sheet is the one whose heading row names a unit
 * code and a unit name (and no e-mail). The people's is the first other sheet with a name and an
 * e-mail heading (in the template and the export, "Danh bạ", the first), or else, in a file
 * without units, the first sheet, whose missing headings are then named. A file must list someone
 * or some unit.
 */
export function readDirectoryFile(tables: ImportTable[]): DirectoryFile {
  const unitsTable = tables.find(
    (table) =>
      headingRowOf(table, UNIT_COLUMNS, UNITS_REQUIRED) >= 0 &&
      headingRowOf(table, IMPORT_COLUMNS, ['email']) < 0,
  );
  const peopleTable =
    tables.find(
      (table) => table !== unitsTable && headingRowOf(table, IMPORT_COLUMNS, PEOPLE_REQUIRED) >= 0,
    ) ?? (unitsTable ? undefined : tables[0]);
  const units = unitsTable ? readSheet(unitsTable, UNIT_COLUMNS, UNITS_REQUIRED) : null;
  const people = peopleTable
    ? readSheet(peopleTable, IMPORT_COLUMNS, PEOPLE_REQUIRED)
    : { sheet: null, rows: [], ignoredColumns: [] };
  const filled = (table: ImportTable | undefined) =>
    table?.rows.some((cells) => cells?.some((cell) => cell !== '')) ?? false;
  if (!filled(peopleTable) && !filled(unitsTable))
    throw new ImportFileUnreadable({ vi: 'Tệp trống.', en: 'The file is empty.' });
  if (people.rows.length === 0 && (units?.rows.length ?? 0) === 0)
    throw new ImportFileUnreadable({
      vi: 'Tệp không có ai dưới dòng tiêu đề.',
      en: 'The file lists nobody under its heading row.',
    });
  for (const [sheet, what] of [
    [people, { vi: 'người', en: 'people' }],
    [units, { vi: 'đơn vị', en: 'units' }],
  ] as const)
    if (sheet && sheet.rows.length > IMPORT_MAX_ROWS)
      throw new ImportFileUnreadable({
        vi: `Tệp có ${sheet.rows.length} ${what.vi}; mỗi lần nhập tối đa ${IMPORT_MAX_ROWS}: hãy chia thành nhiều tệp.`,
        en: `The file lists ${sheet.rows.length} ${what.en}; one import takes at most ${IMPORT_MAX_ROWS}: split it into several files.`,
      });
  return { people, units };
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
                vi: `Không có đơn vị "${cells.unit}" trong danh bạ: ghi mã hoặc tên đơn vị như ở trang Đơn vị, hoặc thêm đơn vị này vào trang "Đơn vị" của tệp.`,
                en: `No unit "${cells.unit}" in the directory: write the unit's code or name as the Units page shows it, or add the unit on the file's "Units" sheet.`,
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

function roleNamed(word: string): UserRole | undefined {
  return USER_ROLES.find((role) => {
    const { vi, en, also } = ROLE_WORDS[role];
    return [role, vi, en, ...also].some((name) => sameWords(name, word));
  });
}
