// Builds the web app (apps/web) into dist/web, which the API serves on the same origin: always the
// production build (React's own, minified), with a brotli and a gzip copy of every script and
// stylesheet (apps/web/precompress.plugin.ts). Type-checks it first against the API types generated
// from the OpenAPI document, so a changed route breaks the build and not the user. Skips both when
// dist/web is marked as built from sources at least as new as every source file now, and has its
// compressed copies.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { ensureDependencies, root } = require('./lib/ensure-deps.cjs');

/** The newest modification time under a folder (files only). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), 0);
}

export function buildWeb({ force = false, log = (m) => console.log(`[qcycle] ${m}`) } = {}) {
  const web = join(root, 'apps/web');
  const built = join(root, 'dist/web/index.html');
  // apps/web holds the sources, index.html, the Vite config and its plugins (nothing built).
  const sources = Math.max(
    newest(web),
    newest(join(root, 'package-lock.json')),
    newest(fileURLToPath(import.meta.url)),
  );
  if (!force && existsSync(built) && statSync(built).mtimeMs >= sources && hasCompressedEntry(built)) {
    log('web app is up to date (dist/web)');
    return;
  }
  log('building the web app (type check, vite build)…');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(web, 'tsconfig.json')],
    { cwd: root, stdio: 'inherit' },
  );
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      join(web, 'vite.config.ts'),
      '--logLevel',
      'warn',
    ],
    // NODE_ENV as the caller's would decide which React is bundled: under Jest (NODE_ENV=test, the
    // browser suites' global setup) Vite built React's development bundle — 45 % more JavaScript,
    // every effect run twice — which `npm start` then served, dist/web being up to date.
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  // Marked with the sources' time as read before the build, not the build's end: a source saved while
  // it ran is newer, and the next run builds again instead of serving what that edit missed.
  utimesSync(built, new Date(), new Date(sources));
}

/** Whether index.html's entry script has its brotli copy (a build made before they were written has not). */
function hasCompressedEntry(indexHtml) {
  const entry = /<script[^>]*type="module"[^>]*src="\/([^"]+)"/.exec(readFileSync(indexHtml, 'utf8'));
  return entry !== null && existsSync(join(dirname(indexHtml), `${entry[1]}.br`));
}

// `node scripts/build-web.mjs [--force] [--no-install]`: --no-install where npm ci already ran (the image build).
if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv.includes('--no-install')) ensureDependencies();
  buildWeb({ force: process.argv.includes('--force') });
}
