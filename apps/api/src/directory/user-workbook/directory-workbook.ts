import { Workbook } from 'exceljs';
import { USER_ROLES, type UserRole } from '@qcycle/persistence';
import { IMPORT_MAX_ROWS } from './import-file';
import { IMPORT_COLUMNS, ROLE_WORDS, type ImportColumn } from './import-plan';
import type { KnownUnit } from './import-sheet';
import { UNIT_COLUMNS, type UnitColumn } from './unit-import-plan';

/** What each column's heading says beside its name, in the template. */
const COLUMN_NOTES: Record<ImportColumn, { vi: string; en: string }> = {
  fullName: { vi: 'bắt buộc', en: 'required' },
  email: { vi: 'bắt buộc', en: 'required' },
  unit: { vi: 'mã hoặc tên', en: 'code or name' },
  title: { vi: '', en: '' },
  roles: { vi: 'cách nhau bởi dấu phẩy', en: 'separated by commas' },
  locale: { vi: 'vi hoặc en', en: 'vi or en' },
};

const UNIT_COLUMN_NOTES: Record<UnitColumn, { vi: string; en: string }> = {
  code: { vi: 'bắt buộc', en: 'required' },
  nameVi: { vi: 'bắt buộc với đơn vị mới', en: 'required for a new unit' },
  nameEn: { vi: 'để trống: như tên tiếng Việt', en: 'empty: as the Vietnamese name' },
  parent: { vi: 'mã hoặc tên của đơn vị cấp trên', en: 'code or name of the unit it belongs to' },
  heads: { vi: 'email, cách nhau bởi dấu phẩy', en: 'e-mails, separated by commas' },
  workHead: {
    vi: 'email của một trưởng đơn vị; để trống: người đầu tiên theo tên',
    en: 'e-mail of one of its heads; empty: the first by name',
  },
};

const GUIDE: Record<'vi' | 'en', string[]> = {
  vi: [
    'Mỗi người một dòng ở trang "Danh bạ", dưới dòng tiêu đề; không đổi tên cột.',
    'Email là khóa: người đã có trong danh bạ (cùng email) được cập nhật, người chưa có được thêm.',
    'Ô để trống giữ nguyên thông tin đang có. Nhập tệp chỉ thêm và cập nhật: không thu hồi vai trò, không ngừng hoạt động ai.',
    'Trưởng đơn vị lãnh đạo đơn vị ghi ở cột Đơn vị của chính dòng đó. Người lãnh đạo một đơn vị khác (ví dụ Phó Chánh Văn phòng phụ trách một phòng) ghi email ở cột Trưởng đơn vị của đơn vị đó, trang "Đơn vị".',
    'Đơn vị có nhiều trưởng đơn vị giao việc của đơn vị (nhận chỉ tiêu, báo cáo, đôn đốc) cho người đầu tiên theo tên, trừ khi cột Người nhận việc của đơn vị ở trang "Đơn vị" ghi email của một người trong số họ. Chu trình năm đang chạy giữ người nhận việc như khi bắt đầu.',
    'Mỗi đơn vị một dòng ở trang "Đơn vị": mã là khóa; đơn vị đã có (cùng mã) được đổi tên hoặc chuyển theo dòng đó, đơn vị chưa có được thêm. Cột Đơn vị ở trang "Danh bạ" ghi mã hoặc tên một đơn vị trong danh bạ hoặc ở trang "Đơn vị". Nhập tệp không xóa đơn vị nào.',
    'Người được thêm đăng nhập qua hệ thống đăng nhập một lần (SSO); nếu không dùng SSO, mỗi người tự đặt mật khẩu bằng "Quên mật khẩu?" ở trang đăng nhập (khi hệ thống gửi được thư), hoặc người quản trị hệ thống đặt mật khẩu ban đầu trên trang của từng người.',
    `Mỗi lần nhập tối đa ${IMPORT_MAX_ROWS} người. Trước khi nhập, trang Danh bạ cho xem từng dòng sẽ được thêm, cập nhật hay cần sửa; không dòng nào được nhập khi còn dòng cần sửa.`,
  ],
  en: [
    'One person per row on the "Directory" sheet, under the heading row; do not rename the columns.',
    'The e-mail is the key: someone already in the directory (same e-mail) is updated, anyone else is added.',
    'An empty cell keeps what the directory has. An import only adds and updates: no role is taken away, nobody is deactivated.',
    'A unit head leads the unit written in the Unit column of their own row. Someone who leads another unit (say a Deputy Chief of Office in charge of a division) is written by e-mail in that unit\'s Unit heads column, on the "Units" sheet.',
    'A unit with several heads gives its work (its objectives, reports and reminders) to the first by name, unless the "Head taking the unit\'s work" column of the "Units" sheet gives the e-mail of one of them. A year already running keeps whom it started with.',
    'One unit per row on the "Units" sheet: the code is the key; a unit already in the directory (same code) is renamed or moved as its row says, any other is added. The Unit column of the "Directory" sheet names a unit of the directory or of the "Units" sheet, by its code or name. An import removes no unit.',
    'People added sign in through the single sign-on (SSO); without SSO, each sets a password with "Forgot your password?" on the sign-in page (where qcycle sends mail), or the administrator sets their initial password on their page.',
    `At most ${IMPORT_MAX_ROWS} people per import. Before importing, the Directory page shows each row as added, updated or to be corrected; no row is imported while any needs correcting.`,
  ],
};

