import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig, type DatabaseConfig, type QcycleConfig } from '@qcycle/config';

// Loopback helpers shared with the start and test scripts (Node builtins only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort, waitForPort } = require('../../../scripts/lib/net.cjs');

/** What test/setup/global-setup.ts started, read from the environment it set. */
function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run the suites through Jest (npm test), whose global setup starts the servers`,
    );
  return value;
}

/** A short unique suffix for ids, task queues and database names of one suite. */
export function uniqueSuffix(): string {
  return randomUUID().replace(/-/g, '').slice(0, 12);
}

export type TestDatabaseKind = 'sqlite' | 'postgres';

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/** A new, empty database of the given kind, for one suite: a fresh PostgreSQL database or SQLite file. */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'qcycle-sqlite-'));
    const path = join(dir, 'qcycle.sqlite');
    return {
      config: { type: 'sqlite', path, url: path },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const serverUrl = required('QCYCLE_TEST_POSTGRES_URL');
  const name = `qcycle_${uniqueSuffix()}`;
  const admin = new PgClient({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    config: { type: 'postgres', url: url.toString() },
    drop: async () => {
      const client = new PgClient({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The shared Temporal dev server of this Jest run. Suites keep apart by task queue and workflow ids. */
export function devServerAddress(): string {
  return required('QCYCLE_TEST_TEMPORAL_ADDRESS');
}

/** The workflow code, bundled once per Jest run by the global setup. */
export function testWorkflowBundle(): { codePath: string } {
  return { codePath: required('QCYCLE_TEST_WORKFLOW_BUNDLE') };
}

/**
 * A qcycle configuration for a suite: its own database, its own task queue on the given Temporal
 * server, nothing read from the developer's environment.
 */
export function testConfig(database: DatabaseConfig, temporalAddress = devServerAddress()): QcycleConfig {
  const config = loadConfig({
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: `test-${uniqueSuffix()}`,
  });
  return { ...config, database };
}

/** A time-skipping environment that also stops the test server it started. */
class OwnedTimeSkippingEnvironment extends TestWorkflowEnvironment {
  serverProcess?: ChildProcess;

  override async teardown(): Promise<void> {
    await super.teardown();
    const server = this.serverProcess;
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
  }
}

/** What TestWorkflowEnvironment.create accepts; private in the SDK's typings (pinned: @temporalio/testing 1.24.0). */
interface InternalCreateOptions {
  server: { type: 'existing' };
  address: string;
  namespace: string;
  supportsTimeSkipping: boolean;
}

/**
 * A private time-skipping Temporal server (the Java test server built by scripts/provision.mjs):
 * one per suite, because skipping time is global to the server.
 *
 * We start the JVM ourselves instead of handing the SDK an 'existing-path' executable: the SDK
 * gives the server 5 s to open its port, and a cold JVM on a busy 2-core machine took longer
 * (measured: 1.4–1.9 s idle, over 5 s with both cores loaded; docs/testing.md). The SDK's
 * `createFromExistingServer` would turn time skipping off, so we call its internal `create` with
 * `supportsTimeSkipping: true` — the one place that relies on SDK internals.
 */
export async function startTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  // The port is free when chosen, but another suite's server may take it before the JVM binds it:
  // the port then opens (theirs), the JVM exits, and the gRPC handshake meets a stranger. Seen once
  // in ten full runs; a new port and server then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startTimeSkippingServerOnce();
    } catch (error) {
      if (attempt === 3 || !(error instanceof Error) || !/GetSystemInfo|exited/.test(error.message))
        throw error;
    }
  }
}

async function startTimeSkippingServerOnce(): Promise<TestWorkflowEnvironment> {
  const executable = required('QCYCLE_TEST_TIME_SKIPPING_SERVER');
  const port: number = await freePort();
  const serverProcess = spawn(executable, [String(port)], { stdio: ['ignore', 'ignore', 'ignore'] });
  try {
    await waitForPort(port, { timeoutMs: 120_000, what: 'Temporal time-skipping test server' });
    if (serverProcess.exitCode !== null) throw new Error(`the time-skipping server on ${port} exited`);
    const create = (
      OwnedTimeSkippingEnvironment as unknown as {
        create(o: InternalCreateOptions): Promise<OwnedTimeSkippingEnvironment>;
      }
    ).create;
    const env = await create.call(OwnedTimeSkippingEnvironment, {
      server: { type: 'existing' },
      address: `127.0.0.1:${port}`,
      namespace: 'default',
      supportsTimeSkipping: true,
    });
    env.serverProcess = serverProcess;
    return env;
  } catch (error) {
    serverProcess.kill('SIGKILL');
    throw error;
  }
}
