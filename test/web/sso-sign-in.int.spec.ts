import { randomUUID } from 'node:crypto';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { startOpenIdProvider, type TestOpenIdProvider } from '../api/support/openid-provider';
import { browserSuiteConfig, BrowserSession, type Tab } from './support/web-suite';

/**
 * Signing in to the web app in Debian's chromium: the sign-in page in Vietnamese, a wrong password,
 * and "Đăng nhập bằng SSO" — Authorization Code + PKCE through a real OpenID provider (the
 * `oidc-provider` package on loopback): its own sign-in form, back to the app signed in. The API
 * (SQLite, the Kon Tum demo directory seeded at boot) serves the built web app on its origin.
 */
describe('signing in to the web app, with a password and through the SSO (chromium, real API, real OpenID provider)', () => {
  let sso: TestOpenIdProvider;
  let suite: ApiSuite;
  let browser: BrowserSession;
  let tab: Tab;
  const staff = {
    sub: `sso-staff-${randomUUID()}`,
    email: 'staff.tthc@kontum.qcycle.test',
    name: 'Nguyễn Thị Lan',
    login: 'lan',
    password: 'sso-password-1',
  };

  beforeAll(async () => {
    const web = browserSuiteConfig();
    // The app's port is chosen at start: any redirect back to a loopback port is registered.
    sso = await startOpenIdProvider({ allowRedirectsUnder: 'http://127.0.0.1:', accounts: [staff] });
    suite = await startApiSuite({
      database: 'sqlite',
      config: {
        ...web,
        seedDemoData: true,
        auth: {
          oidc: { issuer: sso.issuer, audience: 'qcycle', jwksUrl: sso.jwksUrl, clientId: sso.clientId },
        },
      },
    });
    browser = await BrowserSession.start(suite.http.baseUrl);
    tab = await browser.tab();
  });

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
    await sso?.close();
  });

  it('opens on the sign-in page, in Vietnamese, offering the password form and the SSO', async () => {
    await tab.open('/');
    await tab.page.waitForURL(/\/sign-in$/);
    await expect(tab.page.locator('html').getAttribute('lang')).resolves.toBe('vi');
    await tab.page.getByRole('heading', { level: 1, name: 'Đăng nhập qcycle' }).waitFor();
    await tab.page.getByRole('button', { name: 'Đăng nhập bằng SSO' }).waitFor();
    await tab.page.getByLabel('Thư điện tử').waitFor();
    await tab.page.getByLabel('Mật khẩu').waitFor();
    await tab.check('the sign-in page', { screenshot: 'sign-in' });
  });

  it('asks for what is missing or malformed, not "the server cannot be reached"', async () => {
    const signIn = tab.page.getByRole('button', { name: 'Đăng nhập', exact: true });
    await signIn.click();
    await expect(tab.page.getByRole('alert').textContent()).resolves.toBe(
      'Nhập thư điện tử và mật khẩu của bạn.',
    );
    await tab.page.getByLabel('Thư điện tử').fill('qmr');
    await tab.page.getByLabel('Mật khẩu').fill('not-the-password');
    await signIn.click();
    await expect(tab.page.getByRole('alert').textContent()).resolves.toBe(
      'Thư điện tử không đúng dạng (ví dụ: ten@kontum.gov.vn).',
    );
    expect(new URL(tab.page.url()).pathname).toBe('/sign-in');
  });

  it('says so by the form when the password is wrong, and stays there', async () => {
    await tab.page.getByLabel('Thư điện tử').fill('qmr@kontum.qcycle.test');
    await tab.page.getByLabel('Mật khẩu').fill('not-the-password');
    await tab.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect(tab.page.getByRole('alert').textContent()).resolves.toBe(
      'Thư điện tử hoặc mật khẩu không đúng.',
    );
    expect(new URL(tab.page.url()).pathname).toBe('/sign-in');
    await tab.check('the sign-in page with a refused password');
  });

  it("signs a directory user in through the SSO's own sign-in form, back to the app", async () => {
    await tab.page.getByRole('button', { name: 'Đăng nhập bằng SSO' }).click();
    // At the provider: its page, its form.
    await tab.page.waitForURL((url) => url.origin === new URL(sso.issuer).origin);
    await tab.page.getByLabel('Login').fill(staff.login);
    await tab.page.getByLabel('Password').fill(staff.password);
    await tab.page.getByRole('button', { name: sso.login.submitLabel }).click();
    // Back with a code: the app exchanges it (PKCE verifier of this tab) and opens the home page.
    await tab.page.waitForURL((url) => url.origin === tab.origin && url.pathname === '/', {
      timeout: 30_000,
    });
    await tab.page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    await tab.page.getByText(staff.name, { exact: true }).first().waitFor();
    const session = await tab.page.evaluate("localStorage.getItem('qcycle.session')");
    expect(JSON.parse(session as string)).toMatchObject({
      user: { email: staff.email, authenticatedBy: 'oidc' },
    });
    await tab.check('the home page after the SSO sign-in');
  });

  it('signs out of the SSO too, back to the sign-in page: the next person at this PC is not signed in as the last', async () => {
    await tab.page.getByRole('button', { name: 'Đăng xuất' }).click();
    // The provider's own page ends its session (RP-Initiated Logout), then sends the browser back.
    await tab.page.waitForURL((url) => url.origin === new URL(sso.issuer).origin);
    await expect(tab.page.evaluate("localStorage.getItem('qcycle.session')")).resolves.toBeNull();
    await tab.page.getByRole('button', { name: sso.signOut.submitLabel }).click();
    await tab.page.waitForURL((url) => url.origin === tab.origin && url.pathname === '/sign-in');
    // "Đăng nhập bằng SSO" now asks who you are: the provider no longer has a session for this browser.
    await tab.page.getByRole('button', { name: 'Đăng nhập bằng SSO' }).click();
    await tab.page.waitForURL((url) => url.origin === new URL(sso.issuer).origin);
    await tab.page.getByLabel('Login').waitFor();
  });

  it('made no request outside the app, except to the SSO it was sent to', () => {
    expect(browser.requestsOutside(new URL(sso.issuer).origin)).toEqual([]);
    const toSso = browser.browser.requests.filter((r) => r.url.startsWith(sso.issuer));
    expect(toSso.length).toBeGreaterThan(0);
  });
});