const WORDS = {
  vi: {
    sheet: 'Danh bạ',
    guide: 'Hướng dẫn',
    units: 'Đơn vị',
    roles: 'Vai trò',
    inactive: 'Đã ngừng hoạt động',
    certificate: 'Chứng chỉ chuyên gia đánh giá nội bộ (không nhập)',
    note: 'Ghi chú (không nhập)',
    headElsewhere: (unit: string) => `Trưởng đơn vị ${unit}: ở cột Trưởng đơn vị của trang "Đơn vị"`,
  },
  en: {
    sheet: 'Directory',
    guide: 'Guide',
    units: 'Units',
    roles: 'Roles',
    inactive: 'Deactivated',
    certificate: 'Internal auditor certificate (not imported)',
    note: 'Note (not imported)',
    headElsewhere: (unit: string) => `Head of ${unit}: in the Unit heads column of the "Units" sheet`,
  },
};

/** A person as the directory's export lists them. */
export interface ExportedPerson {
  id: string;
  fullName: string;
  email: string;
  unitCode: string | null;
  title: string | null;
  locale: 'vi' | 'en';
  active: boolean;
  roles: { role: UserRole; unitCode: string | null }[];
  /** Their internal-auditor certificate as written, with its day of issue; null when none is on record. */
  auditorCertificate: string | null;
}

/**
 * The workbook an administrator fills in to import people: the "Danh bạ" sheet with the columns'
 * headings, the "Đơn vị" sheet listing the organisation's units (to which more are added, or which
 * are renamed, in the same file), and a guide listing the roles by the words the import reads.
 */
export function userImportTemplate(units: KnownUnit[], language: 'vi' | 'en'): Promise<Buffer> {
  return directoryWorkbook(units, language, null);
}

/**
 * The directory as it is, in the template's form: the active people on the first sheet, so that the
 * file imported again, changed or not, reads as the directory; the deactivated on a sheet of their
 * own (an import does not bring anyone back); beside the imported columns, each one's auditor
 * certificate and a note, which the import does not read.
 */
export function directoryExport(
  units: KnownUnit[],
  language: 'vi' | 'en',
  people: ExportedPerson[],
): Promise<Buffer> {
  return directoryWorkbook(units, language, people);
}

