// Builds the web app (apps/web) into dist/web, which the API serves on the same origin.
// Type-checks it first against the API types generated from the OpenAPI document, so a changed route
// breaks the build and not the user. Skips both when dist/web is newer than every source file.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

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
  const sources = Math.max(
    newest(join(web, 'src')),
    newest(join(web, 'index.html')),
    newest(join(web, 'vite.config.ts')),
    newest(join(root, 'package-lock.json')),
  );
  if (!force && existsSync(built) && statSync(built).mtimeMs >= sources) {
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
    { cwd: root, stdio: 'inherit' },
  );
}

// `node scripts/build-web.mjs [--force] [--no-install]`: --no-install where npm ci already ran (the image build).
if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv.includes('--no-install')) ensureDependencies();
  buildWeb({ force: process.argv.includes('--force') });
}
