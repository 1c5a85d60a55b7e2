'use strict';
// Debian's chromium for the browser suites (driven through playwright-core, which downloads no
// browser of its own). Installs the Debian package `chromium` when it is absent and we may (root, apt).
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');

const CHROMIUM = process.env.QCYCLE_TEST_CHROMIUM || '/usr/bin/chromium';

function installChromiumWithApt() {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return;
  console.log('[qcycle] chromium is not installed: installing Debian package `chromium`…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env,
  });
}

/** The chromium executable, installed first when missing; throws when there is none to be had. */
function ensureChromium() {
  if (!existsSync(CHROMIUM)) installChromiumWithApt();
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `chromium is not installed (${CHROMIUM}) and could not be installed: ` +
        'install the Debian package `chromium` (apt-get install chromium), or set QCYCLE_TEST_CHROMIUM.',
    );
  }
  return CHROMIUM;
}

module.exports = { ensureChromium };