async function directoryWorkbook(
  units: KnownUnit[],
  language: 'vi' | 'en',
  people: ExportedPerson[] | null,
): Promise<Buffer> {
  const words = WORDS[language];
  const workbook = new Workbook();
  workbook.creator = 'qcycle';
  const columns = Object.keys(IMPORT_COLUMNS) as ImportColumn[];
  const headings = columns.map((column) => {
    const note = COLUMN_NOTES[column][language];
    const name = IMPORT_COLUMNS[column][language];
    return { header: note ? `${name} (${note})` : name, key: column, width: column === 'roles' ? 40 : 28 };
  });
  const extra = [
    { header: words.certificate, key: 'certificate', width: 50 },
    { header: words.note, key: 'note', width: 40 },
  ];
  const sheetOf = (name: string, listed: ExportedPerson[] | null) => {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = listed ? [...headings, ...extra] : headings;
    sheet.getRow(1).font = { bold: true };
    for (const person of listed ?? []) sheet.addRow(exportedRow(person, units, language));
  };
  sheetOf(words.sheet, people && people.filter((p) => p.active));
  unitsSheet(workbook, units, language, people ?? []);
  if (people)
    sheetOf(
      words.inactive,
      people.filter((p) => !p.active),
    );

  const guide = workbook.addWorksheet(words.guide);
  guide.getColumn(1).width = 34;
  guide.getColumn(2).width = 70;
  for (const line of GUIDE[language]) guide.addRow([line]).getCell(1).alignment = { wrapText: false };
  guide.addRow([]);
  guide.addRow([words.roles]).font = { bold: true };
  for (const role of USER_ROLES) guide.addRow([ROLE_WORDS[role][language]]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The units' sheet, as the import reads it back: each unit of the directory under the unit it
 * belongs to (by code: codes are never ambiguous), parents before their sub-units, with the e-mails
 * of the active people who lead it and of the one chosen to take its work (none in the template,
 * which lists no one).
 */
function unitsSheet(
  workbook: Workbook,
  units: KnownUnit[],
  language: 'vi' | 'en',
  people: readonly ExportedPerson[],
): void {
  const sheet = workbook.addWorksheet(WORDS[language].units, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = (Object.keys(UNIT_COLUMNS) as UnitColumn[]).map((column) => ({
    header: `${UNIT_COLUMNS[column][language]} (${UNIT_COLUMN_NOTES[column][language]})`,
    key: column,
    width: column === 'code' ? 24 : 44,
  }));
  const headsOf = (code: string) =>
    people.filter((p) => p.active && p.roles.some((r) => r.role === 'unit-head' && r.unitCode === code));
  const row = (unit: KnownUnit) => ({
    code: unit.code,
    nameVi: unit.nameVi,
    nameEn: unit.nameEn,
    parent: unit.parentCode ?? '',
    heads: headsOf(unit.code)
      .map((p) => p.email)
      .join(', '),
    // A choice whose head no longer leads the unit is none (`headTakingWork`): the cell stays empty.
    workHead: headsOf(unit.code).find((p) => p.id === unit.workHeadUserId)?.email ?? '',
  });
  sheet.getRow(1).font = { bold: true };
  const byCode = [...units].sort((a, b) => a.code.localeCompare(b.code));
  const add = (parentCode: string | null, seen: Set<string>) => {
    for (const unit of byCode.filter((u) => u.parentCode === parentCode && !seen.has(u.code))) {
      seen.add(unit.code);
      sheet.addRow(row(unit));
      add(unit.code, seen);
    }
  };
  const seen = new Set<string>();
  add(null, seen);
  // A unit whose parent is not in the directory (none should be) is still listed.
  for (const unit of byCode.filter((u) => !seen.has(u.code))) sheet.addRow(row(unit));
}

/**
 * One person's row, in the words the import reads back: the unit by its name (its code where two
 * units share the name), the roles by their names. A unit head of a unit other than their own is
 * said in the note instead: the import gives a unit head the unit of their row.
 */
function exportedRow(person: ExportedPerson, units: KnownUnit[], language: 'vi' | 'en') {
  const words = WORDS[language];
  const nameOf = (code: string) => {
    const unit = units.find((u) => u.code === code);
    if (!unit) return code;
    const name = language === 'en' ? unit.nameEn : unit.nameVi;
    const shared = units.filter((u) => (language === 'en' ? u.nameEn : u.nameVi) === name).length > 1;
    return shared ? code : name;
  };
  const elsewhere = person.roles.filter((r) => r.role === 'unit-head' && r.unitCode !== person.unitCode);
  return {
    fullName: person.fullName,
    email: person.email,
    unit: person.unitCode ? nameOf(person.unitCode) : '',
    title: person.title ?? '',
    roles: person.roles
      .filter((r) => !elsewhere.includes(r))
      .map((r) => ROLE_WORDS[r.role][language])
      .join(', '),
    locale: person.locale,
    certificate: person.auditorCertificate ?? '',
    note: elsewhere.map((r) => words.headElsewhere(nameOf(r.unitCode ?? ''))).join('; '),
  };
}
