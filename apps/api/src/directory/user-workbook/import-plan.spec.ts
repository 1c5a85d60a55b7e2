import { ImportFileUnreadable } from './import-file';
import type { ImportTable } from './import-file';
import { planUserImport, readDirectoryFile, type DirectorySnapshot, type KnownUser } from './import-plan';

const units = [
  { code: 'vp-tonghop', nameVi: 'Phòng Tổng hợp', nameEn: 'General Affairs Division', parentCode: null },
  {
    code: 'vp-hcth',
    nameVi: 'Phòng Hành chính - Tổ chức',
    nameEn: 'Administration Division',
    parentCode: null,
  },
  { code: 'vp-thanhtra-1', nameVi: 'Phòng Thanh tra', nameEn: 'Inspection', parentCode: null },
  { code: 'vp-thanhtra-2', nameVi: 'Phòng Thanh tra', nameEn: 'Inspection 2', parentCode: null },
];

const lan: KnownUser = {
  id: 'u-lan',
  organisationCode: 'kontum',
  fullName: 'Phạm Thị Lan',
  title: 'Chuyên viên',
  unitCode: 'vp-tonghop',
  locale: 'vi',
  active: true,
  roles: [{ role: 'staff', unitCode: null }],
};

function directory(...users: KnownUser[]): DirectorySnapshot {
  return {
    organisationCode: 'kontum',
    units,
    usersByEmail: new Map(users.map((u) => [`${u.id.slice(2)}@kontum.gov.vn`, u])),
  };
}

function plan(csvRows: string[][], snapshot = directory(lan)) {
  return planUserImport(readImportRows({ sheet: null, rows: csvRows }).rows, snapshot);
}

/** The people's sheet of a file of one table. */
function readImportRows(table: ImportTable) {
  return readDirectoryFile([table]).people;
}

const HEADING = [
  'Họ và tên (bắt buộc)',
  'Email (bắt buộc)',
  'Đơn vị (mã hoặc tên)',
  'Chức danh',
  'Vai trò',
  'Ngôn ngữ',
];

