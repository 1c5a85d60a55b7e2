import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import {
  createTestDatabase,
  eventually,
  testWorkflowBundle,
  uniqueSuffix,
  type TestDatabase,
} from '@qcycle/testing';

// CommonJS helpers shared with the start and test scripts (Node builtins only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveTemporalCli } = require('../../../scripts/lib/temporal-tools.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startThrowawayPostgres } = require('../../../scripts/lib/postgres.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort, reservedFreePort, waitForPort } = require('../../../scripts/lib/net.cjs');

const root = join(__dirname, '../../..');
const register = join(__dirname, 'register-ts.cjs');

/** A process of the stack that a fault suite may kill; its output goes to a log file in the stack's folder. */
export interface StackProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  readonly exited: Promise<void>;
}

function spawnLogged(name: string, logFile: string, command: string, args: string[], env: NodeJS.ProcessEnv) {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { name, child, logFile, exited } satisfies StackProcess;
}

export function isRunning(process: StackProcess | undefined): process is StackProcess {
  return !!process && process.child.exitCode === null && process.child.signalCode === null;
}

async function stopProcess(process: StackProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!isRunning(process)) return;
  process.child.kill(signal);
  const killer = setTimeout(() => process.child.kill('SIGKILL'), 15_000);
  await process.exited;
  clearTimeout(killer);
}

