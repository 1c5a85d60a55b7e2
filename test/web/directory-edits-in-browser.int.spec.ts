import { uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import type { DemoOrganisation } from '../api/support/demo-organisation';
import { vi } from './support/catalogue';
import { browserSuiteConfig, BrowserSession, type Tab } from './support/web-suite';

interface Person {
  id: string;
  fullName: string;
  title: string | null;
  unitCode: string | null;
}

/**
 * Two administrators have the same person, or the same unit, open in the directory (chromium,
 * Vietnamese). One saves a transfer; the other, on the form opened before it, corrects something
 * else and saves. The second save used to send the whole form and put the person back in their old
 * unit without a word. Now it is refused in words, nothing of it is written, and the form shows the
 * person as they are now, where the correction is made again and saved. The real API serving the
 * built web app, on PostgreSQL; each page state checked with axe-core and photographed
 * (test-results/screenshots/directory-edited-meanwhile-*).
 */
describe('a directory edit made on a form someone changed meanwhile (chromium; API, PostgreSQL)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  let admin: Tab;
  const organisationCode = `de-${uniqueSuffix()}`;

  beforeAll(async () => {
    suite = await startApiSuite({ config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    await Promise.all(['admin', 'staff.tthc'].map((local) => org.tokenOf(local)));
    browser = await BrowserSession.start(suite.http.baseUrl);
    admin = await browser.tabOf(org.email('admin'), DEMO_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  const person = async (local: string) =>
    (await org.as<Person>('admin', 'GET', `/api/v1/users/${org.idOf(local)}`)).body;

  it('refuses a title corrected on a form opened before a transfer, keeps the transfer, and saves the title made again', async () => {
    const lan = await person('staff.tthc');
    expect(lan.unitCode).toBe('vp-kiemsoat-tthc');
    await admin.open('/directory?view=users');
    await admin.page
      .getByRole('button', { name: vi('directory:users.editNamed', { name: lan.fullName }) })
      .click();
    const form = admin.page.getByRole('form', { name: vi('directory:users.details') });
    const unit = form.getByLabel(vi('directory:users.unit'), { exact: true });
    const title = form.getByLabel(vi('directory:users.jobTitle'), { exact: true });
    await expect(unit.inputValue()).resolves.toBe('vp-kiemsoat-tthc');

    // Meanwhile, the other administrator moves Lan to the general affairs unit.
    expect(
      (await org.as('admin', 'PATCH', `/api/v1/users/${lan.id}`, { unitCode: 'vp-tonghop' })).status,
    ).toBe(200);

    await title.fill('Chuyên viên chính');
    await form.getByRole('button', { name: vi('directory:saveChanges') }).click();
    const alert = form.getByRole('alert');
    await alert.filter({ hasText: `Thông tin của ${lan.fullName} vừa được người khác thay đổi` }).waitFor();
    await expect(alert.textContent()).resolves.toContain('thay đổi của bạn chưa được lưu');
    // The form shows Lan as she is now: in her new unit, her title as it was.
    await expect(unit.inputValue()).resolves.toBe('vp-tonghop');
    await expect(title.inputValue()).resolves.toBe(lan.title ?? '');
    await expect(person('staff.tthc')).resolves.toMatchObject({ unitCode: 'vp-tonghop', title: lan.title });
    await admin.check('a person changed meanwhile', { screenshot: 'directory-edited-meanwhile-user' });

    // Made again on what is there now, the correction is saved, and the transfer stays.
    await title.fill('Chuyên viên chính');
    await form.getByRole('button', { name: vi('directory:saveChanges') }).click();
    await admin.page
      .getByRole('status')
      .filter({ hasText: vi('directory:users.saved', { name: lan.fullName }) })
      .waitFor();
    await expect(person('staff.tthc')).resolves.toMatchObject({
      unitCode: 'vp-tonghop',
      title: 'Chuyên viên chính',
    });
  });

  it('refuses a unit renamed on a form opened before it was moved, and shows where it is now', async () => {
    const read = await org.as<{ name: { vi: string; en: string }; parentCode: string | null }>(
      'admin',
      'GET',
      '/api/v1/units/vp-kinhte',
    );
    await admin.open('/directory?view=units');
    await admin.page
      .getByRole('button', { name: vi('directory:units.editNamed', { name: read.body.name.vi }) })
      .click();
    const form = admin.page.locator('form', { has: admin.page.locator('#unit-form-heading') });
    const nameVi = form.getByLabel(vi('directory:units.nameVi'), { exact: true });
    await nameVi.waitFor();

    expect(
      (await org.as('admin', 'PATCH', '/api/v1/units/vp-kinhte', { parentCode: 'vp-tonghop' })).status,
    ).toBe(200);

    await nameVi.fill(`${read.body.name.vi} và Ngân sách`);
    await form.getByRole('button', { name: vi('directory:saveChanges') }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: 'Đơn vị vp-kinhte vừa được người khác thay đổi' })
      .waitFor();
    await expect(nameVi.inputValue()).resolves.toBe(read.body.name.vi);
    await expect(form.getByLabel(vi('directory:units.parent'), { exact: true }).inputValue()).resolves.toBe(
      'vp-tonghop',
    );
    // The list below says so too: the unit's row under its new parent.
    await admin.page.locator('tr', { hasText: 'vp-kinhte' }).filter({ hasText: 'Phòng Tổng hợp' }).waitFor();
    await admin.check('a unit changed meanwhile', { screenshot: 'directory-edited-meanwhile-unit' });
    await expect(
      org.as('admin', 'GET', '/api/v1/units/vp-kinhte').then((answer) => answer.body),
    ).resolves.toMatchObject({ name: read.body.name, parentCode: 'vp-tonghop' });
  });
});
