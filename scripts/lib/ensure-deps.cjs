'use strict';
// Installs the npm dependencies when they are missing or older than package-lock.json.
// Runs before anything is installed, so it uses Node builtins only.
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, rmdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..', '..');
const stampFile = join(root, 'node_modules', '.qcycle-install-stamp');
// Two commands started together (npm start and npm test, or two test runs) must not both run
// `npm ci`: the second would delete what the first is building. The first takes this lock.
const lockDir = join(root, '.npm-ci.lock');

function lockHash() {
  const lock = join(root, 'package-lock.json');
  return createHash('sha256').update(readFileSync(lock)).digest('hex');
}

const installed = (wanted) => existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted;
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function takeLock() {
  for (;;) {
    try {
      mkdirSync(lockDir);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock older than 15 minutes belongs to an install that died.
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > 15 * 60_000) rmdirSync(lockDir);
      } catch {
        /* released meanwhile */
      }
      sleep(1000);
    }
  }
}

function ensureDependencies() {
  const wanted = lockHash();
  if (installed(wanted)) return;
  takeLock();
  try {
    if (installed(wanted)) return; // another command installed them while this one waited
    console.log('[qcycle] installing npm dependencies (npm ci)…');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
    writeFileSync(stampFile, wanted);
  } finally {
    rmdirSync(lockDir);
  }
}

module.exports = { ensureDependencies, root };
