import { uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import type { DemoOrganisation } from '../api/support/demo-organisation';
import { vi } from './support/catalogue';
import { browserSuiteConfig, BrowserSession, type Tab } from './support/web-suite';

interface Person {
  id: string;
  fullName: string;
  auditorCertificate: { certificate: string; issuedBy: string | null; issuedOn: string } | null;
}

/**
 * The administrator records an auditor's competence in the directory (chromium, Vietnamese; ISO
 * 9001 7.2): Bùi Quang Huy has no internal-auditor certificate on record; a day of issue still to
 * come is refused in words at its field and nothing is written; the certificate as written on the
 * paper is saved and read back; then taken off again. The real API serving the built web app, on
 * PostgreSQL; each page state checked with axe-core and photographed
 * (test-results/screenshots/directory-auditor-certificate-*).
 */
describe("an auditor's certificate recorded in the directory (chromium; API, PostgreSQL)", () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  let admin: Tab;
  const organisationCode = `dc-${uniqueSuffix()}`;
  const certificate = 'Chứng chỉ chuyên gia đánh giá nội bộ HTQLCL theo TCVN ISO 9001:2015 số 0533/2024';

  beforeAll(async () => {
    suite = await startApiSuite({ config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    await Promise.all(['admin', 'auditor.kinhte'].map((local) => org.tokenOf(local)));
    browser = await BrowserSession.start(suite.http.baseUrl);
    admin = await browser.tabOf(org.email('admin'), DEMO_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  const huy = async () =>
    (await org.as<Person>('admin', 'GET', `/api/v1/users/${org.idOf('auditor.kinhte')}`)).body;

  it('refuses a day of issue to come at its field, saves the certificate as written, and takes it off', async () => {
    const before = await huy();
    expect(before.auditorCertificate).toBeNull();
    await admin.open('/directory?view=users');
    // In the list, an auditor without a certificate on record says so; one with it does not.
    const missing = vi('directory:certificate.missing');
    const row = (name: string) => admin.page.getByRole('row').filter({ hasText: name });
    await row(before.fullName).getByText(missing).waitFor();
    await expect(row('Đặng Thu Trang').getByText(missing).count()).resolves.toBe(0);
    await admin.page
      .getByRole('button', { name: vi('directory:users.editNamed', { name: before.fullName }) })
      .click();
    const form = admin.page.getByRole('form', { name: vi('directory:certificate.title') });
    await form.getByText(vi('directory:certificate.none')).waitFor();
    await form.getByLabel(vi('directory:certificate.certificate'), { exact: true }).fill(certificate);
    await form
      .getByLabel(vi('directory:certificate.issuedBy'), { exact: true })
      .fill('Trung tâm Năng suất Việt Nam');
    const issuedOn = form.getByLabel(vi('directory:certificate.issuedOn'), { exact: true });
    const nextYear = `${new Date().getUTCFullYear() + 1}-05-10`;
    await issuedOn.fill(nextYear);
    await form.getByRole('button', { name: vi('directory:certificate.save') }).click();

    // Refused at its field, in words; nothing written.
    await form.getByText(vi('directory:problems.dayToCome')).waitFor();
    await expect(issuedOn.getAttribute('aria-invalid')).resolves.toBe('true');
    await form
      .getByRole('alert')
      .filter({ hasText: vi('directory:problems.correctFields') })
      .waitFor();
    await expect(huy()).resolves.toEqual(before);
    await admin.check('a certificate dated after today', {
      screenshot: 'directory-auditor-certificate-refused',
    });

    await issuedOn.fill('2024-05-10');
    await form.getByRole('button', { name: vi('directory:certificate.save') }).click();
    await admin.page
      .getByRole('status')
      .filter({ hasText: vi('directory:certificate.saved', { name: before.fullName }) })
      .waitFor();
    await form
      .getByText(
        vi('directory:certificate.held', {
          words: vi('common:auditorCertificate.words', {
            certificate,
            issuer: 'Trung tâm Năng suất Việt Nam',
            date: '10/05/2024',
          }),
        }),
      )
      .waitFor();
    await expect(huy()).resolves.toMatchObject({
      auditorCertificate: { certificate, issuedBy: 'Trung tâm Năng suất Việt Nam', issuedOn: '2024-05-10' },
    });
    await row(before.fullName).getByText(missing).waitFor({ state: 'detached' });
    await admin.check('a certificate on record', { screenshot: 'directory-auditor-certificate-held' });

    await form.getByRole('button', { name: vi('directory:certificate.remove') }).click();
    await admin.page
      .getByRole('status')
      .filter({ hasText: vi('directory:certificate.removed', { name: before.fullName }) })
      .waitFor();
    await form.getByText(vi('directory:certificate.none')).waitFor();
    await expect(huy()).resolves.toMatchObject({ auditorCertificate: null });

    // The directory's log says both changes in words.
    await admin.open('/directory?view=events');
    const log = admin.page.getByRole('table', { name: vi('directory:events.title') });
    for (const field of ['auditorCertificate', 'auditorCertificateRemoved'])
      await log.getByText(`${before.fullName}: ${vi(`directory:events.fields.${field}`)}.`).waitFor();
  });
});
