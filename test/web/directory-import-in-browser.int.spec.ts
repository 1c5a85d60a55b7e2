import { readFile } from 'node:fs/promises';
import { Workbook } from 'exceljs';
import { uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import type { DemoOrganisation } from '../api/support/demo-organisation';
import { vi } from './support/catalogue';
import { browserSuiteConfig, BrowserSession, type Tab } from './support/web-suite';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The administrator setting qcycle up for the office imports its people from the template, in
 * chromium (Vietnamese): downloads the template, fills it in, has it checked — a unit written wrong
 * is named by its row and nothing is imported —, corrects it, checks again, imports, and finds the
 * people in the directory and each change in its log. The real API serving the built web app, on
 * PostgreSQL; each state checked with axe-core and photographed (test-results/screenshots/directory-import-*).
 */
describe('importing people from an Excel file on the directory page (chromium; API, PostgreSQL)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  let admin: Tab;
  const organisationCode = `di-${uniqueSuffix()}`;
  const domain = `${organisationCode}.gov.vn`;

  beforeAll(async () => {
    suite = await startApiSuite({ config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    await org.tokenOf('admin');
    browser = await BrowserSession.start(suite.http.baseUrl);
    admin = await browser.tabOf(org.email('admin'), DEMO_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  /** The template as the page downloads it, filled in with people's `rows` and units' `unitRows`. */
  async function filledTemplate(rows: string[][], unitRows: string[][] = []): Promise<Buffer> {
    const [download] = await Promise.all([
      admin.page.waitForEvent('download'),
      admin.page.getByRole('button', { name: vi('directory:import.template') }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('DANH-BA-MAU.xlsx');
    const workbook = new Workbook();
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    for (const row of rows) workbook.worksheets[0].addRow(row);
    for (const row of unitRows) workbook.worksheets[1].addRow(row);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  async function check(bytes: Buffer): Promise<void> {
    await admin.page
      .getByLabel(vi('directory:import.file'), { exact: true })
      .setInputFiles({ name: 'danh-ba-van-phong.xlsx', mimeType: XLSX, buffer: bytes });
    await admin.page.getByRole('button', { name: vi('directory:import.check') }).click();
  }

  it('names the wrong row and imports nothing, then imports the corrected file, each change in the log', async () => {
    await admin.open('/directory?view=import');
    await admin.page.getByRole('heading', { name: vi('directory:import.title') }).waitFor();
    const people = [
      [
        'Lê Văn Hùng',
        `hung.lv@${domain}`,
        'Phòng Tổng hợp',
        'Phó Trưởng phòng',
        'Trưởng đơn vị, Chuyên gia đánh giá nội bộ',
        '',
      ],
      ['Trần Thị Mai', `mai.tt@${domain}`, 'Phòng Kinh tê', 'Chuyên viên', 'Chuyên viên', ''],
    ];
    await check(await filledTemplate(people));
    const refused = admin.page.getByRole('alert').filter({
      hasText: vi('directory:import.peopleSummary', { create: 1, update: 0, unchanged: 0, refused: 1 }),
    });
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain(vi('directory:import.correctRows', { n: 1 }));
    const maiRow = admin.page.locator('tr', { hasText: `mai.tt@${domain}` });
    await expect(maiRow.textContent()).resolves.toContain('Không có đơn vị "Phòng Kinh tê" trong danh bạ');
    // Her unit is not taken for "no unit": the file named one, wrongly.
    await expect(maiRow.textContent()).resolves.not.toContain(vi('directory:users.noUnit'));
    await expect(admin.page.getByRole('button', { name: /^Nhập \d+ người$/ }).count()).resolves.toBe(0);
    await admin.check('an import file with a wrong unit', { screenshot: 'directory-import-refused' });
    const absent = await org.as<{ total: number }>(
      'admin',
      'GET',
      `/api/v1/users?q=${encodeURIComponent(domain)}`,
    );
    expect(absent.body.total).toBe(0);

    people[1][2] = 'Phòng Kinh tế';
    await check(await filledTemplate(people));
    await admin.page
      .getByRole('status')
      .filter({
        hasText: vi('directory:import.peopleSummary', { create: 2, update: 0, unchanged: 0, refused: 0 }),
      })
      .waitFor();
    await admin.check('an import file checked', { screenshot: 'directory-import-checked' });
    await admin.page.getByRole('button', { name: vi('directory:import.apply', { n: 2 }) }).click();
    await admin.page
      .getByRole('status')
      .filter({ hasText: vi('directory:import.peopleDone', { create: 2, update: 0, unchanged: 0 }) })
      .waitFor();
    await expect(admin.page.locator('tr', { hasText: `hung.lv@${domain}` }).textContent()).resolves.toContain(
      vi('directory:import.actions.createDone'),
    );
    await admin.check('an import done', { screenshot: 'directory-import-done' });

    const added = await org.as<{
      items: { fullName: string; unitCode: string; roles: { role: string }[] }[];
    }>('admin', 'GET', `/api/v1/users?q=${encodeURIComponent(domain)}`);
    expect(added.body.items.map((u) => [u.fullName, u.unitCode, u.roles.map((r) => r.role).sort()])).toEqual([
      ['Lê Văn Hùng', 'vp-tonghop', ['auditor', 'unit-head']],
      ['Trần Thị Mai', 'vp-kinhte', ['staff']],
    ]);

    // The directory as it is now, in the same form: the people just imported among its rows.
    const [exported] = await Promise.all([
      admin.page.waitForEvent('download'),
      admin.page.getByRole('button', { name: vi('directory:import.export') }).click(),
    ]);
    expect(exported.suggestedFilename()).toMatch(
      new RegExp(`^DANH-BA-${organisationCode.toUpperCase()}-\\d{8}\\.xlsx$`),
    );
    const directory = new Workbook();
    await directory.xlsx.load((await readFile((await exported.path())!)) as unknown as ArrayBuffer);
    const emails: string[] = [];
    directory.worksheets[0].eachRow((row) => emails.push(row.getCell(2).text));
    expect(emails).toEqual(
      expect.arrayContaining([`hung.lv@${domain}`, `mai.tt@${domain}`, org.email('admin')]),
    );

    // The change log says which row of the file each addition came from.
    await admin.open('/directory?view=events');
    await admin.page
      .locator('tr', { hasText: `Trần Thị Mai (mai.tt@${domain}).` })
      .filter({ hasText: vi('directory:events.fromImport', { row: 3 }) })
      .waitFor();
  });

  it('adds a new unit and its head from one file, with the head of another unit in charge of it too: the unit shown before it exists, then on the Units page and in the log', async () => {
    await org.tokenOf('head.tonghop');
    await admin.open('/directory?view=import');
    // Ban heads the new unit by his own row and takes its work; the general division's head leads
    // it too, by the unit's row.
    const file = await filledTemplate(
      [['Đinh Văn Ban', `ban.dv@${domain}`, 'Ban Quản lý dự án', 'Trưởng ban', 'Trưởng đơn vị', '']],
      [
        [
          'vp-bqlda',
          'Ban Quản lý dự án',
          '',
          'vp-hanhchinh-tochuc',
          `ban.dv@${domain}, ${org.email('head.tonghop')}`,
          `ban.dv@${domain}`,
        ],
      ],
    );
    await check(file);
    const checked = admin.page.getByRole('status').filter({
      hasText: vi('directory:import.unitsSummary', { create: 1, update: 0, unchanged: 6, refused: 0 }),
    });
    await checked.waitFor();
    const units = admin.page.getByRole('region', {
      name: vi('directory:import.unitsTable', { sheet: 'Đơn vị' }),
    });
    const newUnit = units.locator('tr', { hasText: 'vp-bqlda' });
    await expect(newUnit.textContent()).resolves.toContain('Phòng Hành chính - Tổ chức');
    await expect(newUnit.textContent()).resolves.toContain(vi('directory:import.actions.create'));
    await expect(
      newUnit.locator(`td[data-label="${vi('directory:import.headsAdded')}"]`).textContent(),
    ).resolves.toBe(`Võ Đình Nam (${org.email('head.tonghop')})`);
    await expect(
      newUnit.locator(`td[data-label="${vi('directory:import.workHeadChosen')}"]`).textContent(),
    ).resolves.toBe(`Đinh Văn Ban (ban.dv@${domain})`);
    // The person's unit, which the directory does not have yet, is named as the file names it.
    const person = admin.page
      .locator('tr', { hasText: `ban.dv@${domain}` })
      .filter({ hasNotText: 'vp-bqlda' });
    await expect(person.textContent()).resolves.toContain('Ban Quản lý dự án');
    await admin.check('an import file adding a unit, checked', { screenshot: 'directory-import-units' });
    await admin.page
      .getByRole('button', { name: vi('directory:import.applyBoth', { units: 1, n: 1 }) })
      .click();
    await admin.page
      .getByRole('status')
      .filter({ hasText: vi('directory:import.unitsDone', { create: 1, update: 0, unchanged: 6 }) })
      .waitFor();

    const unit = await org.as<{ parentCode: string | null }>('admin', 'GET', '/api/v1/units/vp-bqlda');
    expect(unit.body.parentCode).toBe('vp-hanhchinh-tochuc');
    const nam = await org.as<{ roles: { role: string; unitCode: string | null }[] }>(
      'admin',
      'GET',
      `/api/v1/users/${org.idOf('head.tonghop')}`,
    );
    expect(
      nam.body.roles
        .filter((r) => r.role === 'unit-head')
        .map((r) => r.unitCode)
        .sort(),
    ).toEqual(['vp-bqlda', 'vp-tonghop']);
    await admin.open('/directory?view=units');
    // The Units page says who leads each unit: both heads of the new one, one of them taking its
    // work; a unit without a head, that the Quality Representative stands in.
    const bqlda = admin.page.locator('tr', { hasText: 'vp-bqlda' });
    const headsOf = (row: typeof bqlda) => row.locator(`td[data-label="${vi('directory:units.heads')}"]`);
    // By name as Vietnamese sorts it (Đinh before Võ), whatever the database's collation.
    await headsOf(bqlda).getByText('Võ Đình Nam').waitFor();
    await expect(headsOf(bqlda).getByRole('listitem').allTextContents()).resolves.toEqual([
      `Đinh Văn Ban${vi('directory:units.leadsWork')}`,
      'Võ Đình Nam',
    ]);
    await expect(
      headsOf(admin.page.locator('tr', { hasText: 'vp-hanhchinh-tochuc' })).textContent(),
    ).resolves.toBe(`${vi('directory:units.noHead')} ${vi('directory:units.noHeadStandIn')}`);
    await admin.page.getByText(vi('directory:units.headsHint')).waitFor();
    await admin.check('the units with their heads', { screenshot: 'directory-units-heads' });

    // Ban is away on training next year: the administrator has the unit's work go to Nam instead.
    await admin.page
      .getByRole('button', { name: vi('directory:units.editNamed', { name: 'Ban Quản lý dự án' }) })
      .click();
    const form = admin.page.locator('form', { has: admin.page.locator('#unit-form-heading') });
    const workHead = form.getByLabel(vi('directory:units.workHead'));
    await workHead.waitFor();
    await expect(workHead.locator('option').allTextContents()).resolves.toEqual([
      vi('directory:units.workHeadByName', { name: 'Đinh Văn Ban' }),
      'Đinh Văn Ban',
      'Võ Đình Nam',
    ]);
    await expect(workHead.locator('option:checked').textContent()).resolves.toBe('Đinh Văn Ban');
    await workHead.selectOption({ label: 'Võ Đình Nam' });
    await admin.check("a unit's form choosing who takes its work", {
      screenshot: 'directory-unit-work-head',
    });
    await form.getByRole('button', { name: vi('directory:saveChanges') }).click();
    await admin.page
      .getByRole('status')
      .filter({ hasText: vi('directory:units.saved', { name: 'Ban Quản lý dự án' }) })
      .waitFor();
    await headsOf(bqlda).getByText(vi('directory:units.leadsWork')).waitFor();
    await expect(headsOf(bqlda).getByRole('listitem').allTextContents()).resolves.toEqual([
      'Đinh Văn Ban',
      `Võ Đình Nam${vi('directory:units.leadsWork')}`,
    ]);
    const chosen = await org.as<{ heads: { fullName: string; takesWork: boolean }[] }>(
      'admin',
      'GET',
      '/api/v1/units/vp-bqlda',
    );
    expect(chosen.body.heads.find((head) => head.takesWork)?.fullName).toBe('Võ Đình Nam');

    await admin.open('/directory?view=events');
    // The file's choice, from the unit's row, then the form's.
    await admin.page
      .locator('tr', {
        hasText: `Ban Quản lý dự án (vp-bqlda). ${vi('directory:events.workHead.chosen', { name: 'Đinh Văn Ban' })}`,
      })
      .filter({ hasText: vi('directory:events.fromImportUnit', { row: 8 }) })
      .waitFor();
    await admin.page
      .locator('tr', {
        hasText: `Ban Quản lý dự án (vp-bqlda). ${vi('directory:events.workHead.chosen', { name: 'Võ Đình Nam' })}`,
      })
      .waitFor();
    await admin.page
      .locator('tr', { hasText: 'Ban Quản lý dự án (vp-bqlda).' })
      .filter({ hasText: vi('directory:events.fromImportUnit', { row: 8 }) })
      .filter({ hasNotText: vi('directory:events.workHead.chosen', { name: 'Đinh Văn Ban' }) })
      .waitFor();
    // Nam made its head by the unit's row, which the log names as the units' sheet's.
    await admin.page
      .locator('tr', { hasText: 'Võ Đình Nam' })
      .filter({ hasText: 'Ban Quản lý dự án' })
      .filter({ hasText: vi('directory:events.fromImportUnit', { row: 8 }) })
      .waitFor();
  });
});
