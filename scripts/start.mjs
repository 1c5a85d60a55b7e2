// `npm start`: qcycle on its embedded defaults, on one machine, with nothing set up beforehand.
// Installs what is missing, builds, starts the Temporal dev server (its own SQLite file under .data/),
// the API (which migrates qcycle's SQLite database) and the worker, then says where to go.
// Ctrl-C stops everything it started, worker first, Temporal last.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { ensureDependencies, root } = require('./lib/ensure-deps.cjs');
const { isPortFree, waitForPort } = require('./lib/net.cjs');

const log = (message) => console.log(`[qcycle] ${message}`);
const { resolveTemporalCli } = require('./lib/temporal-tools.cjs');

const dataDir = join(root, '.data');
mkdirSync(dataDir, { recursive: true });
// What it holds (qcycle's database, Temporal's, evidence files, the install's secrets) is not for
// other users of the machine: Temporal writes its file readable by all.
chmodSync(dataDir, 0o750);
/** A TCP port from the environment, or the default; anything else stops here with the variable's name. */
function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`[qcycle] ${name}=${raw} is not a TCP port (1–65535).`);
    process.exit(1);
  }
  return value;
}
const port = portFromEnv('PORT', 3000);
const publicUrl = process.env.PUBLIC_URL || `http://localhost:${port}`;
// An existing Temporal (TEMPORAL_ADDRESS) is used as it is; otherwise the embedded dev server runs,
// on 7233 with its UI on 8233 unless TEMPORAL_DEV_SERVER_PORT / TEMPORAL_DEV_SERVER_UI_PORT say otherwise.
const embeddedTemporal = !process.env.TEMPORAL_ADDRESS;
const temporalPort = portFromEnv('TEMPORAL_DEV_SERVER_PORT', 7233);
const temporalUiPort = portFromEnv('TEMPORAL_DEV_SERVER_UI_PORT', 8233);

// A port already taken (another qcycle, another Temporal) would otherwise surface later as a
// confusing failure, or worse, as this stack talking to someone else's Temporal.
const wanted = [{ port, name: 'PORT', what: 'the API' }];
if (embeddedTemporal) {
  wanted.push(
    { port: temporalPort, name: 'TEMPORAL_DEV_SERVER_PORT', what: 'the Temporal dev server' },
    { port: temporalUiPort, name: 'TEMPORAL_DEV_SERVER_UI_PORT', what: 'the Temporal UI' },
  );
}
for (const { port: candidate, name, what } of wanted) {
  if (!(await isPortFree(candidate))) {
    console.error(
      `[qcycle] port ${candidate} (${what}) is already in use: stop what listens there, or choose another with ${name}=<port>` +
        (name === 'PORT' ? '.' : ' (or use a Temporal that is already running: TEMPORAL_ADDRESS=host:port).'),
    );
    process.exit(1);
  }
}

ensureDependencies();
// The API prints the official documents as PDF with chromium and the Liberation fonts. Without them
// qcycle still runs; only the PDF downloads are refused, so say so here rather than stop.
const { ensureDocumentTools } = require('./lib/document-tools.cjs');
try {
  ensureDocumentTools({ forTests: false });
} catch (error) {
  log(`PDF documents will not print: ${error.message}`);
}

log('building (tsc, workflow bundle)…');
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
execFileSync(process.execPath, ['scripts/build-workflow-bundle.mjs', 'dist/workflow-bundle.js'], {
  cwd: root,
  stdio: 'inherit',
});
// The web app (apps/web → dist/web), served by the API on the same origin.
const { buildWeb } = await import('./build-web.mjs');
buildWeb({ log });

const children = [];
let stopping = false;

function start(name, command, args, env = {}, onLine) {
  // Own process group: Ctrl-C reaches only this script, which then stops the children in order.
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', onLine ? 'pipe' : 'inherit', 'inherit'],
    detached: true,
  });
  if (onLine) {
    // Pass the child's output through, and let the caller pick out lines meant for this script.
    createInterface({ input: child.stdout }).on('line', (line) =>
      onLine(line) ? undefined : console.log(line),
    );
  }
  child.name = name;
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(
        `[qcycle] ${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the rest.`,
      );
      stopAll(1);
    }
  });
  return child;
}

