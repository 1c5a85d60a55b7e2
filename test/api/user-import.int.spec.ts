import { Workbook } from 'exceljs';
import { uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ImportAnswer {
  dryRun: boolean;
  sheet: string | null;
  ignoredColumns: string[];
  counts: { create: number; update: number; unchanged: number; refused: number };
  rows: {
    row: number;
    email: string;
    action: string;
    fullName: string;
    title: string | null;
    unitCode: string | null;
    changed: string[];
    rolesAdded: { role: string; unitCode: string | null }[];
    userId: string | null;
    problems: { path: string; code: string; reason: string }[];
  }[];
  units: {
    sheet: string;
    counts: { create: number; update: number; unchanged: number; refused: number };
    rows: {
      row: number;
      code: string;
      action: string;
      name: { vi: string; en: string };
      parentCode: string | null;
      changed: string[];
      headsAdded: { email: string; fullName: string }[];
      workHead: { email: string; fullName: string } | null;
      problems: { path: string; code: string; reason: string }[];
    }[];
  } | null;
  code?: string;
  message?: string;
  details?: { problems?: { path: string; code: string; reason: string }[] };
}

interface UserAnswer {
  id: string;
  fullName: string;
  title: string | null;
  unitCode: string | null;
  hasPassword: boolean;
  roles: { role: string; unitCode: string | null }[];
}

/**
 * An administrator setting qcycle up for their office fills in the template with the office's
 * people and imports it (docs/api.md "Importing people from a spreadsheet"): a check first, row by
 * row, writing nothing; then the import, all rows or none, each change in the directory's log; the
 * same file again changes nothing. A wrong row is named by its row and column and nothing is
 * imported; only the administrator may.
 */
describe.each<TestDatabaseKind>(['postgres', 'sqlite'])(
  'importing people from a spreadsheet (real API, %s)',
  (kind) => {
    let suite: ApiSuite;
    let org: DemoOrganisation;
    const organisationCode = `ui-${uniqueSuffix()}`;
    const domain = `${organisationCode}.gov.vn`;

    beforeAll(async () => {
      suite = await startApiSuite({ database: kind });
      org = await suite.seedDemoOrganisation(organisationCode);
      await Promise.all(
        ['admin', 'qmr', 'staff.tonghop', 'head.tonghop', 'head.tthc'].map((local) => org.tokenOf(local)),
      );
    });

    afterAll(async () => {
      await suite?.close();
    });

    /** The file posted as `local`, as the directory page sends it. */
    async function importFile(
      local: string | null,
      bytes: Buffer,
      options: { dryRun?: boolean; type?: string; language?: string } = {},
    ): Promise<{ status: number; body: ImportAnswer }> {
      const path = `/api/v1/users/import${options.dryRun ? '?dryRun=true' : ''}`;
      const headers: Record<string, string> = { 'content-type': options.type ?? XLSX };
      if (local) headers.authorization = `Bearer ${await org.tokenOf(local)}`;
      if (options.language) headers['accept-language'] = options.language;
      const response = await fetch(`${suite.http.baseUrl}${path}`, { method: 'POST', headers, body: bytes });
      return { status: response.status, body: (await response.json()) as ImportAnswer };
    }

    async function template(): Promise<Workbook> {
      const response = await fetch(`${suite.http.baseUrl}/api/v1/users/import/template`, {
        headers: { authorization: `Bearer ${await org.tokenOf('admin')}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(XLSX);
      expect(response.headers.get('content-disposition')).toContain('DANH-BA-MAU.xlsx');
      const workbook = new Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      return workbook;
    }

    /** The template filled in with `rows` under its heading row. */
    async function filled(rows: string[][]): Promise<Buffer> {
      const workbook = await template();
      const sheet = workbook.worksheets[0];
      for (const row of rows) sheet.addRow(row);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    }

    const directoryEvents = async () =>
      (await org.as<{ total: number }>('admin', 'GET', '/api/v1/directory/events?limit=1')).body.total;
    const userByEmail = async (email: string) => {
      const found = await org.as<{ items: UserAnswer[] }>(
        'admin',
        'GET',
        `/api/v1/users?q=${encodeURIComponent(email)}`,
      );
      return found.body.items[0] as UserAnswer | undefined;
    };

    it('gives a template listing the units on a sheet of their own, and a guide naming the roles by the words the import reads', async () => {
      const workbook = await template();
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Danh bạ', 'Đơn vị', 'Hướng dẫn']);
      expect(workbook.worksheets[0].getRow(1).values).toEqual([
        undefined,
        'Họ và tên (bắt buộc)',
        'Email (bắt buộc)',
        'Đơn vị (mã hoặc tên)',
        'Chức danh',
        'Vai trò (cách nhau bởi dấu phẩy)',
        'Ngôn ngữ (vi hoặc en)',
      ]);
      const units: string[][] = [];
      workbook.worksheets[1].eachRow((row) =>
        units.push((row.values as string[]).slice(1).map((v) => v ?? '')),
      );
      expect(units[0]).toEqual([
        'Mã đơn vị (bắt buộc)',
        'Tên đơn vị (bắt buộc với đơn vị mới)',
        'Tên tiếng Anh (để trống: như tên tiếng Việt)',
        'Trực thuộc (mã hoặc tên của đơn vị cấp trên)',
        'Trưởng đơn vị (email, cách nhau bởi dấu phẩy)',
        'Người nhận việc của đơn vị (email của một trưởng đơn vị; để trống: người đầu tiên theo tên)',
      ]);
      expect(units.find((row) => row[0] === 'vp-tonghop')?.slice(0, 2)).toEqual([
        'vp-tonghop',
        'Phòng Tổng hợp',
      ]);
      const guide: string[] = [];
      workbook.worksheets[2].eachRow((row) => guide.push(row.getCell(1).text + ' ' + row.getCell(2).text));
      expect(guide).toContain('Trưởng đơn vị ');
      expect(guide).toContain('Chuyên gia đánh giá nội bộ ');
    });

    it('checks the office’s list without writing, imports it all, and finds nothing to do the second time', async () => {
      const file = await filled([
        [
          `Lê Văn Hùng`,
          `hung.lv@${domain}`,
          'Phòng Tổng hợp',
          'Phó Trưởng phòng',
          'Trưởng đơn vị, Chuyên gia đánh giá nội bộ',
          '',
        ],
        [`Trần Thị Mai`, `Mai.TT@${domain}`, 'vp-kinhte', 'Chuyên viên', 'Chuyên viên', 'en'],
        // Already in the directory: a new title, a role added; her unit and other roles stay.
        ['', org.email('staff.tonghop'), '', 'Chuyên viên chính', 'Văn thư', ''],
        // Already in the directory, as the directory has him.
        ['', org.email('head.tonghop'), 'vp-tonghop', '', 'Trưởng đơn vị', ''],
      ]);
      const eventsBefore = await directoryEvents();

      const check = await importFile('admin', file, { dryRun: true });
      expect(check.status).toBe(200);
      expect(check.body).toMatchObject({
        dryRun: true,
        sheet: 'Danh bạ',
        ignoredColumns: [],
        counts: { create: 2, update: 1, unchanged: 1, refused: 0 },
      });
      expect(check.body.rows.map((r) => [r.row, r.action, r.email])).toEqual([
        [2, 'create', `hung.lv@${domain}`],
        [3, 'create', `mai.tt@${domain}`],
        [4, 'update', org.email('staff.tonghop')],
        [5, 'unchanged', org.email('head.tonghop')],
      ]);
      expect(check.body.rows[0]).toMatchObject({
        unitCode: 'vp-tonghop',
        rolesAdded: [
          { role: 'unit-head', unitCode: 'vp-tonghop' },
          { role: 'auditor', unitCode: null },
        ],
        userId: null,
      });
      expect(check.body.rows[2]).toMatchObject({
        changed: ['title'],
        rolesAdded: [{ role: 'clerk', unitCode: null }],
      });
      // A check writes nothing.
      expect(await userByEmail(`hung.lv@${domain}`)).toBeUndefined();
      expect(await directoryEvents()).toBe(eventsBefore);

      const done = await importFile('admin', file);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        dryRun: false,
        counts: { create: 2, update: 1, unchanged: 1, refused: 0 },
      });
      const hung = (await userByEmail(`hung.lv@${domain}`))!;
      expect(hung).toMatchObject({
        fullName: 'Lê Văn Hùng',
        title: 'Phó Trưởng phòng',
        unitCode: 'vp-tonghop',
        hasPassword: false,
      });
      expect(hung.roles.map((r) => [r.role, r.unitCode])).toEqual([
        ['auditor', null],
        ['unit-head', 'vp-tonghop'],
      ]);
      expect(done.body.rows[0].userId).toBe(hung.id);
      const lan = (await userByEmail(org.email('staff.tonghop')))!;
      expect(lan.title).toBe('Chuyên viên chính');
      expect(lan.unitCode).toBe('vp-tonghop');
      expect(lan.roles.map((r) => r.role).sort()).toEqual(['clerk', 'staff']);

      // In the directory's log as if made one by one: two added, one changed, one role given.
      const log = await org.as<{ items: { type: string; payload: Record<string, unknown> }[] }>(
        'admin',
        'GET',
        '/api/v1/directory/events?limit=10',
      );
      const imported = log.body.items.filter((e) => e.payload.importedFromRow !== undefined);
      expect(imported.map((e) => [e.type, e.payload.importedFromRow]).sort()).toEqual([
        ['role.granted', 4],
        ['user.changed', 4],
        ['user.created', 2],
        ['user.created', 3],
      ]);
      expect(await directoryEvents()).toBe(eventsBefore + 4);

      const again = await importFile('admin', file);
      expect(again.body.counts).toEqual({ create: 0, update: 0, unchanged: 4, refused: 0 });
      expect(await directoryEvents()).toBe(eventsBefore + 4);
    });

    it('imports nothing while a row is wrong, naming each by its row and column, in the reader’s language', async () => {
      const file = await filled([
        [`Nguyễn Văn Tốt`, `tot@${domain}`, 'vp-tonghop', '', 'Chuyên viên', ''],
        [`Đỗ Văn Sai`, `sai@${domain}`, 'Phòng Không Có', '', 'Giám đốc', ''],
      ]);
      const check = await importFile('admin', file, { dryRun: true });
      expect(check.status).toBe(200);
      expect(check.body.counts).toMatchObject({ create: 1, refused: 1 });
      expect(check.body.rows[1].problems.map((p) => p.path)).toEqual(['rows[3].unit', 'rows[3].roles']);
      expect(check.body.rows[1].problems[0].reason).toContain('Không có đơn vị "Phòng Không Có"');

      const refused = await importFile('admin', file, { language: 'en' });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('RULE_VIOLATED');
      expect(refused.body.message).toBe('Rows of the file to correct: 1; nothing was imported');
      expect(refused.body.details!.problems!.map((p) => [p.path, p.code])).toEqual([
        ['rows[3].unit', 'unknown-reference'],
        ['rows[3].roles', 'invalid-value'],
      ]);
      expect(refused.body.details!.problems![0].reason).toContain('No unit "Phòng Không Có"');
      // The good row was not imported either.
      expect(await userByEmail(`tot@${domain}`)).toBeUndefined();
    });

    it('takes a CSV saved by Excel with semicolons, and refuses what is no list of people, saying what to do', async () => {
      const csv = Buffer.from(`\ufeffHọ và tên;Email;Đơn vị\r\nVõ Thị Csv;csv@${domain};Phòng Kinh tế\r\n`);
      const check = await importFile('admin', csv, { dryRun: true, type: 'application/vnd.ms-excel' });
      expect(check.status).toBe(200);
      expect(check.body).toMatchObject({ sheet: null, counts: { create: 1 } });
      expect(check.body.rows[0]).toMatchObject({ fullName: 'Võ Thị Csv', unitCode: 'vp-kinhte' });

      const xls = await importFile(
        'admin',
        Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]),
      );
      expect(xls.status).toBe(422);
      expect(xls.body.details!.problems![0]).toMatchObject({ path: 'file', code: 'invalid-format' });
      expect(xls.body.details!.problems![0].reason).toContain('.xlsx');

      const noEmail = await importFile('admin', Buffer.from('Họ và tên,Đơn vị\nA,vp-tonghop\n'), {
        type: 'text/csv',
      });
      expect(noEmail.status).toBe(422);
      expect(noEmail.body.details!.problems![0].reason).toContain('thiếu cột "Email"');

      const json = await importFile('admin', Buffer.from('{"rows":[]}'), { type: 'application/json' });
      expect(json.status).toBe(415);
      const large = await importFile('admin', Buffer.alloc(2 * 1024 * 1024 + 1, 0x61), { type: 'text/csv' });
      expect(large.status).toBe(413);
    });

    it('exports the directory in the import’s form, which imported again changes nothing', async () => {
      const lan = (await userByEmail(org.email('staff.tonghop')))!;
      expect(
        (
          await org.as('admin', 'PATCH', `/api/v1/users/${lan.id}`, {
            auditorCertificate: { certificate: 'Chứng chỉ số 0533/2024', issuedOn: '2024-05-10' },
          })
        ).status,
      ).toBe(200);
      expect(
        (await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('head.tthc')}`, { active: false })).status,
      ).toBe(200);
      const response = await fetch(`${suite.http.baseUrl}/api/v1/users/export`, {
        headers: { authorization: `Bearer ${await org.tokenOf('admin')}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toMatch(
        new RegExp(`filename="DANH-BA-${organisationCode.toUpperCase()}-\\d{8}\\.xlsx"`),
      );
      const bytes = Buffer.from(await response.arrayBuffer());
      const workbook = new Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([
        'Danh bạ',
        'Đơn vị',
        'Đã ngừng hoạt động',
        'Hướng dẫn',
      ]);
      const rows = (sheet: number) => {
        const found: string[][] = [];
        workbook.worksheets[sheet].eachRow((row) =>
          found.push((row.values as string[]).slice(1).map((v) => v ?? '')),
        );
        return found;
      };
      const active = rows(0);
      expect(active[0].slice(6)).toEqual([
        'Chứng chỉ chuyên gia đánh giá nội bộ (không nhập)',
        'Ghi chú (không nhập)',
      ]);
      const lanRow = active.find((row) => row[1] === org.email('staff.tonghop'))!;
      expect(lanRow.slice(0, 7)).toEqual([
        lan.fullName,
        org.email('staff.tonghop'),
        'Phòng Tổng hợp',
        'Chuyên viên chính',
        'Chuyên viên, Văn thư',
        'vi',
        'Chứng chỉ số 0533/2024, 10/05/2024',
      ]);
      expect(active.find((row) => row[1] === org.email('head.tonghop'))![4]).toBe('Trưởng đơn vị');
      expect(active.some((row) => row[1] === org.email('head.tthc'))).toBe(false);
      expect(rows(2).map((row) => row[1])).toEqual(['Email (bắt buộc)', org.email('head.tthc')]);
      const unitCount = (await org.as<{ total: number }>('admin', 'GET', '/api/v1/units?limit=1')).body.total;
      expect(rows(1)).toHaveLength(unitCount + 1);

      // The file as exported, imported again: every active person unchanged, nothing written.
      const eventsBefore = await directoryEvents();
      const again = await importFile('admin', bytes);
      expect(again.status).toBe(200);
      expect(again.body.counts).toEqual({ create: 0, update: 0, unchanged: active.length - 1, refused: 0 });
      expect(again.body.units?.counts).toEqual({ create: 0, update: 0, unchanged: unitCount, refused: 0 });
      expect(again.body.ignoredColumns).toEqual([
        'Chứng chỉ chuyên gia đánh giá nội bộ (không nhập)',
        'Ghi chú (không nhập)',
      ]);
      expect(await directoryEvents()).toBe(eventsBefore);

      // The Quality Representative reads it too; a unit head or staff member does not.
      for (const [local, status] of [
        ['qmr', 200],
        ['head.tonghop', 403],
        ['staff.tonghop', 403],
      ] as const) {
        const answer = await fetch(`${suite.http.baseUrl}/api/v1/users/export`, {
          headers: { authorization: `Bearer ${await org.tokenOf(local)}` },
        });
        expect(answer.status).toBe(status);
      }
    });

    it('sets up new units and their people from one file: units first, under units the same file adds, each in the log', async () => {
      const workbook = await template();
      const [people, units] = workbook.worksheets;
      // The Economic Affairs Division renamed on its own row; below the list, a new unit's office
      // before the unit itself.
      let kinhte = 0;
      units.eachRow((row, number) => {
        if (row.getCell(1).text === 'vp-kinhte') kinhte = number;
      });
      units.getRow(kinhte).getCell(2).value = 'Phòng Kinh tế - Ngành';
      const base = units.rowCount;
      units.addRow(['bqlkkt-vp', 'Văn phòng Ban', '', 'Ban Quản lý Khu kinh tế']);
      units.addRow(['BQLKKT', 'Ban Quản lý Khu kinh tế', 'Economic Zone Authority', '']);
      people.addRow(['Trần Thị Tâm', `tam@${domain}`, 'Văn phòng Ban', 'Tổ trưởng', 'Trưởng đơn vị', '']);
      people.addRow(['Hồ Văn Mới', `moi@${domain}`, 'bqlkkt', 'Giám đốc', 'Trưởng đơn vị', '']);
      const file = Buffer.from(await workbook.xlsx.writeBuffer());
      const eventsBefore = await directoryEvents();

      const check = await importFile('admin', file, { dryRun: true });
      expect(check.status).toBe(200);
      expect(check.body.units).toMatchObject({
        sheet: 'Đơn vị',
        counts: { create: 2, update: 1, refused: 0 },
      });
      const planned = check.body.units!.rows.filter((row) => row.action !== 'unchanged');
      expect(planned.map((row) => [row.code, row.action, row.name, row.parentCode, row.changed])).toEqual([
        ['vp-kinhte', 'update', { vi: 'Phòng Kinh tế - Ngành', en: expect.any(String) }, null, ['name']],
        ['bqlkkt-vp', 'create', { vi: 'Văn phòng Ban', en: 'Văn phòng Ban' }, 'bqlkkt', []],
        ['bqlkkt', 'create', { vi: 'Ban Quản lý Khu kinh tế', en: 'Economic Zone Authority' }, null, []],
      ]);
      expect(check.body.rows.map((row) => [row.email, row.action, row.unitCode, row.rolesAdded])).toEqual([
        [`tam@${domain}`, 'create', 'bqlkkt-vp', [{ role: 'unit-head', unitCode: 'bqlkkt-vp' }]],
        [`moi@${domain}`, 'create', 'bqlkkt', [{ role: 'unit-head', unitCode: 'bqlkkt' }]],
      ]);
      expect((await org.as('admin', 'GET', '/api/v1/units/bqlkkt')).status).toBe(404);
      expect(await directoryEvents()).toBe(eventsBefore);

      const done = await importFile('admin', file);
      expect(done.status).toBe(200);
      const centre = await org.as<{ parentCode: string | null; name: { en: string } }>(
        'admin',
        'GET',
        '/api/v1/units/bqlkkt-vp',
      );
      expect(centre.body).toMatchObject({ parentCode: 'bqlkkt', name: { en: 'Văn phòng Ban' } });
      expect((await userByEmail(`tam@${domain}`))!.roles.map((r) => [r.role, r.unitCode])).toEqual([
        ['unit-head', 'bqlkkt-vp'],
      ]);
      const log = await org.as<{ items: { type: string; payload: Record<string, unknown> }[] }>(
        'admin',
        'GET',
        `/api/v1/directory/events?limit=${(await directoryEvents()) - eventsBefore}`,
      );
      const unitEvents = log.body.items.filter((e) => e.type.startsWith('unit.'));
      expect(unitEvents.map((e) => [e.type, e.payload.code, e.payload.importedFromRow]).sort()).toEqual([
        ['unit.changed', 'vp-kinhte', kinhte],
        ['unit.created', 'bqlkkt', base + 2],
        ['unit.created', 'bqlkkt-vp', base + 1],
      ]);
      expect(unitEvents.find((e) => e.type === 'unit.changed')!.payload).not.toHaveProperty('parentCode');

      const again = await importFile('admin', file);
      expect(again.body.units!.counts).toMatchObject({ create: 0, update: 0, refused: 0 });
      expect(again.body.counts).toMatchObject({ create: 0, update: 0, refused: 0 });
    });

    it("names a unit's heads on its row, someone of another unit or whom the file adds; the export lists them there", async () => {
      const workbook = await template();
      const [people, units] = workbook.worksheets;
      expect(units.getRow(1).getCell(5).text).toBe('Trưởng đơn vị (email, cách nhau bởi dấu phẩy)');
      let kinhte = 0;
      units.eachRow((row, number) => {
        if (row.getCell(1).text === 'vp-kinhte') kinhte = number;
      });
      // The Chief of Office takes charge of the economic division, with a deputy the file adds.
      units.getRow(kinhte).getCell(5).value = `${org.email('qmr')}, pho@${domain}`;
      people.addRow(['Lê Văn Phó', `pho@${domain}`, 'vp-tonghop', 'Phó Chánh Văn phòng', 'Chuyên viên', '']);
      const file = Buffer.from(await workbook.xlsx.writeBuffer());

      const check = await importFile('admin', file, { dryRun: true });
      expect(check.status).toBe(200);
      const row = check.body.units!.rows.find((r) => r.code === 'vp-kinhte')!;
      expect(row).toMatchObject({ action: 'update', changed: ['heads'] });
      expect(row.headsAdded).toEqual([
        { email: org.email('qmr'), fullName: 'Trần Quốc Việt' },
        { email: `pho@${domain}`, fullName: 'Lê Văn Phó' },
      ]);
      expect(check.body.units!.counts).toMatchObject({ update: 1, refused: 0 });

      const eventsBefore = await directoryEvents();
      expect((await importFile('admin', file)).status).toBe(200);
      const headsOf = async (email: string) =>
        (await userByEmail(email))!.roles.filter((r) => r.role === 'unit-head').map((r) => r.unitCode);
      expect(await headsOf(org.email('qmr'))).toEqual(['vp-kinhte']);
      expect(await headsOf(`pho@${domain}`)).toEqual(['vp-kinhte']);
      // The unit names its heads by name, as a year's roster takes them; the deactivated head of the
      // procedures division leads nothing, and a unit without a head has none.
      const headsNamed = async (code: string) =>
        (
          await org.as<{ heads: { fullName: string }[] }>('admin', 'GET', `/api/v1/units/${code}`)
        ).body.heads.map((head) => head.fullName);
      expect(await headsNamed('vp-kinhte')).toEqual(['Lê Văn Phó', 'Trần Quốc Việt']);
      expect(await headsNamed('vp-kiemsoat-tthc')).toEqual([]);
      const listed = await org.as<{ items: { code: string; heads: { fullName: string }[] }[] }>(
        'staff.tonghop',
        'GET',
        '/api/v1/units?limit=100',
      );
      expect(
        listed.body.items.find((unit) => unit.code === 'vp-tonghop')?.heads.map((h) => h.fullName),
      ).toContain('Võ Đình Nam');
      expect(listed.body.items.find((unit) => unit.code === 'vp-hanhchinh-tochuc')?.heads).toEqual([]);
      const log = await org.as<{ items: { type: string; payload: Record<string, unknown> }[] }>(
        'admin',
        'GET',
        `/api/v1/directory/events?limit=${(await directoryEvents()) - eventsBefore}`,
      );
      expect(
        log.body.items
          .filter((e) => e.type === 'role.granted' && e.payload.role === 'unit-head')
          .map((e) => [e.payload.unitCode, e.payload.importedFromRow, e.payload.importedFromSheet]),
      ).toEqual([
        ['vp-kinhte', kinhte, 'units'],
        ['vp-kinhte', kinhte, 'units'],
      ]);

      // Exported, the units' sheet lists who leads each unit, and the file imported again changes nothing.
      const response = await fetch(`${suite.http.baseUrl}/api/v1/users/export`, {
        headers: { authorization: `Bearer ${await org.tokenOf('admin')}` },
      });
      const exported = Buffer.from(await response.arrayBuffer());
      const book = new Workbook();
      await book.xlsx.load(exported as unknown as ArrayBuffer);
      const headsCell = (code: string) => {
        let text = '';
        book.worksheets[1].eachRow((r) => {
          if (r.getCell(1).text === code) text = r.getCell(5).text;
        });
        return text;
      };
      expect(headsCell('vp-kinhte').split(', ').sort()).toEqual([org.email('qmr'), `pho@${domain}`].sort());
      expect(headsCell('vp-tonghop').split(', ')).toContain(org.email('head.tonghop'));
      const again = await importFile('admin', exported);
      expect(again.body.units!.counts).toMatchObject({ create: 0, update: 0, refused: 0 });
      expect(again.body.counts).toMatchObject({ create: 0, update: 0, refused: 0 });

      // Someone nobody knows: refused by the cell, nothing written.
      units.getRow(kinhte).getCell(5).value = `ai.do@${domain}`;
      const refused = await importFile('admin', Buffer.from(await workbook.xlsx.writeBuffer()));
      expect(refused.status).toBe(422);
      expect(refused.body.details!.problems!.map((p) => [p.path, p.code])).toEqual([
        [`unitRows[${kinhte}].heads`, 'unknown-reference'],
      ]);
    });

    it("chooses on a unit's row which of its heads takes its work; the export says whom, and imported again changes nothing", async () => {
      const workbook = await template();
      const [people, units] = workbook.worksheets;
      expect(units.getRow(1).getCell(6).text).toBe(
        'Người nhận việc của đơn vị (email của một trưởng đơn vị; để trống: người đầu tiên theo tên)',
      );
      const rowOf = (code: string) => {
        let found = 0;
        units.eachRow((row, number) => {
          if (row.getCell(1).text === code) found = number;
        });
        return found;
      };
      const [kinhte, tonghop] = [rowOf('vp-kinhte'), rowOf('vp-tonghop')];
      // The economic division (led by Lê Văn Phó and the Chief of Office, above) gives its work to the
      // Chief of Office, not to the first by name; the general division to a deputy the file adds.
      units.getRow(kinhte).getCell(6).value = org.email('qmr');
      units.getRow(tonghop).getCell(5).value = `pho2@${domain}`;
      units.getRow(tonghop).getCell(6).value = `pho2@${domain}`;
      people.addRow([
        'Đinh Văn Phó',
        `pho2@${domain}`,
        'vp-tonghop',
        'Phó Chánh Văn phòng',
        'Chuyên viên',
        '',
      ]);
      const file = Buffer.from(await workbook.xlsx.writeBuffer());

      const check = await importFile('admin', file, { dryRun: true });
      expect(check.status).toBe(200);
      const planned = check.body.units!.rows.filter((row) => row.action !== 'unchanged');
      expect(planned.map((row) => [row.code, row.action, row.changed, row.workHead])).toEqual([
        ['vp-kinhte', 'update', ['workHead'], { email: org.email('qmr'), fullName: 'Trần Quốc Việt' }],
        [
          'vp-tonghop',
          'update',
          ['heads', 'workHead'],
          { email: `pho2@${domain}`, fullName: 'Đinh Văn Phó' },
        ],
      ]);

      const eventsBefore = await directoryEvents();
      expect((await importFile('admin', file)).status).toBe(200);
      const takingWork = async (code: string) => {
        const unit = await org.as<{
          workHeadUserId: string | null;
          heads: { fullName: string; takesWork: boolean }[];
        }>('admin', 'GET', `/api/v1/units/${code}`);
        return [unit.body.workHeadUserId, unit.body.heads.filter((h) => h.takesWork).map((h) => h.fullName)];
      };
      const pho2 = (await userByEmail(`pho2@${domain}`))!.id;
      expect(await takingWork('vp-kinhte')).toEqual([await org.idOf('qmr'), ['Trần Quốc Việt']]);
      expect(await takingWork('vp-tonghop')).toEqual([pho2, ['Đinh Văn Phó']]);
      const log = await org.as<{ items: { type: string; payload: Record<string, unknown> }[] }>(
        'admin',
        'GET',
        `/api/v1/directory/events?limit=${(await directoryEvents()) - eventsBefore}`,
      );
      // One change of each unit, as the Units page records it: no empty "changed" for the heads' row.
      expect(log.body.items.filter((e) => e.type === 'unit.changed').map((e) => e.payload)).toEqual(
        expect.arrayContaining([
          { code: 'vp-kinhte', workHeadUserId: org.idOf('qmr'), importedFromRow: kinhte },
          { code: 'vp-tonghop', workHeadUserId: pho2, importedFromRow: tonghop },
        ]),
      );
      expect(log.body.items.filter((e) => e.type === 'unit.changed')).toHaveLength(2);

      // Exported, each unit's row says whom it chose (none for a unit left to the first by name).
      const response = await fetch(`${suite.http.baseUrl}/api/v1/users/export`, {
        headers: { authorization: `Bearer ${await org.tokenOf('admin')}` },
      });
      const exported = Buffer.from(await response.arrayBuffer());
      const book = new Workbook();
      await book.xlsx.load(exported as unknown as ArrayBuffer);
      const workHeadCell = (code: string) => {
        let text: string | undefined;
        book.worksheets[1].eachRow((r) => {
          if (r.getCell(1).text === code) text = r.getCell(6).text;
        });
        return text;
      };
      expect([
        workHeadCell('vp-kinhte'),
        workHeadCell('vp-tonghop'),
        workHeadCell('vp-kiemsoat-tthc'),
      ]).toEqual([org.email('qmr'), `pho2@${domain}`, '']);
      const again = await importFile('admin', exported);
      expect(again.body.units!.counts).toMatchObject({ create: 0, update: 0, refused: 0 });

      // A staff member is no head to take the work: refused by the cell, nothing written.
      units.getRow(kinhte).getCell(6).value = org.email('staff.tonghop');
      const refused = await importFile('admin', Buffer.from(await workbook.xlsx.writeBuffer()));
      expect(refused.status).toBe(422);
      expect(refused.body.details!.problems!.map((p) => [p.path, p.code])).toEqual([
        [`unitRows[${kinhte}].workHead`, 'inconsistent'],
      ]);
      expect(await takingWork('vp-kinhte')).toEqual([await org.idOf('qmr'), ['Trần Quốc Việt']]);
    });

    it('imports no unit and nobody while a unit row is wrong: a loop, an unknown parent, a code that cannot be one', async () => {
      const workbook = await template();
      const [people, units] = workbook.worksheets;
      units.addRow(['vong-a', 'Vòng A', '', 'vong-b']);
      units.addRow(['vong-b', 'Vòng B', '', 'vong-a']);
      units.addRow(['le', 'Phòng Lẻ', '', 'Sở Không Có']);
      units.addRow(['Phòng Mới', 'Phòng Mới', '', '']);
      people.addRow(['Người Vòng', `vong@${domain}`, 'vong-a', '', '', '']);
      const file = Buffer.from(await workbook.xlsx.writeBuffer());
      const refused = await importFile('admin', file, { language: 'en' });
      expect(refused.status).toBe(422);
      const firstUnitRow = refused.body.details!.problems![0].path.match(/unitRows\[(\d+)\]/)![1];
      const at = (offset: number) => `unitRows[${Number(firstUnitRow) + offset}]`;
      expect(refused.body.details!.problems!.map((p) => [p.path, p.code])).toEqual([
        [`${at(0)}.parent`, 'inconsistent'],
        [`${at(1)}.parent`, 'inconsistent'],
        [`${at(2)}.parent`, 'unknown-reference'],
        [`${at(3)}.code`, 'invalid-format'],
      ]);
      expect(refused.body.message).toBe('Rows of the file to correct: 4; nothing was imported');
      expect((await org.as('admin', 'GET', '/api/v1/units/vong-a')).status).toBe(404);
      expect(await userByEmail(`vong@${domain}`)).toBeUndefined();
    });

    it('adds a person once when the same file is imported twice at the same moment', async () => {
      const file = await filled([[`Đồng Thời`, `dongthoi@${domain}`, 'vp-tonghop', '', 'Chuyên viên', '']]);
      const [first, second] = await Promise.all([importFile('admin', file), importFile('admin', file)]);
      // One adds her. The other, if its transaction read before hers committed, waits on her new row
      // and is refused (PostgreSQL); if after (always on SQLite, one transaction at a time), finds her
      // there. Either way never a 500, never a second account.
      const outcomes = [first, second]
        .map((answer) =>
          answer.status === 200
            ? `200 ${answer.body.rows[0].action}`
            : `${answer.status} ${answer.body.code}`,
        )
        .sort();
      expect(outcomes[0]).toBe('200 create');
      expect(['200 unchanged', '409 CONFLICT']).toContain(outcomes[1]);
      const found = await org.as<{ total: number }>('admin', 'GET', `/api/v1/users?q=dongthoi`);
      expect(found.body.total).toBe(1);
    });

    it('lets only the administrator import or read the template', async () => {
      const file = await filled([[`Ai Đó`, `aido@${domain}`, '', '', '', '']]);
      for (const local of ['qmr', 'head.tonghop', 'staff.tonghop'])
        expect((await importFile(local, file, { dryRun: true })).status).toBe(403);
      expect((await importFile(null, file, { dryRun: true })).status).toBe(401);
      const template = await fetch(`${suite.http.baseUrl}/api/v1/users/import/template`, {
        headers: { authorization: `Bearer ${await org.tokenOf('qmr')}` },
      });
      expect(template.status).toBe(403);
      expect(await userByEmail(`aido@${domain}`)).toBeUndefined();
    });
  },
);
