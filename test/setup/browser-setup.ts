import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureChromium } = require('../../scripts/lib/chromium.cjs');

const ROOT = join(__dirname, '..', '..');
const BROWSER_SUITES = join(ROOT, 'test', 'web');

/** What Jest hands a global setup (the parts read here; Jest 29 names). */
export interface JestRun {
  globalConfig: { testPathPattern?: string; rootDir?: string };
  projectConfig: { roots?: string[]; rootDir?: string };
}

/** The browser suites: the suites under test/web that start a browser (startBrowser, BrowserSession). */
function browserSuites(): string[] {
  if (!existsSync(BROWSER_SUITES)) return [];
  return readdirSync(BROWSER_SUITES)
    .filter((name) => name.endsWith('.int.spec.ts'))
    .map((name) => join(BROWSER_SUITES, name))
    .filter((path) => /\bstartBrowser\(|\bBrowserSession\b/.test(readFileSync(path, 'utf8')));
}

/** Whether this Jest run will run a browser suite (so the web app and chromium are needed). */
export function runsBrowserSuites({ globalConfig, projectConfig }: JestRun): boolean {
  const rootDir = projectConfig.rootDir ?? globalConfig.rootDir ?? ROOT;
  const roots = (projectConfig.roots ?? [rootDir]).map((r) => r.replace('<rootDir>', rootDir));
  const suites = browserSuites().filter((path) => roots.some((root) => path.startsWith(root)));
  const pattern = globalConfig.testPathPattern;
  if (!pattern) return suites.length > 0;
  let matcher: RegExp;
  try {
    matcher = new RegExp(pattern, 'i');
  } catch {
    return suites.length > 0;
  }
  return suites.some((path) => matcher.test(path));
}

/**
 * The browser suites' share of the global setup: chromium (installed when missing, as root on
 * Debian), and the web app built when stale (`node scripts/build-web.mjs`: type check and vite
 * build into dist/web), then copied to a folder of this run's own, which the suites' APIs serve
 * (WEB_DIST_DIR): a rebuild of dist/web during the run cannot pull files from under a page.
 *
 * QCYCLE_TEST_WEB_DIST set by the caller names a build to serve instead (nothing is built then).
 * A failed build does not stop the other suites: the browser suites fail with its reason
 * (QCYCLE_TEST_WEB_BUILD_ERROR). Returns the copy's folder, for the teardown.
 */
export function prepareBrowserSuites(run: JestRun): string | undefined {
  if (!runsBrowserSuites(run)) return undefined;
  process.env.QCYCLE_TEST_CHROMIUM = ensureChromium();
  // A build of the caller's own (a folder with index.html): served as it is, nothing built.
  if (process.env.QCYCLE_TEST_WEB_DIST) return undefined;
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-web.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) {
    process.env.QCYCLE_TEST_WEB_BUILD_ERROR = `the web app did not build: \`node scripts/build-web.mjs\` exited with ${build.status ?? build.signal} (its output is above the test results)`;
    return undefined;
  }
  const copy = mkdtempSync(join(tmpdir(), 'qcycle-web-dist-'));
  // Another build may be writing dist/web right now (vite empties it first): copy until complete.
  for (let attempt = 0; ; attempt++) {
    rmSync(copy, { recursive: true, force: true });
    cpSync(join(ROOT, 'dist', 'web'), copy, { recursive: true });
    if (isCompleteBuild(copy)) break;
    if (attempt === 20) {
      process.env.QCYCLE_TEST_WEB_BUILD_ERROR = 'dist/web stayed incomplete (another build kept writing it)';
      return copy;
    }
    spawnSync('sleep', ['3']);
  }
  process.env.QCYCLE_TEST_WEB_DIST = copy;
  return copy;
}

/** index.html is there and every asset it names too. */
function isCompleteBuild(dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const assets = [...readFileSync(index, 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map(
    (m) => m[1],
  );
  return assets.length > 0 && assets.every((asset) => existsSync(join(dir, asset)));
}