function demoBlock(logins, url) {
  if (!logins) return '  Sign in with the users of your directory (SEED_DEMO_DATA=true seeds demo users).\n';
  const rows = logins.users.map(
    (u) => `    ${u.email.padEnd(34)} ${u.roles.join(', ').padEnd(34)} ${u.fullName}`,
  );
  return `  Demo users (password for all: ${logins.password}):
${rows.join('\n')}

  Open ${url}/ and sign in as the Quality Representative to start the Kon Tum 2024 cycle.
  Or through the API (see docs/api.md):
    TOKEN=$(curl -s ${url}/api/v1/auth/login -H 'content-type: application/json' \\
      -d '{"email":"qmr@kontum.qcycle.test","password":"${logins.password}"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\\1/')
    curl -X POST ${url}/api/v1/cycles -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
         -d '{"organisationCode":"kontum","year":2024,"rehearsal":true}'
    curl ${url}/api/v1/cycles/kontum-2024 -H "authorization: Bearer $TOKEN"
`;
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      resolve();
    }
  });
}

async function stopAll(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  // Reverse start order: the worker drains before the API and Temporal go away.
  for (const child of [...children].reverse()) await stopChild(child);
  log('stopped; nothing left running.');
  process.exit(exitCode);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
// The children run in sessions of their own (so that a stop reaches each one's whole tree), and npm
// does not pass every signal on: when whoever started this script (npm, a supervisor) is gone, this
// script is orphaned, and it stops everything as it would on Ctrl-C instead of leaving it running.
const startedBy = process.ppid;
setInterval(() => {
  if (process.ppid !== startedBy) void stopAll(0);
}, 1000);

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} not healthy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

try {
  if (embeddedTemporal) {
    const cli = resolveTemporalCli();
    log('starting the Temporal dev server…');
    start('temporal', cli, [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(temporalPort),
      '--ui-port',
      String(temporalUiPort),
      '--db-filename',
      join(dataDir, 'temporal.sqlite'),
      '--log-level',
      'error',
    ]);
    await waitForPort(temporalPort, {
      timeoutMs: 60_000,
      what: `Temporal dev server (port ${temporalPort})`,
    });
  }

  // Logins and task links are signed with secrets of this install kept in .data/ (so sessions
  // survive a restart), never with the public development ones: the API listens on every interface.
  const secret = (name) => {
    const file = join(dataDir, name);
    if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
    return readFileSync(file, 'utf8').trim();
  };
  const appEnv = {
    TS_NODE_PROJECT: join(root, 'tsconfig.base.json'),
    TS_NODE_BASEURL: join(root, 'dist'),
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS || `127.0.0.1:${temporalPort}`,
    // The worker signs the links it mails, the API opens them.
    TASK_LINK_SECRET: process.env.TASK_LINK_SECRET || secret('task-link-secret'),
  };
  const node = (main) => [process.execPath, ['-r', 'tsconfig-paths/register', main]];
  // Demo people (with a published password) only in qcycle's own database: never seeded into a
  // database given with DATABASE_URL, which may be a real organisation's, unless asked for.
  const ownDatabase = !process.env.DATABASE_URL;
  let demoLogins;
  start(
    'api',
    ...node('dist/apps/api/src/main.js'),
    {
      ...appEnv,
      RUN_MIGRATIONS: 'true',
      SEED_DEMO_DATA: process.env.SEED_DEMO_DATA ?? String(ownDatabase),
      JWT_SECRET: process.env.JWT_SECRET || secret('jwt-secret'),
    },
    (line) => {
      // The API announces the seeded demo users on one machine-readable line (apps/api/src/demo).
      const marker = 'QCYCLE_DEMO_LOGINS ';
      const at = line.indexOf(marker);
      if (at < 0) return false;
      demoLogins = JSON.parse(line.slice(at + marker.length));
      return true;
    },
  );
  await waitForHealth(`http://127.0.0.1:${port}/health`, 120_000);
  start('worker', ...node('dist/apps/worker/src/main.js'), {
    ...appEnv,
    QCYCLE_WORKFLOW_BUNDLE: join(root, 'dist/workflow-bundle.js'),
  });

  console.log(`
  qcycle is running.

    Web app        ${publicUrl}/   (sign in with a demo user below)
    API            ${publicUrl}/api/v1
    OpenAPI docs   ${publicUrl}/api/docs
    Health         ${publicUrl}/health${embeddedTemporal ? `\n    Temporal UI    http://localhost:${temporalUiPort}` : ''}

${demoBlock(demoLogins, publicUrl)}
  Data lives in ${dataDir} and survives a restart. Press Ctrl-C to stop everything.
`);
} catch (error) {
  console.error(`[qcycle] ${error instanceof Error ? error.message : error}`);
  await stopAll(1);
}
