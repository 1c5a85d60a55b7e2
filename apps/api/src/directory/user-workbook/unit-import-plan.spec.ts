import { ImportFileUnreadable } from './import-file';
import { planUserImport, readDirectoryFile, type KnownUser } from './import-plan';
import type { KnownUnit } from './import-sheet';
import { planUnitHeads, planUnitImport, unitsAfterImport } from './unit-import-plan';

const directory: KnownUnit[] = [
  { code: 'vp', nameVi: 'Văn phòng UBND tỉnh', nameEn: 'Office of the PPC', parentCode: null },
  { code: 'vp-tonghop', nameVi: 'Phòng Tổng hợp', nameEn: 'General Affairs Division', parentCode: 'vp' },
];

const UNIT_HEADING = ['Mã đơn vị (bắt buộc)', 'Tên đơn vị', 'Tên tiếng Anh', 'Thuộc đơn vị'];
const PEOPLE_HEADING = ['Họ và tên', 'Email', 'Đơn vị'];

function planUnits(rows: string[][], units = directory) {
  const read = readDirectoryFile([{ sheet: 'Đơn vị', rows: [UNIT_HEADING, ...rows] }]);
  return planUnitImport(read.units!.rows, units);
}

describe('what an import of units would do', () => {
  it('adds a unit under another by its name, taking the Vietnamese name in English when none is given', () => {
    const [row] = planUnits([['VP-KSTTHC', 'Phòng Kiểm soát TTHC', '', 'văn phòng ubnd tỉnh']]);
    expect(row).toEqual({
      row: 2,
      code: 'vp-kstthc',
      action: 'create',
      fields: { nameVi: 'Phòng Kiểm soát TTHC', nameEn: 'Phòng Kiểm soát TTHC', parentCode: 'vp' },
      changed: [],
      headsAdded: [],
      workHead: null,
      problems: [],
    });
  });

  it('renames or moves a unit with the same code, keeps what an empty cell leaves, and finds an unchanged one unchanged', () => {
    const rows = planUnits([
      ['vp-tonghop', 'Phòng Tổng hợp - Thư ký', '', ''],
      ['vp', '', '', ''],
      ['vp-tonghop-2', 'Tổ Thư ký', '', 'vp-tonghop'],
    ]);
    expect(rows.map((r) => [r.code, r.action, r.changed])).toEqual([
      ['vp-tonghop', 'update', ['nameVi']],
      ['vp', 'unchanged', []],
      ['vp-tonghop-2', 'create', []],
    ]);
    expect(rows[0].fields).toEqual({
      nameVi: 'Phòng Tổng hợp - Thư ký',
      nameEn: 'General Affairs Division',
      parentCode: 'vp',
    });
  });

  it('takes a parent the same sheet adds further down', () => {
    const rows = planUnits([
      ['ttpvhcc-1', 'Bộ phận 1', '', 'ttpvhcc'],
      ['ttpvhcc', 'Trung tâm Phục vụ hành chính công', 'Public Administration Service Centre', ''],
    ]);
    expect(rows.map((r) => [r.action, r.fields.parentCode])).toEqual([
      ['create', 'ttpvhcc'],
      ['create', null],
    ]);
  });

  it('refuses, naming the cell: no code, a code that cannot be one, a code twice, no name for a new unit, an unknown or shared parent name', () => {
    const rows = planUnits(
      [
        ['', 'Phòng A', '', ''],
        ['Phòng B', 'Phòng B', '', ''],
        ['p-c', 'Phòng C', '', ''],
        ['P-C', 'Phòng C lần hai', '', ''],
        ['p-d', '', '', ''],
        ['p-e', 'Phòng E', '', 'Sở Nội vụ'],
        ['p-f', 'Phòng F', '', 'Phòng Trùng'],
      ],
      [
        ...directory,
        { code: 'x1', nameVi: 'Phòng Trùng', nameEn: 'Twin 1', parentCode: null },
        { code: 'x2', nameVi: 'Phòng Trùng', nameEn: 'Twin 2', parentCode: null },
      ],
    );
    expect(rows.map((r) => [r.action, r.problems.map((p) => `${p.path} ${p.code}`)])).toEqual([
      ['refused', ['unitRows[2].code required']],
      ['refused', ['unitRows[3].code invalid-format']],
      ['create', []],
      ['refused', ['unitRows[5].code duplicate']],
      ['refused', ['unitRows[6].nameVi required']],
      ['refused', ['unitRows[7].parent unknown-reference']],
      ['refused', ['unitRows[8].parent inconsistent']],
    ]);
    expect(rows[1].problems[0].reason).toContain('dấu gạch ngang');
    expect(rows[6].problems[0].reasonEn).toContain('x1, x2');
  });

  it('refuses a unit put under itself or under one of its own sub-units, whether the directory or the sheet makes the loop', () => {
    const rows = planUnits([
      ['vp', '', '', 'vp-tonghop'],
      ['a', 'A', '', 'b'],
      ['b', 'B', '', 'a'],
      ['c', 'C', '', 'c'],
    ]);
    expect(rows.map((r) => r.problems.map((p) => `${p.path} ${p.code}`))).toEqual([
      ['unitRows[2].parent inconsistent'],
      ['unitRows[3].parent inconsistent'],
      ['unitRows[4].parent inconsistent'],
      ['unitRows[5].parent inconsistent'],
    ]);
    expect(rows[0].problems[0].reasonEn).toContain('loop');
  });

  it('lets the people of the same file name the units it adds, by code or by name', () => {
    const read = readDirectoryFile([
      {
        sheet: 'Danh bạ',
        rows: [
          PEOPLE_HEADING,
          ['Lê Văn Hùng', 'hung@x.vn', 'Phòng Kiểm soát TTHC'],
          ['Võ Thị Mai', 'mai@x.vn', 'vp-ksthc'],
        ],
      },
      { sheet: 'Đơn vị', rows: [UNIT_HEADING, ['vp-ksthc', 'Phòng Kiểm soát TTHC', '', 'vp']] },
    ]);
    const units = planUnitImport(read.units!.rows, directory);
    const people = planUserImport(read.people.rows, {
      organisationCode: 'kontum',
      units: unitsAfterImport(units, directory),
      usersByEmail: new Map(),
    });
    expect(people.map((p) => [p.action, p.fields.unitCode])).toEqual([
      ['create', 'vp-ksthc'],
      ['create', 'vp-ksthc'],
    ]);
  });

  describe("the units' heads", () => {
    const person = (id: string, fields: Partial<KnownUser> = {}): KnownUser => ({
      id,
      organisationCode: 'kontum',
      fullName: id,
      title: null,
      unitCode: 'vp',
      locale: 'vi',
      active: true,
      roles: [{ role: 'staff', unitCode: null }],
      ...fields,
    });
    const hung = person('Lê Văn Hùng');
    const nam = person('Võ Đình Nam', {
      unitCode: 'vp-tonghop',
      roles: [{ role: 'unit-head', unitCode: 'vp-tonghop' }],
    });
    const left = person('Trần Văn Cũ', { active: false });
    const elsewhere = person('Ngô Thị Khác', { organisationCode: 'gialai' });
    const snapshot = {
      organisationCode: 'kontum',
      units: directory,
      usersByEmail: new Map([
        ['hung@x.vn', hung],
        ['nam@x.vn', nam],
        ['cu@x.vn', left],
        ['khac@x.vn', elsewhere],
      ]),
    };
    /** The units' rows (code, name, heads) beside a people's sheet, planned as an import plans them. */
    function planHeads(unitRows: string[][], peopleRows: string[][] = []) {
      const read = readDirectoryFile([
        { sheet: 'Danh bạ', rows: [[...PEOPLE_HEADING, 'Vai trò'], ...peopleRows] },
        { sheet: 'Đơn vị', rows: [[...UNIT_HEADING, 'Trưởng đơn vị (email)'], ...unitRows] },
      ]);
      const units = planUnitImport(read.units!.rows, directory);
      const people = planUserImport(read.people.rows, {
        ...snapshot,
        units: unitsAfterImport(units, directory),
      });
      return planUnitHeads(units, read.units!.rows, people, snapshot);
    }

    it('makes the people a row names the heads of its unit, someone of another unit or whom the file adds included', () => {
      const [tonghop, kstthc] = planHeads(
        [
          ['vp-tonghop', '', '', '', 'Hung@x.vn; nam@x.vn'],
          ['vp-ksthc', 'Phòng Kiểm soát TTHC', '', 'vp', 'mai@x.vn, hung@x.vn'],
        ],
        [['Võ Thị Mai', 'mai@x.vn', 'vp-tonghop', 'Chuyên viên']],
      );
      // Nam leads the general division already: only Hùng is added; the unit is otherwise unchanged.
      expect(tonghop).toMatchObject({
        action: 'update',
        changed: [],
        headsAdded: [{ email: 'hung@x.vn', fullName: 'Lê Văn Hùng', userId: 'Lê Văn Hùng' }],
        problems: [],
      });
      // Mai, added by the same file, leads a unit the file adds too.
      expect(kstthc).toMatchObject({
        action: 'create',
        headsAdded: [
          { email: 'mai@x.vn', fullName: 'Võ Thị Mai', userId: null },
          { email: 'hung@x.vn', fullName: 'Lê Văn Hùng', userId: 'Lê Văn Hùng' },
        ],
      });
    });

    it("adds nobody whose own row makes them the unit's head, and leaves a unit whose heads are all there unchanged", () => {
      const [tonghop] = planHeads(
        [['vp-tonghop', '', '', '', 'nam@x.vn, mai@x.vn']],
        [['Võ Thị Mai', 'mai@x.vn', 'vp-tonghop', 'Trưởng đơn vị']],
      );
      expect(tonghop).toMatchObject({ action: 'unchanged', headsAdded: [] });
    });

    it('refuses, naming the cell: no e-mail, nobody known, someone deactivated, another organisation’s account', () => {
      const rows = planHeads([
        ['vp-tonghop', '', '', '', 'Lê Văn Hùng'],
        ['vp', '', '', '', 'ai@x.vn'],
        ['vp-ksthc', 'Phòng Kiểm soát TTHC', '', 'vp', 'cu@x.vn'],
        ['vp-ttpv', 'Trung tâm Phục vụ hành chính công', '', 'vp', 'khac@x.vn'],
      ]);
      expect(rows.map((r) => [r.action, r.headsAdded, r.problems.map((p) => [p.path, p.code])])).toEqual([
        ['refused', [], [['unitRows[2].heads', 'invalid-format']]],
        ['refused', [], [['unitRows[3].heads', 'unknown-reference']]],
        ['refused', [], [['unitRows[4].heads', 'inconsistent']]],
        ['refused', [], [['unitRows[5].heads', 'unknown-reference']]],
      ]);
      expect(rows[1].problems[0].reason).toBe(
        'Không có ai với email ai@x.vn trong danh bạ hay ở trang "Danh bạ" của tệp.',
      );
      expect(rows[2].problems[0].reason).toContain('Trần Văn Cũ đã ngừng hoạt động');
    });
  });

  describe("who takes a unit's work", () => {
    const person = (id: string, fields: Partial<KnownUser> = {}): KnownUser => ({
      id,
      organisationCode: 'kontum',
      fullName: id,
      title: null,
      unitCode: 'vp-tonghop',
      locale: 'vi',
      active: true,
      roles: [{ role: 'unit-head', unitCode: 'vp-tonghop' }],
      ...fields,
    });
    const snapshot = {
      organisationCode: 'kontum',
      units: directory.map((unit) =>
        unit.code === 'vp-tonghop' ? { ...unit, workHeadUserId: 'Võ Đình Nam' } : unit,
      ),
      usersByEmail: new Map([
        ['nam@x.vn', person('Võ Đình Nam')],
        ['hung@x.vn', person('Lê Văn Hùng')],
        ['lan@x.vn', person('Nguyễn Thị Lan', { roles: [{ role: 'staff', unitCode: null }] })],
        ['cu@x.vn', person('Trần Văn Cũ', { active: false })],
      ]),
    };
    /** The units' rows (code, name, heads, who takes the work) beside a people's sheet. */
    function planWorkHeads(unitRows: string[][], peopleRows: string[][] = []) {
      const read = readDirectoryFile([
        { sheet: 'Danh bạ', rows: [[...PEOPLE_HEADING, 'Vai trò'], ...peopleRows] },
        {
          sheet: 'Đơn vị',
          rows: [[...UNIT_HEADING, 'Trưởng đơn vị', 'Người nhận việc của đơn vị (email)'], ...unitRows],
        },
      ]);
      const units = planUnitImport(read.units!.rows, snapshot.units);
      const people = planUserImport(read.people.rows, {
        ...snapshot,
        units: unitsAfterImport(units, snapshot.units),
      });
      return planUnitHeads(units, read.units!.rows, people, snapshot);
    }

    it('chooses one of its heads: one leading it already, one its row or their own row makes its head', () => {
      const [tonghop, vp, kstthc] = planWorkHeads(
        [
          ['vp-tonghop', '', '', '', '', 'Hung@x.vn'],
          ['vp', '', '', '', 'nam@x.vn', 'nam@x.vn'],
          ['vp-ksthc', 'Phòng Kiểm soát TTHC', '', 'vp', '', 'mai@x.vn'],
        ],
        [['Võ Thị Mai', 'mai@x.vn', 'vp-ksthc', 'Trưởng đơn vị']],
      );
      expect(tonghop).toMatchObject({
        action: 'update',
        changed: [],
        headsAdded: [],
        workHead: { email: 'hung@x.vn', fullName: 'Lê Văn Hùng', userId: 'Lê Văn Hùng' },
      });
      expect(vp).toMatchObject({
        action: 'update',
        headsAdded: [{ email: 'nam@x.vn' }],
        workHead: { email: 'nam@x.vn', userId: 'Võ Đình Nam' },
      });
      expect(kstthc).toMatchObject({
        action: 'create',
        workHead: { email: 'mai@x.vn', fullName: 'Võ Thị Mai', userId: null },
      });
    });

    it('reads the column under its English heading too, its apostrophe typed either way', () => {
      for (const heading of ["Head taking the unit's work", 'Head taking the unit’s work']) {
        const read = readDirectoryFile([
          {
            sheet: 'Units',
            rows: [
              ['Unit code', 'Vietnamese name', heading],
              ['vp-tonghop', '', 'hung@x.vn'],
            ],
          },
        ]);
        expect({
          heading,
          cells: read.units!.rows[0].cells.workHead,
          ignored: read.units!.ignoredColumns,
        }).toEqual({ heading, cells: 'hung@x.vn', ignored: [] });
      }
    });

    it('leaves the unit unchanged when the cell names the head already chosen, or is empty', () => {
      const rows = planWorkHeads([
        ['vp-tonghop', '', '', '', 'nam@x.vn', 'nam@x.vn'],
        ['vp', '', '', '', '', ''],
      ]);
      expect(rows.map((r) => [r.action, r.workHead])).toEqual([
        ['unchanged', null],
        ['unchanged', null],
      ]);
    });

    it('refuses, naming the cell: two people, no e-mail, someone who does not lead the unit, someone deactivated', () => {
      const rows = planWorkHeads([
        ['vp-tonghop', '', '', '', '', 'nam@x.vn, hung@x.vn'],
        ['vp-tonghop-2', 'Tổ Thư ký', '', 'vp-tonghop', '', 'Võ Đình Nam'],
        ['vp', '', '', '', '', 'lan@x.vn'],
        ['vp-ksthc', 'Phòng Kiểm soát TTHC', '', 'vp', '', 'cu@x.vn'],
      ]);
      expect(rows.map((r) => [r.action, r.workHead, r.problems.map((p) => [p.path, p.code])])).toEqual([
        ['refused', null, [['unitRows[2].workHead', 'invalid-format']]],
        ['refused', null, [['unitRows[3].workHead', 'invalid-format']]],
        ['refused', null, [['unitRows[4].workHead', 'inconsistent']]],
        ['refused', null, [['unitRows[5].workHead', 'inconsistent']]],
      ]);
      expect(rows[2].problems[0].reason).toBe(
        'Nguyễn Thị Lan không phải trưởng đơn vị vp: ghi email của người này ở cột Trưởng đơn vị của dòng này, hoặc chọn một trưởng đơn vị.',
      );
    });
  });

  it("still finds a renamed unit by its former name on a person's row, as an exported file names it", () => {
    const read = readDirectoryFile([
      { sheet: 'Danh bạ', rows: [PEOPLE_HEADING, ['Lê Văn Hùng', 'hung@x.vn', 'Phòng Tổng hợp']] },
      { sheet: 'Đơn vị', rows: [UNIT_HEADING, ['vp-tonghop', 'Phòng Tổng hợp - Thư ký', '', '']] },
    ]);
    const units = planUnitImport(read.units!.rows, directory);
    expect(units.map((u) => [u.code, u.action])).toEqual([['vp-tonghop', 'update']]);
    const [person] = planUserImport(read.people.rows, {
      organisationCode: 'kontum',
      units: unitsAfterImport(units, directory),
      usersByEmail: new Map(),
    });
    expect([person.action, person.fields.unitCode]).toEqual(['create', 'vp-tonghop']);
  });
});

