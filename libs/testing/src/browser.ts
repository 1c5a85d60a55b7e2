import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** The repository root (libs/testing/src → ../../..). */
const ROOT = join(__dirname, '..', '..', '..');

/** Debian's chromium; the test command installs it when missing (scripts/lib/chromium.cjs). */
export const CHROMIUM_PATH = process.env.QCYCLE_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** Where the browser suites write their screenshots (git-ignored). */
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

/** The two widths the app must work at: an office PC and a phone. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
} as const;

/**
 * Nothing the browser does on its own (updates, sync, field trials, QUIC probes) may leave the
 * machine or add requests to what a suite records: only what the page asks for.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** One request the browser made, as `page.on('request')` saw it. */
export interface RecordedRequest {
  method: string;
  url: string;
  /** The page's URL when the request was made (where it came from). */
  from: string;
}

/**
 * A browser tab of its own (a fresh context: its own cookies and storage, so one person per page)
 * that records every request it makes.
 */
export interface RecordedPage {
  page: Page;
  context: BrowserContext;
  /** Every request of this context, in order (documents, scripts, styles, fetches, images, fonts…). */
  requests: RecordedRequest[];
  /** The requests whose origin is not one of `origins`: what must stay empty. */
  requestsOutside(...origins: string[]): RecordedRequest[];
  close(): Promise<void>;
}

export interface TestBrowser {
  browser: Browser;
  /**
   * A new page in a fresh context, at the desktop width unless told otherwise; `touch`: a touch
   * screen (no hover, a coarse pointer), as a phone's.
   */
  newPage(options?: {
    viewport?: { width: number; height: number };
    locale?: string;
    touch?: boolean;
  }): Promise<RecordedPage>;
  /** Every request of every page this browser opened. */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Debian's chromium driven through playwright-core, headless, in a fresh user-data directory of its
 * own (removed on close). Pages keep the app's Content-Security-Policy in force: the app is tested as
 * it is served.
 */
export async function startBrowser(): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'qcycle-chromium-'));
  // launch() makes its own throwaway profile; ours is named so that it is ours to remove, and the
  // browser's caches and crash dumps go there too rather than into $HOME.
  // Loaded here, not at import: every suite imports @qcycle/testing, few start a browser.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      `--disk-cache-dir=${join(userDataDir, 'cache')}`,
      `--crash-dumps-dir=${join(userDataDir, 'crashes')}`,
    ],
    env: { ...process.env, HOME: userDataDir, XDG_CONFIG_HOME: userDataDir, XDG_CACHE_HOME: userDataDir },
    timeout: 60_000,
  });
  const all: RecordedRequest[] = [];
  const open = new Set<BrowserContext>();
  return {
    browser,
    requests: all,
    async newPage(options = {}) {
      const context = await browser.newContext({
        viewport: options.viewport ?? VIEWPORTS.desktop,
        hasTouch: options.touch ?? false,
        locale: options.locale ?? 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
        serviceWorkers: 'block',
      });
      open.add(context);
      context.setDefaultTimeout(20_000);
      context.setDefaultNavigationTimeout(30_000);
      const requests: RecordedRequest[] = [];
      context.on('request', (request) => {
        let from = '';
        try {
          from = request.frame().url();
        } catch {
          /* a request without a frame (none expected: service workers are blocked) */
        }
        const recorded = { method: request.method(), url: request.url(), from };
        requests.push(recorded);
        all.push(recorded);
      });
      const page = await context.newPage();
      return {
        page,
        context,
        requests,
        requestsOutside: (...origins) => requests.filter((r) => !isUnder(r.url, origins)),
        async close() {
          open.delete(context);
          await context.close();
        },
      };
    },
    async close() {
      for (const context of open) await context.close().catch(() => undefined);
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Whether a URL is on one of the origins (`data:` and `blob:` URLs never leave the page). */
function isUnder(url: string, origins: string[]): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return origins.includes(new URL(url).origin);
  } catch {
    return false;
  }
}

// ---- accessibility (axe-core) ---------------------------------------------------------------------

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary?: string; html: string }[];
}

let axeSource: string | undefined;

/**
 * axe-core's findings on the page as it is now: every rule, or only those with one of `tags` (e.g.
 * WCAG 2.1 A/AA's `wcag2a`, `wcag2aa`, `wcag21a`, `wcag21aa`). axe's source is evaluated in the page
 * through the DevTools protocol: `page.addScriptTag({ content })` would add an inline script, which
 * the app's Content-Security-Policy (script-src 'self') rightly refuses, and the CSP stays in force
 * in these tests so that they exercise the app as it is served.
 */
export async function axeViolations(page: Page, tags?: readonly string[]): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object')))
    await page.evaluate(axeSource);
  return page.evaluate(async (only) => {
    const axe = (
      globalThis as unknown as {
        axe: { run(options: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run({
      resultTypes: ['violations'],
      ...(only ? { runOnly: { type: 'tag', values: only } } : {}),
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String),
        failureSummary: n.failureSummary,
        html: n.html,
      })),
    }));
  }, tags);
}

/** The serious and critical violations, one readable paragraph each (empty when there are none). */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact}: ${v.id} — ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 5)
          .map(
            (n) =>
              `    at ${n.target.join(' ')}: ${n.html.slice(0, 160)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
          )
          .join('\n') +
        (v.nodes.length > 5 ? `\n    …and ${v.nodes.length - 5} more` : ''),
    );
}

/** Fails when axe-core finds a serious or critical violation on the page, listing them. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const serious = describeViolations(await axeViolations(page));
  if (serious.length > 0)
    throw new Error(
      `axe-core found ${serious.length} serious or critical violation(s) on ${what} (${page.url()}):\n${serious.join('\n')}`,
    );
}

// ---- screenshots ------------------------------------------------------------------------------------

/**
 * Writes the page at desktop (1280×800) and phone (360×740) width, the whole page each, to
 * test-results/screenshots/<name>.desktop.png and <name>.phone.png; leaves the page at the width it
 * had. Returns the files written.
 */
export async function saveScreenshots(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = page.viewportSize();
  const files: string[] = [];
  try {
    for (const [width, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      // Let layout and charts settle at the new width (a resize observer, a re-render).
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
      const path = join(SCREENSHOT_DIR, `${name}.${width}.png`);
      await page.screenshot({ path, fullPage: true, animations: 'disabled' });
      files.push(path);
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
  return files;
}
