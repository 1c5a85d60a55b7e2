'use strict';
// Installs the npm dependencies when they are missing or older than package-lock.json.
// Runs before anything is installed, so it uses Node builtins only.
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..', '..');
const stampFile = join(root, 'node_modules', '.qcycle-install-stamp');

function lockHash() {
  const lock = join(root, 'package-lock.json');
  return createHash('sha256').update(readFileSync(lock)).digest('hex');
}

function ensureDependencies() {
  const wanted = lockHash();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted) return;
  console.log('[qcycle] installing npm dependencies (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  writeFileSync(stampFile, wanted);
}

module.exports = { ensureDependencies, root };
