import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { CHROMIUM_PATH } from '@qcycle/testing';

/**
 * A mobile link as DevTools emulates one (`Network.emulateNetworkConditions`): every response waits
 * `latencyMs` more than it would, and the page's traffic shares the bandwidth. Chromium applies the
 * latency per request, not per connection, so a chain of requests (HTML, then its script, then the
 * page's chunk, then its API calls) pays it once per link of the chain.
 */
export interface LinkProfile {
  name: string;
  latencyMs: number;
  downKbps: number;
  upKbps: number;
}

/**
 * When a page is usable: every `present` selector matches, no `absent` one does (the "Đang tải…"
 * placeholders), and, with `linkUsed`, the address has dropped its `?token=`.
 */
export interface Usable {
  present: string[];
  absent: string[];
  linkUsed?: boolean;
}

/** What the usability check reads of the page. */
interface PageGlobals {
  document: { querySelector(selector: string): unknown };
  location: { search: string };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  localStorage: { setItem(key: string, value: string): void };
}

/** What one page load cost, from the browser's own network events (CDP) and the page's clock. */
export interface Visit {
  /** Requests the page made that reached the server (not answered from the browser's cache). */
  requests: number;
  /** Requests answered from the browser's cache without asking (memory or disk). */
  fromCache: number;
  /** Bytes received over the wire: headers and (possibly compressed) bodies, as CDP counts them. */
  bytes: number;
  /** The decoded size of what was received, for the compression ratio. */
  decodedBytes: number;
  /** Milliseconds from the navigation's start until the page was usable (`usable` first held). */
  usableMs: number;
  /** Milliseconds from the navigation's start until its last response ended. */
  settledMs: number;
  /** How the scripts and stylesheets came (`br`, `gzip`, `raw`), counted. */
  encodings: Record<string, number>;
  /** Every response, in order of arrival: the waterfall, for a reader who wants to see it. */
  waterfall: {
    url: string;
    method: string;
    type: string;
    status: number;
    startMs: number;
    endMs: number;
    bytes: number;
    encoding: string;
  }[];
}

/** Chromium as the brief asks (Debian's, headless), nothing it does on its own on the wire. */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'qcycle-slow-link-'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      `--disk-cache-dir=${join(userDataDir, 'cache')}`,
    ],
    env: { ...process.env, HOME: userDataDir, XDG_CONFIG_HOME: userDataDir, XDG_CACHE_HOME: userDataDir },
    timeout: 60_000,
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A phone's browser on the slow link: a fresh context (empty cache, empty storage), a phone's
 * screen, Vietnam's time zone. `acceptEncoding` replaces what Chromium advertises (`identity`: the
 * server must send files as they are, the baseline of "nothing compressed").
 */
