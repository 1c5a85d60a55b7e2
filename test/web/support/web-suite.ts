import type { Locator, Page } from 'playwright-core';
import {
  expectAccessible,
  saveScreenshots,
  startBrowser,
  type RecordedPage,
  type RecordedRequest,
  type TestBrowser,
  VIEWPORTS,
} from '@qcycle/testing';
import type { ConfigOverrides } from '../../api/support/api-suite';

/**
 * The built web app this run serves (a copy of dist/web made by the global setup,
 * test/setup/browser-setup.ts). Fails the suite with the build's reason when it did not build.
 */
export function builtWebApp(): string {
  const failed = process.env.QCYCLE_TEST_WEB_BUILD_ERROR;
  if (failed) throw new Error(failed);
  const dir = process.env.QCYCLE_TEST_WEB_DIST;
  if (!dir)
    throw new Error(
      'QCYCLE_TEST_WEB_DIST is not set: run the browser suites through `npm test -- test/web`, whose global setup builds the web app',
    );
  return dir;
}

/**
 * What the browser suites set on their API: the web app of this run, and rate limits high enough for
 * one machine playing a dozen people (every sign-in and every answer come from 127.0.0.1).
 */
export function browserSuiteConfig(): ConfigOverrides {
  return {
    http: {
      webDistDir: builtWebApp(),
      rateLimit: { loginPerMinute: 1000, writesPerMinute: 10_000 },
    },
  };
}

/**
 * A browser for a suite, and the pages it visits: each checked with axe-core (no serious or critical
 * violation), optionally photographed at desktop and phone width; every request of every page kept,
 * so that the suite can prove none left the app's origin.
 */
export class BrowserSession {
  readonly checked: string[] = [];
  private constructor(
    readonly browser: TestBrowser,
    readonly origin: string,
  ) {}

  static async start(origin: string): Promise<BrowserSession> {
    return new BrowserSession(await startBrowser(), origin);
  }

  /** A person's own browser tab (own storage: their own session); `onPhone`: a phone's touch screen. */
  async tab(onPhone = false): Promise<Tab> {
    return new Tab(
      this,
      await this.browser.newPage(onPhone ? { viewport: VIEWPORTS.phone, touch: true } : {}),
    );
  }

  /** A person's own tab, signed in through the sign-in page the app sends them to. */
  async signedIn(email: string, password: string, onPhone = false): Promise<Tab> {
    const tab = await this.tab(onPhone);
    await tab.open('/');
    await tab.page.waitForURL(/\/sign-in$/);
    await tab.signIn(email, password);
    return tab;
  }

  private readonly tabsOf = new Map<string, Promise<Tab>>();

  /** That person's own tab, signed in through the sign-in page the first time it is asked for. */
  tabOf(email: string, password: string): Promise<Tab> {
    let tab = this.tabsOf.get(email);
    if (!tab) {
      tab = this.signedIn(email, password);
      this.tabsOf.set(email, tab);
    }
    return tab;
  }

  /** Every request outside the app's origin (and the `alsoAllowed` ones), of every tab. */
  requestsOutside(...alsoAllowed: string[]): RecordedRequest[] {
    return this.browser.requests.filter((r) => !isUnder(r.url, [this.origin, ...alsoAllowed]));
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}

/** The app's path of a task page (ids contain slashes: encoded). */
export const pagePath = (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`;

/** The DOM of a control, as much as the suites read of it in the page (no DOM types in Node). */
interface DescribedElement {
  getAttribute(name: string): string | null;
  ownerDocument: { getElementById(id: string): { textContent: string | null } | null };
}

/** What a screen reader says after a control's name: the texts its aria-describedby names. */
export const descriptionOf = (control: Locator) =>
  control.evaluate((element: DescribedElement) => {
    const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return ids.map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '').join(' ');
  });

/** A text as a regular expression that matches it literally. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The value a page's fact list (`<dt>` label, `<dd>` value) gives a label: the label whole, not a
 * longer one that contains it. Read once: wait first for what loads after the page (names).
 */
export const factOf = (page: Page, label: string) =>
  page
    .locator('dt', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) })
    .locator('xpath=following-sibling::dd[1]')
    .textContent();

/** A field the API named in a refusal (`details.problems[]`), and why. */
export interface RefusedField {
  path: string;
  reason: string;
}

export class Tab {
  readonly page: Page;
  constructor(
    private readonly session: BrowserSession,
    readonly recorded: RecordedPage,
  ) {
    this.page = recorded.page;
  }

  get origin(): string {
    return this.session.origin;
  }

  /** Opens a path of the app (`/`, `/cycles`, `/tasks/…?token=…`). */
  async open(path: string): Promise<void> {
    await this.page.goto(`${this.origin}${path}`, { waitUntil: 'domcontentloaded' });
  }

  /**
   * The page as it is now passes axe-core (no serious or critical violations); with `screenshot`,
   * it is also written to test-results/screenshots/<screenshot>.{desktop,phone}.png.
   */
  async check(what: string, options: { screenshot?: string } = {}): Promise<void> {
    await this.settled();
    await expectAccessible(this.page, what);
    this.session.checked.push(what);
    if (options.screenshot) await saveScreenshots(this.page, options.screenshot);
  }

  /** Waits until nothing is loading: no "Đang tải…" status, no request in flight for a moment. */
  async settled(): Promise<void> {
    await this.page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    await this.page
      .locator('.loading, [aria-busy="true"]')
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 })
      .catch(() => undefined);
  }

  /**
   * Does `act` (a click that sends a task's answer) and returns the API's answer to it as the page
   * received it: its status and the fields a refusal names.
   */
  async answerTo(act: () => Promise<void>): Promise<{ status: number; problems: RefusedField[] }> {
    const [answer] = await Promise.all([
      this.page.waitForResponse(
        (response) => response.request().method() === 'POST' && response.url().includes('/api/v1/tasks/'),
      ),
      act(),
    ]);
    const body = (await answer.json()) as { details?: { problems?: RefusedField[] } };
    return { status: answer.status(), problems: body.details?.problems ?? [] };
  }

  /** Signs in on the sign-in page with e-mail and password, and waits to leave it. */
  async signIn(email: string, password: string): Promise<void> {
    if (!this.page.url().includes('/sign-in')) await this.open('/sign-in');
    await this.page.getByLabel('Thư điện tử').fill(email);
    await this.page.getByLabel('Mật khẩu').fill(password);
    await this.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await this.page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }

  close(): Promise<void> {
    return this.recorded.close();
  }
}

function isUnder(url: string, origins: string[]): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return origins.includes(new URL(url).origin);
  } catch {
    return false;
  }
}
