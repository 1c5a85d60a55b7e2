import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Response } from 'playwright-core';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { decoded, rawRequest, varied } from '../api/support/raw-http';
import { en, vi } from './support/catalogue';
import { browserSuiteConfig, builtWebApp, BrowserSession } from './support/web-suite';

/** What Chromium sends. */
const BROWSER = 'gzip, deflate, br, zstd';

/**
 * The web app as a phone on a 3G link downloads it (docs/web.md, "On a slow link"): the
 * build this run serves (`node scripts/build-web.mjs`, as `npm start` and the image make it) holds a
 * brotli and a gzip copy of every script and stylesheet, and the API sends the one the browser
 * accepts — Debian's chromium receives them brotli-compressed and reads exactly the built files; a
 * gzip-only client gets gzip, a client accepting neither the files as they are, each answer saying
 * that it varies by Accept-Encoding, HEAD and 304 as before. And it is React's production build:
 * the sign-in page asks for its providers once (the development build, which the test command used
 * to make under Jest's NODE_ENV=test, runs every effect twice). An e-mailed task link's page names
 * the task page's chunks in its head, so that they come with the entry script rather than after
 * it. The real API on SQLite.
 */
describe('the web app on a slow link: compressed, the task link’s code with the entry (chromium; real API, SQLite, the built web app)', () => {
  let suite: ApiSuite;
  let browser: BrowserSession;
  const dist = () => builtWebApp();
  const built = (path: string) => readFileSync(join(dist(), path));

  beforeAll(async () => {
    suite = await startApiSuite({ database: 'sqlite', config: browserSuiteConfig() });
    browser = await BrowserSession.start(suite.http.baseUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  const entryScript = () =>
    /<script[^>]*type="module"[^>]*src="\/([^"]+)"/.exec(built('index.html').toString())![1];

  it('sends the sign-in page’s scripts and stylesheet to chromium as brotli, each reading as the built file, and asks for the providers once', async () => {
    const tab = await browser.tab();
    const assets: Response[] = [];
    tab.page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/assets/')) assets.push(response);
    });
    await tab.open('/sign-in');
    await tab.page.getByRole('heading', { level: 1, name: vi('signIn.title') }).waitFor();
    await tab.settled();

    expect(assets.map((r) => new URL(r.url()).pathname)).toContain(`/${entryScript()}`);
    for (const response of assets) {
      const path = new URL(response.url()).pathname.slice(1);
      const sizes = await response.request().sizes();
      expect({ path, status: response.status(), encoding: response.headers()['content-encoding'] }).toEqual({
        path,
        status: 200,
        encoding: 'br',
      });
      expect((await response.body()).equals(built(path))).toBe(true);
      expect(sizes.responseBodySize).toBe(statSync(join(dist(), `${path}.br`)).size);
    }
    expect(
      tab.recorded.requests.filter((r) => new URL(r.url).pathname === '/api/v1/auth/providers'),
    ).toHaveLength(1);
    await tab.close();
  });

  it('sends the English catalogue only to those who choose English: once on the switch, then with every page they open', async () => {
    const tab = await browser.tab();
    const scripts: string[] = [];
    tab.page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.startsWith('/assets/') && path.endsWith('.js')) scripts.push(path);
    });
    const english = () => scripts.filter((path) => /^\/assets\/en-[\w-]+\.js$/.test(path));
    await tab.open('/sign-in');
    await tab.page.getByRole('heading', { level: 1, name: vi('signIn.title') }).waitFor();
    await tab.settled();
    // The Vietnamese page's code carries no English words, and fetched none.
    expect(english()).toEqual([]);
    expect(built(entryScript()).toString()).not.toContain(en('signIn.title'));
    expect(built(entryScript()).toString()).toContain(vi('signIn.title'));

    await tab.page.getByRole('button', { name: 'English' }).click();
    await tab.page.getByRole('heading', { level: 1, name: en('signIn.title') }).waitFor();
    await expect(tab.page.locator('html').getAttribute('lang')).resolves.toBe('en');
    expect(english()).toHaveLength(1);
    // Back to Vietnamese and to English again: nothing fetched twice.
    await tab.page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await tab.page.getByRole('heading', { level: 1, name: vi('signIn.title') }).waitFor();
    await tab.page.getByRole('button', { name: 'English' }).click();
    await tab.page.getByRole('heading', { level: 1, name: en('signIn.title') }).waitFor();
    expect(english()).toHaveLength(1);

    // Chosen on this device, English is there from the first paint of the next visit.
    await tab.page.reload();
    await tab.page.getByRole('heading', { level: 1, name: en('signIn.title') }).waitFor();
    expect(english()).toHaveLength(2);
    await tab.close();
  });

  it('builds a brotli and a gzip copy of every script and stylesheet, each decoding to its file', () => {
    const files = readdirSync(join(dist(), 'assets')).filter((name) => /\.(?:js|css)$/.test(name));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      const file = built(`assets/${name}`);
      const br = built(`assets/${name}.br`);
      expect({ name, same: brotliDecompressSync(br).equals(file) }).toEqual({ name, same: true });
      // The few tiny chunks gzip cannot shrink have no gzip copy (and are sent as they are to gzip-only clients).
      if (file.length > 1024) expect(gunzipSync(built(`assets/${name}.gz`)).equals(file)).toBe(true);
    }
    expect(built('index.html').toString()).not.toMatch(/jsxDEV/);
    expect(built(entryScript()).toString()).not.toContain('jsxDEV');
  });

  it('negotiates each file by Accept-Encoding: gzip to a gzip-only client, the file as it is to one accepting neither; HEAD and 304 unchanged', async () => {
    const path = entryScript();
    const url = `${suite.http.baseUrl}/${path}`;
    const file = built(path);

    const gzip = await rawRequest(url, { 'accept-encoding': 'gzip, deflate' });
    expect([gzip.status, gzip.headers['content-encoding']]).toEqual([200, 'gzip']);
    expect(decoded(gzip).equals(file)).toBe(true);
    expect(Number(gzip.headers['content-length'])).toBe(gzip.body.length);

    const acceptingNeither: Record<string, string>[] = [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
    ];
    for (const headers of acceptingNeither) {
      const plain = await rawRequest(url, headers);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(file)).toBe(true);
      expect(plain.headers['content-length']).toBe(String(file.length));
    }

    const br = await rawRequest(url, { 'accept-encoding': BROWSER });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(varied(br)).toContain('accept-encoding');
    expect(br.body.length).toBeLessThan(file.length / 3);

    const head = await rawRequest(url, { 'accept-encoding': BROWSER }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(String(br.body.length));

    const again = await rawRequest(url, {
      'accept-encoding': BROWSER,
      'if-modified-since': String(br.headers['last-modified']),
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(varied(again)).toContain('accept-encoding');

    // index.html (any of the SPA's paths) is half a kilobyte and replaced in place by a deploy: as it is.
    const page = await rawRequest(`${suite.http.baseUrl}/sign-in`, { 'accept-encoding': BROWSER });
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.body.equals(built('index.html'))).toBe(true);
  });

  it('answers an e-mailed task link with the page that has the task page’s chunks fetched with the entry script', async () => {
    const taskPage = readdirSync(join(dist(), 'assets')).find((name) =>
      /^task-entry\.page-.*\.js$/.test(name),
    )!;
    expect(taskPage).toBeDefined();
    const path = '/tasks/quality-cycle%2Fsl%2F2024%2Fapproval%2Fround-1?token=not-a-token';
    const link = await rawRequest(`${suite.http.baseUrl}${path}`, { 'accept-encoding': BROWSER });
    expect(link.status).toBe(200);
    expect(link.headers['cache-control']).toBe('no-cache');
    const head = link.body.toString('utf8');
    expect(head).toContain(`<link rel="modulepreload" crossorigin href="/assets/${taskPage}">`);
    expect(head).toContain(`src="/${entryScript()}"`);
    // Any other page of the app is index.html, with nothing more to fetch than the entry.
    const signIn = (await rawRequest(`${suite.http.baseUrl}/sign-in`)).body.toString('utf8');
    expect(signIn).not.toContain('modulepreload');

    // The browser uses what it fetched ahead: the task page's chunk once, and the page shows.
    const tab = await browser.tab();
    await tab.open(path);
    await tab.page.getByRole('heading', { level: 1 }).first().waitFor();
    await tab.settled();
    expect(
      tab.recorded.requests.filter((r) => new URL(r.url).pathname === `/assets/${taskPage}`),
    ).toHaveLength(1);
    await tab.close();
  });
});