export class SlowLinkTab {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async open(
    browser: Browser,
    link: LinkProfile,
    options: { acceptEncoding?: string; localStorage?: Record<string, string> } = {},
  ): Promise<SlowLinkTab> {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      serviceWorkers: 'block',
    });
    context.setDefaultTimeout(120_000);
    context.setDefaultNavigationTimeout(120_000);
    if (options.localStorage) {
      const entries = options.localStorage;
      // Only before the first page of the origin is shown: the app's own writes afterwards stand.
      await context.addInitScript((stored: Record<string, string>) => {
        const { sessionStorage, localStorage } = globalThis as unknown as PageGlobals;
        if (sessionStorage.getItem('slow-link.seeded')) return;
        sessionStorage.setItem('slow-link.seeded', '1');
        for (const [key, value] of Object.entries(stored)) localStorage.setItem(key, value);
      }, entries);
    }
    if (options.acceptEncoding)
      await context.setExtraHTTPHeaders({ 'accept-encoding': options.acceptEncoding });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: link.latencyMs,
      downloadThroughput: (link.downKbps * 1000) / 8,
      uploadThroughput: (link.upKbps * 1000) / 8,
    });
    return new SlowLinkTab(context, page, cdp);
  }

  /**
   * Opens `url` and waits until the page is `usable`, checked every animation frame and timed by
   * the page's own clock from the navigation's start; then until no request has been in flight for
   * a second.
   */
  async visit(url: string, usable: Usable): Promise<Visit> {
    interface Seen {
      url: string;
      method: string;
      status: number;
      start: number;
      end?: number;
      bytes: number;
      decoded: number;
      encoding: string;
      cached: boolean;
      type: string;
    }
    const seen = new Map<string, Seen>();
    let inFlight = 0;
    let lastEnd = 0;
    const onRequest = (event: {
      requestId: string;
      request: { url: string; method: string };
      timestamp: number;
      type?: string;
    }) => {
      if (seen.has(event.requestId)) return; // a redirect continues the same request
      inFlight++;
      seen.set(event.requestId, {
        url: event.request.url,
        method: event.request.method,
        status: 0,
        start: event.timestamp,
        bytes: 0,
        decoded: 0,
        encoding: 'raw',
        cached: false,
        type: event.type ?? '',
      });
    };
    const onCached = (event: { requestId: string }) => {
      const request = seen.get(event.requestId);
      if (request) request.cached = true;
    };
    const onResponse = (event: {
      requestId: string;
      type: string;
      response: { status: number; headers: Record<string, string>; fromDiskCache?: boolean };
    }) => {
      const request = seen.get(event.requestId);
      if (!request) return;
      request.status = event.response.status;
      request.type = event.type;
      if (event.response.fromDiskCache) request.cached = true;
      const header = Object.entries(event.response.headers).find(
        ([name]) => name.toLowerCase() === 'content-encoding',
      );
      request.encoding = header?.[1] ?? 'raw';
    };
    const onData = (event: { requestId: string; dataLength: number }) => {
      const request = seen.get(event.requestId);
      if (request) request.decoded += event.dataLength;
    };
    const onEnd = (event: { requestId: string; timestamp: number; encodedDataLength?: number }) => {
      const request = seen.get(event.requestId);
      if (!request || request.end !== undefined) return;
      inFlight--;
      request.end = event.timestamp;
      request.bytes = event.encodedDataLength ?? 0;
      lastEnd = Math.max(lastEnd, event.timestamp);
    };
    this.cdp.on('Network.requestWillBeSent', onRequest);
    this.cdp.on('Network.requestServedFromCache', onCached);
    this.cdp.on('Network.responseReceived', onResponse);
    this.cdp.on('Network.dataReceived', onData);
    this.cdp.on('Network.loadingFinished', onEnd);
    this.cdp.on('Network.loadingFailed', onEnd);
    try {
      await this.page.goto(url, { waitUntil: 'commit' });
      const usableMs = (await (
        await this.page.waitForFunction(
          // A function, not a string: the app's Content-Security-Policy forbids eval, rightly.
          (wanted: Usable) => {
            // Run in the page (no DOM types on this side).
            const { document, location } = globalThis as unknown as PageGlobals;
            return (
              wanted.present.every((selector) => document.querySelector(selector)) &&
              !wanted.absent.some((selector) => document.querySelector(selector)) &&
              (!wanted.linkUsed || location.search === '') &&
              performance.now()
            );
          },
          usable,
          { polling: 'raf', timeout: 120_000 },
        )
      ).jsonValue()) as number;
      // Nothing more in flight for a while: what the page loads after it is usable counts too.
      for (let quiet = 0; quiet < 10;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        quiet = inFlight === 0 ? quiet + 1 : 0;
      }
      const requests = [...seen.values()];
      // CDP timestamps are seconds on the browser's monotonic clock; the first request is the navigation.
      const origin = requests[0].start;
      const onWire = requests.filter((r) => !r.cached);
      return {
        requests: onWire.length,
        fromCache: requests.length - onWire.length,
        bytes: onWire.reduce((sum, r) => sum + r.bytes, 0),
        decodedBytes: onWire.reduce((sum, r) => sum + r.decoded, 0),
        usableMs,
        settledMs: (lastEnd - origin) * 1000,
        encodings: onWire
          .filter((r) => r.type === 'Script' || r.type === 'Stylesheet')
          .reduce<Record<string, number>>(
            (count, r) => ({ ...count, [r.encoding]: (count[r.encoding] ?? 0) + 1 }),
            {},
          ),
        waterfall: requests.map((r) => ({
          url: r.url,
          method: r.method,
          type: r.type,
          status: r.cached ? 0 : r.status,
          startMs: Math.round((r.start - origin) * 1000),
          endMs: Math.round(((r.end ?? r.start) - origin) * 1000),
          bytes: r.bytes,
          encoding: r.cached ? 'cache' : r.encoding,
        })),
      };
    } finally {
      this.cdp.off('Network.requestWillBeSent', onRequest);
      this.cdp.off('Network.requestServedFromCache', onCached);
      this.cdp.off('Network.responseReceived', onResponse);
      this.cdp.off('Network.dataReceived', onData);
      this.cdp.off('Network.loadingFinished', onEnd);
      this.cdp.off('Network.loadingFailed', onEnd);
    }
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