describe('what an import of people would do', () => {
  it('adds a new person with their unit named as the Units page names it, and their roles by their Vietnamese names', () => {
    const [row] = plan([
      HEADING,
      [
        'Lê Văn Hùng',
        'Hung.LV@Kontum.gov.vn',
        'phòng  hành chính - tổ chức',
        'Trưởng phòng',
        'Trưởng đơn vị, Chuyên gia đánh giá nội bộ',
        '',
      ],
    ]);
    expect(row).toMatchObject({
      row: 2,
      email: 'hung.lv@kontum.gov.vn',
      action: 'create',
      fields: { fullName: 'Lê Văn Hùng', title: 'Trưởng phòng', unitCode: 'vp-hcth', locale: 'vi' },
      rolesAdded: [
        { role: 'unit-head', unitCode: 'vp-hcth' },
        { role: 'auditor', unitCode: null },
      ],
      userId: null,
      problems: [],
    });
  });

  it('updates someone already there: what the file changes, the roles they do not hold; empty cells keep theirs', () => {
    const [row] = plan([
      HEADING,
      ['', 'lan@kontum.gov.vn', 'vp-hcth', '', 'Chuyên viên; Văn thư', 'English'],
    ]);
    expect(row).toMatchObject({
      action: 'update',
      userId: 'u-lan',
      fields: { fullName: 'Phạm Thị Lan', title: 'Chuyên viên', unitCode: 'vp-hcth', locale: 'en' },
      changed: ['unitCode', 'locale'],
      rolesAdded: [{ role: 'clerk', unitCode: null }],
    });
  });

  it('changes nothing for a row that says what the directory already has', () => {
    const [row] = plan([
      HEADING,
      ['Phạm Thị Lan', 'lan@kontum.gov.vn', 'Phòng Tổng hợp', 'Chuyên viên', 'staff', 'vi'],
    ]);
    expect(row).toMatchObject({ action: 'unchanged', changed: [], rolesAdded: [] });
  });

  it('reads a role written as the directory page labels it, its bracketed note holding a comma', () => {
    const [row] = plan([
      HEADING,
      ['Nguyễn Hữu Tháp', 'thap@kontum.gov.vn', '', '', 'Lãnh đạo (Chủ tịch, Phó Chủ tịch)', ''],
    ]);
    expect(row.rolesAdded).toEqual([{ role: 'leader', unitCode: null }]);
  });

  it('refuses each wrong cell by its row and column, saying what to write instead', () => {
    const rows = plan(
      [
        HEADING,
        ['', 'not-an-email', 'Phòng Thanh tra', '', 'Giám đốc', 'fr'],
        ['Trần Văn B', 'b@kontum.gov.vn', 'Phòng Không Có', '', 'Trưởng đơn vị', ''],
        ['Trần Văn C', 'B@kontum.gov.vn', '', '', '', ''],
      ],
      directory(lan),
    );
    expect(rows.map((r) => r.action)).toEqual(['refused', 'refused', 'refused']);
    expect(rows[0].problems.map((p) => [p.path, p.code])).toEqual([
      ['rows[2].email', 'invalid-format'],
      ['rows[2].fullName', 'required'],
      ['rows[2].unit', 'inconsistent'],
      ['rows[2].locale', 'invalid-value'],
      ['rows[2].roles', 'invalid-value'],
    ]);
    expect(rows[0].problems[2].reason).toContain('vp-thanhtra-1, vp-thanhtra-2');
    expect(rows[0].problems[4].reason).toContain('Trưởng đơn vị');
    expect(rows[1].problems.map((p) => [p.path, p.code])).toEqual([
      ['rows[3].unit', 'unknown-reference'],
      ['rows[3].roles', 'inconsistent'],
    ]);
    expect(rows[2].problems).toEqual([
      expect.objectContaining({
        path: 'rows[4].email',
        code: 'duplicate',
        reason: 'Email này đã có ở dòng 3.',
      }),
    ]);
  });

  it('refuses an e-mail of another organisation and a deactivated person, whom an import does not bring back', () => {
    const other = { ...lan, id: 'u-other', organisationCode: 'gialai' };
    const left = { ...lan, id: 'u-left', active: false };
    const rows = plan(
      [HEADING, ['X', 'other@kontum.gov.vn', '', '', '', ''], ['Y', 'left@kontum.gov.vn', '', '', '', '']],
      directory(other, left),
    );
    expect(rows.map((r) => r.problems.map((p) => p.code))).toEqual([['duplicate'], ['inconsistent']]);
    expect(rows[1].problems[0].reasonEn).toContain('reactivate');
  });

  it('finds the heading row under a title, takes English headings, skips empty rows and lists columns it does not read', () => {
    const read = readImportRows({
      sheet: 'Sheet1',
      rows: [
        ['DANH SÁCH CÁN BỘ'],
        [],
        ['Full name', 'E-mail', 'Số điện thoại'],
        ['A', 'a@x.vn', '0901'],
        [],
        ['B', 'b@x.vn'],
      ],
    });
    expect(read.ignoredColumns).toEqual(['Số điện thoại']);
    expect(read.rows.map((r) => [r.row, r.cells.fullName, r.cells.email])).toEqual([
      [4, 'A', 'a@x.vn'],
      [6, 'B', 'b@x.vn'],
    ]);
  });

  it('refuses a file without the name or e-mail column, or with nobody in it', () => {
    expect(() =>
      readImportRows({
        sheet: null,
        rows: [
          ['Họ và tên', 'Đơn vị'],
          ['A', 'vp-tonghop'],
        ],
      }),
    ).toThrow(ImportFileUnreadable);
    expect(() => readImportRows({ sheet: null, rows: [['Họ và tên', 'Email']] })).toThrow(/nobody/);
  });
});
