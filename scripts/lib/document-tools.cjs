'use strict';
// What the official documents need besides chromium (scripts/lib/chromium.cjs), see docs/documents.md:
// the Liberation fonts with Vietnamese (`fonts-liberation2`: Liberation Serif 2.x stands in for Times
// New Roman; the 1.x of `fonts-liberation` has no Vietnamese letters, chromium would fall back to
// DejaVu Sans for them), and for the tests poppler-utils (pdftotext, pdffonts, pdftoppm) and unzip.
// As root on Debian the missing packages are installed with apt, like PostgreSQL and chromium.
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { ensureChromium } = require('./chromium.cjs');

const onPath = (command) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Each Debian package with how to tell it is there; `tests`: only the tests read documents with it. */
const REQUIREMENTS = [
  {
    pkg: 'fonts-liberation2',
    present: () => existsSync('/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf'),
  },
  { pkg: 'poppler-utils', tests: true, present: () => ['pdftotext', 'pdffonts', 'pdftoppm'].every(onPath) },
  { pkg: 'unzip', tests: true, present: () => onPath('unzip') },
];

function installWithApt(packages) {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return;
  console.log(`[qcycle] documents: installing Debian packages ${packages.join(', ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], {
    stdio: 'inherit',
    env,
  });
}

/**
 * Chromium and the fonts the API prints PDFs with, and with `forTests` (npm test) poppler and unzip
 * to read them back; installed first when missing; throws when they cannot be had.
 */
function ensureDocumentTools({ forTests = true } = {}) {
  ensureChromium();
  const needed = REQUIREMENTS.filter((r) => forTests || !r.tests);
  let missing = needed.filter((r) => !r.present()).map((r) => r.pkg);
  if (missing.length > 0) installWithApt(missing);
  missing = needed.filter((r) => !r.present()).map((r) => r.pkg);
  if (missing.length > 0) {
    throw new Error(
      `The documents need the Debian packages ${missing.join(', ')}, which are not installed and could not be: ` +
        `apt-get install ${missing.join(' ')}`,
    );
  }
}

module.exports = { ensureDocumentTools };
