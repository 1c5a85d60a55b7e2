import type { ParsedMail } from 'mailparser';
import { eventually, startTestSmtpServer, uniqueSuffix, type TestSmtpServer } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import type { DemoOrganisation } from '../api/support/demo-organisation';
import { vi } from './support/catalogue';
import { browserSuiteConfig, BrowserSession, descriptionOf } from './support/web-suite';

/**
 * "Quên mật khẩu?" and "Đổi mật khẩu" as people meet them (Debian's chromium): the sign-in page's
 * link, the request, the mail the worker sends through a real SMTP server, its link opened, the new
 * password set and the person in; the same link refused the second time; one's own password changed
 * on one's account page, reached from the top bar on a phone. The real API serving the built web app,
 * the worker on the Temporal dev server, PostgreSQL. Every page checked with axe-core and
 * photographed (test-results/screenshots/password-*.png, account-password.*.png).
 */
describe('forgotten and changed passwords in the browser (chromium; API, worker, Temporal dev server, PostgreSQL, SMTP)', () => {
  let smtp: TestSmtpServer;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    suite = await startApiSuite({ worker: true, smtp, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(`pb-${uniqueSuffix()}`);
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  const mailTo = (local: string) =>
    eventually<ParsedMail>(`the password mail to ${local}`, () =>
      smtp.messages.find((m) =>
        (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((a) =>
          a.value.some((v) => v.address === org.email(local)),
        ),
      ),
    );
  /** The mail's link as a path of the app (the worker writes PUBLIC_URL; the suite's port differs). */
  const linkIn = (mail: ParsedMail) => {
    const url = new URL(/https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail.text ?? '')![0]);
    return `${url.pathname}${url.search}`;
  };

  it('asks for a link from the sign-in page, sets a new password with it and is in; the link works once', async () => {
    const tab = await browser.tab();
    const { page } = tab;
    await tab.open('/sign-in');
    await page.getByLabel(vi('signIn.email')).fill(org.email('staff.tthc'));
    await page.getByRole('link', { name: vi('signIn.forgot') }).click();
    await page.waitForURL('**/forgot-password');
    // What was typed on the sign-in page comes along.
    await expect(page.getByLabel(vi('signIn.email')).inputValue()).resolves.toBe(org.email('staff.tthc'));
    await tab.check('the forgotten-password page', { screenshot: 'password-forgot' });

    await page.getByRole('button', { name: vi('password.send') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: vi('password.sent', { email: org.email('staff.tthc'), minutes: 60 }) })
      .waitFor();
    await tab.check('the forgotten-password page, sent', { screenshot: 'password-forgot-sent' });

    const mail = await mailTo('staff.tthc');
    expect(mail.subject).toBe('[qcycle] Đặt lại mật khẩu');
    const link = linkIn(mail);
    await tab.open(link);
    await page.getByRole('heading', { name: vi('password.resetTitle') }).waitFor();
    // The token leaves the address bar (and the history list) at once.
    await page.waitForURL((url) => url.pathname === '/reset-password' && url.search === '');

    const newPassword = page.getByLabel(vi('password.new'), { exact: true });
    const refusedWith = (words: string) => page.locator('.field-error', { hasText: words }).waitFor();
    const repeat = page.getByLabel(vi('password.repeat'));
    await newPassword.fill('ngắn quá');
    await repeat.fill('ngắn quá');
    await page.getByRole('button', { name: vi('password.set') }).click();
    await refusedWith(vi('password.short', { min: 12 }));
    expect(await descriptionOf(newPassword)).toContain(vi('password.short', { min: 12 }));
    await newPassword.fill('mùa xuân năm nay đến sớm');
    await repeat.fill('mùa xuân năm nay đến muộn');
    await page.getByRole('button', { name: vi('password.set') }).click();
    await refusedWith(vi('password.mismatch'));
    expect(await descriptionOf(repeat)).toContain(vi('password.mismatch'));
    await tab.check('the new-password page, refused', { screenshot: 'password-reset-refused' });

    await repeat.fill('mùa xuân năm nay đến sớm');
    await page.getByRole('button', { name: vi('password.set') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: vi('password.resetDone') })
      .waitFor();
    await tab.check('the new-password page, done', { screenshot: 'password-reset-done' });
    await page.getByRole('link', { name: vi('password.continue') }).click();
    await page.getByRole('heading', { name: vi('nav.myTasks') }).waitFor();

    // The same link in another browser: used, and the way to a new one.
    const again = await browser.tab();
    await again.open(link);
    await again.page.getByLabel(vi('password.new'), { exact: true }).fill('một mật khẩu khác đủ dài');
    await again.page.getByLabel(vi('password.repeat')).fill('một mật khẩu khác đủ dài');
    await again.page.getByRole('button', { name: vi('password.set') }).click();
    // The API's words, in the page's language.
    await again.page
      .getByRole('alert')
      .filter({ hasText: 'Liên kết đặt mật khẩu này đã được dùng' })
      .waitFor();
    await again.page.getByRole('link', { name: vi('password.askAgain') }).waitFor();
    await again.check('a used password link', { screenshot: 'password-link-used' });

    const later = await browser.tab();
    await later.signIn(org.email('staff.tthc'), 'mùa xuân năm nay đến sớm');
    for (const opened of [tab, again, later]) await opened.close();
  });

  it("changes one's own password on the account page, reached from the top bar on a phone; the other sessions end", async () => {
    const elsewhere = await org.tokenOf('qmr');
    const tab = await browser.signedIn(org.email('qmr'), DEMO_PASSWORD, true);
    const { page } = tab;
    await page.getByRole('link', { name: new RegExp(vi('nav.account')) }).click();
    await page.getByRole('heading', { name: vi('password.accountTitle') }).waitFor();
    await page.getByText(org.email('qmr')).waitFor();

    const current = page.getByLabel(vi('password.current'));
    await current.fill('không phải mật khẩu');
    await page.getByLabel(vi('password.new'), { exact: true }).fill('mật khẩu mới của đại diện');
    await page.getByLabel(vi('password.repeat')).fill('mật khẩu mới của đại diện');
    await page.getByRole('button', { name: vi('password.change') }).click();
    await page.locator('.field-error', { hasText: vi('password.currentWrong') }).waitFor();
    expect(await descriptionOf(current)).toContain(vi('password.currentWrong'));
    await tab.check('the account page, current password wrong', { screenshot: 'account-password-refused' });

    await current.fill(DEMO_PASSWORD);
    await page.getByLabel(vi('password.new'), { exact: true }).fill('mật khẩu mới của đại diện');
    await page.getByLabel(vi('password.repeat')).fill('mật khẩu mới của đại diện');
    await page.getByRole('button', { name: vi('password.change') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: vi('password.changed') })
      .waitFor();
    await tab.check('the account page, changed', { screenshot: 'account-password' });

    // This browser goes on with the new session; the one signed in before has ended.
    await page.reload();
    await page.getByRole('heading', { name: vi('password.accountTitle') }).waitFor();
    expect((await suite.http.call('GET', '/api/v1/auth/me', { token: elsewhere })).status).toBe(401);
    await tab.close();

    // The administrator's change log says who set each password, and how.
    const admin = await browser.signedIn(org.email('admin'), DEMO_PASSWORD);
    await admin.open('/directory?view=events');
    for (const [name, via] of [
      ['Trần Quốc Việt', 'ownAccount'],
      ['Nguyễn Thị Lan', 'emailLink'],
    ])
      await admin.page
        .locator('tr', { hasText: name })
        .filter({ hasText: vi(`directory:events.passwordSetVia.${via}`) })
        .waitFor();
    await admin.check('the change log with passwords set by their people', {
      screenshot: 'password-change-log',
    });
    await admin.close();
  });
});