describe('which sheet holds what', () => {
  it('finds the units by their headings on any sheet, and the people on the first sheet with theirs', () => {
    const read = readDirectoryFile([
      { sheet: 'Đơn vị', rows: [UNIT_HEADING, ['p-a', 'Phòng A']] },
      { sheet: 'Danh bạ', rows: [['DANH SÁCH'], PEOPLE_HEADING, ['A', 'a@x.vn', 'p-a']] },
      { sheet: 'Ghi chú', rows: [['không đọc']] },
    ]);
    expect(read.units?.sheet).toBe('Đơn vị');
    expect(read.units?.rows.map((r) => r.cells.code)).toEqual(['p-a']);
    expect(read.people.sheet).toBe('Danh bạ');
    expect(read.people.rows.map((r) => [r.row, r.cells.unit])).toEqual([[3, 'p-a']]);
  });

  it('takes a file of units alone, or with nobody under the people heading; refuses a file listing neither', () => {
    expect(
      readDirectoryFile([
        {
          sheet: 'Units',
          rows: [
            ['Unit code', 'Vietnamese name'],
            ['p-a', 'Phòng A'],
          ],
        },
      ]),
    ).toMatchObject({
      people: { rows: [] },
      units: { sheet: 'Units' },
    });
    expect(
      readDirectoryFile([
        { sheet: 'Danh bạ', rows: [PEOPLE_HEADING] },
        { sheet: 'Đơn vị', rows: [UNIT_HEADING, ['p-a', 'Phòng A']] },
      ]).people.rows,
    ).toEqual([]);
    expect(() =>
      readDirectoryFile([
        { sheet: 'Danh bạ', rows: [PEOPLE_HEADING] },
        { sheet: 'Đơn vị', rows: [UNIT_HEADING] },
      ]),
    ).toThrow(ImportFileUnreadable);
  });

  it('reads a CSV of units as units', () => {
    const read = readDirectoryFile([
      {
        sheet: null,
        rows: [
          ['Mã đơn vị', 'Tên đơn vị', 'Trực thuộc'],
          ['p-a', 'Phòng A', 'vp'],
        ],
      },
    ]);
    expect(read.people.rows).toEqual([]);
    expect(read.units?.rows.map((r) => [r.cells.code, r.cells.parent])).toEqual([['p-a', 'vp']]);
  });

  it('names the sheet whose heading row lacks a column', () => {
    expect(() =>
      readDirectoryFile([
        {
          sheet: 'Trang 1',
          rows: [
            ['Họ và tên', 'Đơn vị'],
            ['A', 'p-a'],
          ],
        },
      ]),
    ).toThrow('The heading row (row 1 of the sheet "Trang 1") has no "E-mail" column: use the template.');
  });
});