/** The last lines a process wrote, for a failure message. */
export function logTail(process: StackProcess | undefined, lines = 30): string {
  if (!process) return '';
  try {
    return readFileSync(process.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export interface FaultStackOptions {
  /**
   * A PostgreSQL server of the suite's own (initdb in a temporary folder), which the suite may stop
   * and start: `pausePostgres()`/`resumePostgres()`. Default: a database on the run's shared server.
   */
  ownPostgres?: boolean;
}

/**
 * qcycle as it runs in production, for one fault suite, every part a process of the suite's own:
 * a Temporal dev server on a SQLite file in a temporary folder (so it can restart on its data), a
 * PostgreSQL database (on a server of its own when the suite stops PostgreSQL), and the worker and
 * the API as child processes started from the TypeScript sources (register-ts.cjs), so that a
 * suite can SIGKILL them and start new ones. The API keeps its port across restarts, so clients
 * retry against the same URL. Only this stack's processes are ever signalled.
 */
export class FaultStack {
  readonly dir = mkdtempSync(join(tmpdir(), 'qcycle-faults-'));
  readonly taskQueue = `faults-${uniqueSuffix()}`;
  private readonly jwtSecret = randomBytes(32).toString('base64url');
  private readonly taskLinkSecret = randomBytes(32).toString('base64url');
  private temporalProcess?: StackProcess;
  private temporalPorts?: { port: number; uiPort: number };
  private ownServer?: { url: string; stop(): void; pause(): void; resume(): void };
  private database?: TestDatabase;
  private connection?: Connection;
  private starts = 0;
  worker?: StackProcess;
  api?: StackProcess;
  apiPort = 0;

  private constructor(private readonly options: FaultStackOptions) {}

  /** Starts Temporal and the database, migrates, starts the API (which seeds the demo directory) and a worker. */
  static async start(options: FaultStackOptions = {}): Promise<FaultStack> {
    const stack = new FaultStack(options);
    try {
      await stack.startTemporal();
      await stack.createDatabase();
      stack.apiPort = await freePort();
      await stack.startApi({ migrate: true });
      await stack.startWorker();
      return stack;
    } catch (error) {
      await stack.close();
      throw error;
    }
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  get temporalAddress(): string {
    return `127.0.0.1:${this.temporalPorts?.port}`;
  }

  get databaseUrl(): string {
    const url = this.database?.config.url;
    if (!url) throw new Error('the fault stack has no database');
    return url;
  }

  /** A short-lived connection to the stack's database, for the suite's counts. */
  async sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    const client = new PgClient({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(query, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  // ---- Temporal -------------------------------------------------------------------------------

  async startTemporal(): Promise<void> {
    // Reserved: the dev server picks free ports of its own beside these (scripts/lib/net.cjs).
    this.temporalPorts ??= { port: await reservedFreePort(), uiPort: await reservedFreePort() };
    const { port, uiPort } = this.temporalPorts;
    this.temporalProcess = spawnLogged(
      'temporal',
      join(this.dir, 'temporal.log'),
      resolveTemporalCli(),
      [
        'server',
        'start-dev',
        '--headless',
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--ui-port',
        String(uiPort),
        '--db-filename',
        join(this.dir, 'temporal.sqlite'),
        '--log-level',
        'error',
      ],
      { ...process.env },
    );
    await waitForPort(port, { timeoutMs: 60_000, what: 'the fault suite’s Temporal dev server' });
    // The frontend listens before the namespace is served: wait until it answers for it.
    await eventually(
      'the default namespace on the restarted dev server',
      async () => {
        const connection = await this.temporalConnection();
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return true;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  }

  /** Stops the dev server (SIGTERM, as a restart would); its SQLite file stays. */
  async stopTemporal(): Promise<void> {
    await stopProcess(this.temporalProcess, 'SIGTERM');
  }

  /** Starts the dev server again on the same SQLite file and port, and waits until it serves the namespace. */
  async restartTemporal(): Promise<void> {
    await this.stopTemporal();
    await this.startTemporal();
  }

  /** Whether the API's /health answers 503 naming that part down (the filter puts terminus' report in `details`). */
  async apiSeesDown(part: 'temporal' | 'database'): Promise<boolean> {
    const response = await fetch(`${this.baseUrl}/health`);
    const body = (await response.json()) as { details?: Record<string, { status?: string }> };
    return response.status === 503 && body.details?.[part]?.status === 'down';
  }

  /** The suite's own connection to its Temporal (it reconnects after a restart by itself). */
  async temporalConnection(): Promise<Connection> {
    this.connection ??= await Connection.connect({ address: this.temporalAddress });
    return this.connection;
  }

  // ---- PostgreSQL -----------------------------------------------------------------------------

  private async createDatabase(): Promise<void> {
    if (!this.options.ownPostgres) {
      this.database = await createTestDatabase('postgres');
      return;
    }
    const server = await startThrowawayPostgres();
    this.ownServer = server;
    const url = new URL(server.url);
    url.pathname = '/qcycle';
    const admin = new PgClient({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE qcycle');
    await admin.end();
    this.database = {
      config: { type: 'postgres', url: url.toString() },
      drop: async () => server.stop(),
    };
  }

  /** Stops the suite's own PostgreSQL server (fast shutdown: open connections are cut). */
  pausePostgres(): void {
    if (!this.ownServer) throw new Error('pausePostgres needs FaultStack.start({ ownPostgres: true })');
    this.ownServer.pause();
  }

  resumePostgres(): void {
    if (!this.ownServer) throw new Error('resumePostgres needs FaultStack.start({ ownPostgres: true })');
    this.ownServer.resume();
  }

  // ---- the apps -------------------------------------------------------------------------------

  private appEnv(): NodeJS.ProcessEnv {
    // Nothing from the developer's qcycle environment: only what this stack decides.
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      TZ: 'UTC',
      DATABASE_URL: this.databaseUrl,
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      PORT: String(this.apiPort),
      PUBLIC_URL: this.baseUrl,
      JWT_SECRET: this.jwtSecret,
      TASK_LINK_SECRET: this.taskLinkSecret,
      RATE_LIMIT_LOGIN_PER_MINUTE: '10000',
      RATE_LIMIT_WRITES_PER_MINUTE: '10000',
      SEED_DEMO_DATA: 'true',
      EVIDENCE_DIR: join(this.dir, 'evidence'),
      QCYCLE_WORKFLOW_BUNDLE: testWorkflowBundle().codePath,
    };
  }

  private spawnApp(name: 'api' | 'worker', main: string, env: NodeJS.ProcessEnv): StackProcess {
    this.starts++;
    return spawnLogged(
      name,
      join(this.dir, `${name}-${this.starts}.log`),
      process.execPath,
      ['-r', register, join(root, main)],
      env,
    );
  }

  /** A new API process on the stack's port; resolves when /health answers 200. */
  async startApi({ migrate = false } = {}): Promise<StackProcess> {
    const api = this.spawnApp('api', 'apps/api/src/main.ts', {
      ...this.appEnv(),
      RUN_MIGRATIONS: String(migrate),
    });
    this.api = api;
    await eventually(
      'the API answering /health',
      async () => {
        if (!isRunning(api)) throw new Error(`the API exited:\n${logTail(api)}`);
        const response = await fetch(`${this.baseUrl}/health`).catch(() => undefined);
        return response?.status === 200 ? true : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 200 },
    );
    return api;
  }

  /** A new worker process; resolves when it polls the stack's task queue (its identity names its pid). */
  async startWorker(): Promise<StackProcess> {
    const worker = this.spawnApp('worker', 'apps/worker/src/main.ts', this.appEnv());
    this.worker = worker;
    await eventually(
      'the worker polling its task queue',
      async () => {
        if (!isRunning(worker)) throw new Error(`the worker exited:\n${logTail(worker)}`);
        return (await this.pollerPids()).includes(worker.child.pid as number) ? true : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    return worker;
  }

  /** The pids of the workers Temporal has seen polling the stack's workflow task queue recently. */
  private async pollerPids(): Promise<number[]> {
    const connection = await this.temporalConnection();
    const described = await connection.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: this.taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    return (described.pollers ?? []).map((p) => Number(String(p.identity ?? '').split('@')[0]));
  }

  /** SIGKILL: no shutdown hook runs, in-flight activities and workflow tasks are left where they were. */
  async kill(process: StackProcess | undefined): Promise<void> {
    await stopProcess(process, 'SIGKILL');
  }

  /** Stops everything this stack started: worker, API, Temporal, then the database (or its own server). */
  async close(): Promise<void> {
    await stopProcess(this.worker, 'SIGTERM');
    await stopProcess(this.api, 'SIGTERM');
    await this.connection?.close().catch(() => undefined);
    await stopProcess(this.temporalProcess, 'SIGTERM');
    try {
      await this.database?.drop();
    } finally {
      if (this.ownServer && !this.database) this.ownServer.stop();
      // QCYCLE_FAULT_LOGS=1 keeps the folder (the apps' and Temporal's logs) to read after a failure.
      if (process.env.QCYCLE_FAULT_LOGS) console.log(`fault stack logs kept in ${this.dir}`);
      else rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
