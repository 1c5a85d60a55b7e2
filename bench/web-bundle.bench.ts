/**
 * The first-load budget of the web app (issue #8: "the first page loads at most 300 KB of gzipped
 * JavaScript; split the rest"). Builds the app when stale (`node scripts/build-web.mjs`: type check
 * and vite build into dist/web), then prints what the sign-in page loads — index.html's entry script
 * and its static imports, gzipped — against the budget, and the size of every lazy chunk (the pages
 * loaded with `import()` when first opened). Sizes, not times. Run with `npm run bench`.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyseWebBundle, type Chunk } from './support/web-bundle';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist', 'web');
/** 300 KB of gzipped JavaScript for the first page. */
const BUDGET_BYTES = 300 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const total = (chunks: Chunk[], key: 'bytes' | 'gzipBytes') => chunks.reduce((sum, c) => sum + c[key], 0);

function table(chunks: Chunk[]): string[] {
  const width = Math.max(...chunks.map((c) => c.file.length), 4);
  return [...chunks]
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
    .map(
      (c) => `  ${c.file.padEnd(width)}  ${kb(c.gzipBytes).padStart(9)} gzip  ${kb(c.bytes).padStart(9)} raw`,
    );
}

describe('web app bundle: what the first page loads', () => {
  it('builds the web app and prints the first page’s gzipped JavaScript against the 300 KB budget, and each lazy chunk', () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-web.mjs')], { cwd: ROOT, stdio: 'inherit' });
    const scripts = readdirSync(join(DIST, 'assets'))
      .filter((name) => /\.m?js$/.test(name))
      .map((name) => `assets/${name}`);
    const bundle = analyseWebBundle(DIST, scripts);
    const firstPage = total(bundle.firstPage, 'gzipBytes');

    console.log(
      [
        `web-bundle: the first page (sign-in) loads ${kb(firstPage)} of gzipped JavaScript ` +
          `(${kb(total(bundle.firstPage, 'bytes'))} raw), budget ${kb(BUDGET_BYTES)}: ` +
          `${((firstPage / BUDGET_BYTES) * 100).toFixed(0)} % of it`,
        ...table(bundle.firstPage),
        `lazy chunks (${bundle.lazy.length}, ${kb(total(bundle.lazy, 'gzipBytes'))} gzip in all), loaded when a page first needs them:`,
        ...table(bundle.lazy),
      ].join('\n'),
    );

    expect(bundle.lazy.length).toBeGreaterThan(0); // the pages are split off the first load
    expect(firstPage).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
