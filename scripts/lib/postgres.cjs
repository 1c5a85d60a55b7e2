'use strict';
// A throwaway PostgreSQL server on loopback for the test command: initdb into a temporary folder,
// start on a free port, drop everything on stop. Installs Debian's `postgresql` when it is absent.
const { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');
const { execFileSync } = require('node:child_process');
const { freePort } = require('./net.cjs');

function findPgBinDir() {
  const candidates = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    /* pg_config is not always installed with the server */
  }
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    for (const version of readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a))) {
      candidates.push(join(debianRoot, version, 'bin'));
    }
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

function installPostgresWithApt() {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return;
  console.log('[qcycle] PostgreSQL is not installed: installing Debian package `postgresql`…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'postgresql'], {
    stdio: 'inherit',
    env,
  });
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` system user. */
function asServerUser(bin, args) {
  if (process.getuid?.() === 0) return ['runuser', ['-u', 'postgres', '--', bin, ...args]];
  return [bin, args];
}

function serverUserIds() {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/**
 * Starts a fresh server and returns { url, stop }. The url connects as the superuser `postgres`
 * (trust authentication, loopback only) to the database `postgres`.
 */
async function startThrowawayPostgres() {
  let binDir = findPgBinDir();
  if (!binDir) {
    installPostgresWithApt();
    binDir = findPgBinDir();
  }
  if (!binDir) {
    throw new Error(
      'PostgreSQL is not installed and could not be installed; install it, or set QCYCLE_TEST_POSTGRES_URL.',
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'qcycle-pg-'));
  if (process.getuid?.() === 0) {
    const { uid, gid } = serverUserIds();
    chownSync(dataDir, uid, gid);
  }
  const port = await freePort();
  const run = (bin, args) => {
    const [command, argv] = asServerUser(join(binDir, bin), args);
    // cwd: the server user may not enter the caller's folder (a private checkout); it owns dataDir.
    execFileSync(command, argv, { cwd: dataDir, stdio: ['ignore', 'ignore', 'inherit'] });
  };
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const start = () =>
    run('pg_ctl', [
      '-D',
      dataDir,
      '-w',
      '-t',
      '60',
      '-l',
      join(dataDir, 'server.log'),
      '-o',
      `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
      'start',
    ]);
  start();
  const stop = () => {
    try {
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  // The fault suites (test/faults) take their own server down and bring it back on the same port and
  // data: `pause` stops it as an outage would (open connections are cut), `resume` starts it again.
  const pause = () => run('pg_ctl', ['-D', dataDir, '-w', '-m', 'fast', 'stop']);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, stop, pause, resume: start };
}

module.exports = { startThrowawayPostgres };
