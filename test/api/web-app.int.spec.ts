import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WEB_APP_NOT_BUILT } from '../../apps/api/src/web/web-app.middleware';
import { startApiSuite, type ApiSuite } from './support/api-suite';

const INDEX_HTML =
  '<!doctype html><html><head><script type="module" src="/assets/index-3f2a1b.js"></script></head>' +
  '<body><div id="root"></div></body></html>';

/**
 * The web app served by the API on one origin: a build of it (a stand-in with the shape Vite writes
 * to dist/web) in a folder of the suite's own (WEB_DIST_DIR), and an API whose build is missing.
 */
describe('the web app on the API origin (real API, SQLite)', () => {
  let suite: ApiSuite;
  let built: string;
  let withoutBuild: string;
  const dist = mkdtempSync(join(tmpdir(), 'qcycle-web-'));

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX_HTML);
    writeFileSync(join(dist, 'assets', 'index-3f2a1b.js'), 'console.log("qcycle");\n');
    writeFileSync(join(dist, 'assets', 'index-9c8d7e.css'), 'body{margin:0}\n');
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    suite = await startApiSuite({ database: 'sqlite', config: { http: { webDistDir: dist } } });
    built = suite.http.baseUrl;
    withoutBuild = (await suite.startAnotherApi({ http: { webDistDir: join(dist, 'not-built') } })).http
      .baseUrl;
  });

  afterAll(async () => {
    await suite?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it("answers the SPA's own paths with index.html, never cached", async () => {
    for (const path of [
      '/',
      '/sign-in',
      '/tasks/quality-cycle%2Fkontum%2F2024%2Fapproval%2Fround-1?token=abc.def',
      '/cycles/kontum-2024/audit',
      '/notifications',
    ]) {
      const response = await fetch(`${built}${path}`);
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
        path,
        status: 200,
        type: 'text/html; charset=utf-8',
      });
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe(INDEX_HTML);
    }
  });

  it('serves its files: hashed assets cached for a year, the rest revalidated; a missing asset is 404', async () => {
    const script = await fetch(`${built}/assets/index-3f2a1b.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe('console.log("qcycle");\n');
    const style = await fetch(`${built}/assets/index-9c8d7e.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const icon = await fetch(`${built}/favicon.svg`);
    expect([icon.status, icon.headers.get('content-type'), icon.headers.get('cache-control')]).toEqual([
      200,
      'image/svg+xml',
      'no-cache',
    ]);
    const again = await fetch(`${built}/favicon.svg`, {
      headers: { 'if-modified-since': icon.headers.get('last-modified')! },
    });
    expect(again.status).toBe(304);
    expect((await fetch(`${built}/assets/index-000000.js`)).status).toBe(404);
    // Nothing outside the build, however the path is spelled.
    for (const path of ['/..%2Fpackage.json', '/.env', '/%2e%2e/%2e%2e/etc/passwd'])
      expect(await (await fetch(`${built}${path}`)).text()).toBe(INDEX_HTML);
    expect((await fetch(`${built}/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it('leaves /api and /health to the API: JSON 404 for unknown API paths, Swagger UI, health', async () => {
    const unknown = await fetch(`${built}/api/v1/no-such-thing`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect((await fetch(`${built}/api/nothing`)).headers.get('content-type')).toMatch(/application\/json/);
    const docs = await fetch(`${built}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/swagger/i);
    expect((await fetch(`${built}/api/docs-json`)).status).toBe(200);
    expect((await fetch(`${built}/health`)).headers.get('content-type')).toMatch(/application\/json/);
    const post = await fetch(`${built}/sign-in`, { method: 'POST' });
    expect(post.status).toBe(404);
  });

  it('sends a Content-Security-Policy the SPA runs under', async () => {
    const csp = (await fetch(`${built}/`)).headers.get('content-security-policy')!;
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives).toMatchObject({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
    });
    // PUBLIC_URL is http here: upgrading requests to https would break a plain-http install.
    expect(directives['upgrade-insecure-requests']).toBeUndefined();
  });

  it('boots without a build and says how to make one', async () => {
    const home = await fetch(`${withoutBuild}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await home.text()).toBe(WEB_APP_NOT_BUILT);
    expect(WEB_APP_NOT_BUILT).toMatch(/npm run build:web/);
    expect((await fetch(`${withoutBuild}/sign-in`)).status).toBe(404);
    expect((await fetch(`${withoutBuild}/health`)).headers.get('content-type')).toMatch(/json/);
    expect((await fetch(`${withoutBuild}/api/v1/auth/providers`)).status).toBe(200);
  });
});
