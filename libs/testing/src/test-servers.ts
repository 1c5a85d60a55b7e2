import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig, type DatabaseConfig, type QcycleConfig } from '@qcycle/config';

/** What test/setup/global-setup.ts started, read from the environment it set. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suites through Jest (npm test), whose global setup starts the servers`);
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
    return { config: { type: 'sqlite', path, url: path }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
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
  const config = loadConfig({ TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_TASK_QUEUE: `test-${uniqueSuffix()}` });
  return { ...config, database };
}

/**
 * A private time-skipping Temporal server (the Java test server built by scripts/provision.mjs):
 * one per suite, because skipping time is global to the server.
 */
export async function startTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const path = required('QCYCLE_TEST_TIME_SKIPPING_SERVER');
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}
