import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { stripVTControlCharacters } from 'node:util';
import { join } from 'node:path';
import { loadConfig } from '@qcycle/config';
import { migrateUp, MIGRATIONS, openDataSource, OrganisationEntity, UserEntity } from '@qcycle/persistence';
import {
  createTestDatabase,
  devServerAddress,
  testConfig,
  testWorkflowBundle,
  uniqueSuffix,
  type TestDatabase,
} from '@qcycle/testing';
import { createApiApp } from '../../apps/api/src/api-app';
import { createOrganisation } from '../../apps/api/src/create-organisation';
import { migrate } from '../support/apps';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../scripts/lib/net.cjs');

/**
 * What an operator sees when an install is set up wrong: the process stops at boot with one line
 * naming the setting and its value (never a password), instead of running on the wrong database, on
 * an unmigrated one, or dying with a stack or "undefined".
 */
const root = join(__dirname, '../..');
const register = join(root, 'test/faults/support/register-ts.cjs');

interface Run {
  code: number | null;
  output: string;
}

/**
 * Runs an app's main.ts from its sources with only `env`. Resolves when it exits, or, once its
 * output matches `until`, stops it and resolves then.
 */
function runMain(
  main: string,
  env: Record<string, string>,
  { cwd = root, until }: { cwd?: string; until?: RegExp } = {},
): Promise<Run> {
  const child = spawn(process.execPath, ['-r', register, join(root, main)], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (until?.test(output)) child.kill('SIGTERM');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(killer);
      // Without the colours of Nest's logger.
      resolve({ code, output: stripVTControlCharacters(output) });
    }),
  );
}

describe('the worker refuses to start with one line naming the Temporal setting', () => {
  let database: TestDatabase;
  let workerEnv: Record<string, string>;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    workerEnv = {
      DATABASE_URL: database.config.url,
      TEMPORAL_ADDRESS: devServerAddress(),
      TEMPORAL_TASK_QUEUE: `startup-${uniqueSuffix()}`,
      QCYCLE_WORKFLOW_BUNDLE: testWorkflowBundle().codePath,
    };
  });
  afterAll(() => database?.drop());

  it('names TEMPORAL_NAMESPACE for a namespace the server does not have, and logs the database first', async () => {
    const namespace = `nope-${uniqueSuffix()}`;
    const run = await runMain('apps/worker/src/main.ts', { ...workerEnv, TEMPORAL_NAMESPACE: namespace });
    expect(run.code).toBe(1);
    expect(run.output).toContain(
      `TEMPORAL_NAMESPACE: namespace "${namespace}" does not exist on the Temporal server at ${devServerAddress()}`,
    );
    expect(run.output).not.toContain('undefined');
    const url = new URL(database.config.url);
    expect(run.output).toContain(
      `database: PostgreSQL database ${url.pathname.slice(1)} on ${url.hostname}:${url.port || '5432'}`,
    );
    if (url.password) expect(run.output).not.toContain(url.password);
  });

  it('names TEMPORAL_ADDRESS when Temporal does not answer there, and TEMPORAL_TLS_CERT_PATH for a missing file', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const unreachable = await runMain('apps/worker/src/main.ts', { ...workerEnv, TEMPORAL_ADDRESS: address });
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toContain(`TEMPORAL_ADDRESS: cannot connect to Temporal at "${address}"`);
    expect(unreachable.output).not.toMatch(/\n\s+at /);

    const noCertificate = await runMain('apps/worker/src/main.ts', {
      ...workerEnv,
      TEMPORAL_TLS_CERT_PATH: '/nonexistent/client.pem',
      TEMPORAL_TLS_KEY_PATH: '/nonexistent/client.key',
    });
    expect(noCertificate.code).toBe(1);
    expect(noCertificate.output).toContain(
      'TEMPORAL_TLS_CERT_PATH: cannot read the file "/nonexistent/client.pem"',
    );
    expect(noCertificate.output).not.toMatch(/\n\s+at /);
  });
});

describe('the API at boot', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qcycle-startup-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const apiEnv = async (overrides: Record<string, string>) => ({
    TEMPORAL_ADDRESS: devServerAddress(),
    PORT: String(await freePort()),
    ...overrides,
  });

  it('refuses a mistyped PostgreSQL URL in production without creating a SQLite file or showing the password', async () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    const run = await runMain(
      'apps/api/src/main.ts',
      await apiEnv({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres//qcycle:s3cr3t@db/qcycle',
        TASK_LINK_SECRET: 's'.repeat(40),
        JWT_SECRET: 'j'.repeat(40),
      }),
      { cwd },
    );
    expect(run.code).toBe(1);
    expect(run.output).toContain('DATABASE_URL: must be a postgres://user:pass@host:5432/db URL');
    expect(run.output).not.toContain('s3cr3t');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses a database with migrations pending unless RUN_MIGRATIONS=true, which applies them and logs their names', async () => {
    const file = join(dir, 'qcycle.sqlite');
    const refused = await runMain('apps/api/src/main.ts', await apiEnv({ DATABASE_URL: file }));
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`database: SQLite file ${file}`);
    // Created by the API: not readable by other users of the machine.
    expect(statSync(file).mode & 0o007).toBe(0);
    expect(refused.output).toContain(
      `RUN_MIGRATIONS: the database is behind this version of qcycle: ${MIGRATIONS.length} migrations pending`,
    );

    const migrating = await runMain(
      'apps/api/src/main.ts',
      await apiEnv({ DATABASE_URL: file, RUN_MIGRATIONS: 'true' }),
      { until: /listening on / },
    );
    expect(migrating.output).toContain(
      `applied ${MIGRATIONS.length} migrations: ${MIGRATIONS.map((m) => m.name).join(', ')}`,
    );
    expect(migrating.output).toContain('listening on ');
  });

  it('refuses, with the worker, a database a newer version migrated (a rollback), even with RUN_MIGRATIONS=true', async () => {
    const file = join(dir, 'newer.sqlite');
    const dataSource = await openDataSource(loadConfig({ DATABASE_URL: file }).database);
    try {
      await migrateUp(dataSource);
      await dataSource.query(
        `INSERT INTO migrations (timestamp, name) VALUES (1999999999999, 'ObjectiveWeights1999999999999')`,
      );
    } finally {
      await dataSource.destroy();
    }
    const refusal =
      'DATABASE_URL: the database is ahead of this version of qcycle: a newer version applied 1 migration this one does not have (ObjectiveWeights1999999999999)';
    const api = await runMain(
      'apps/api/src/main.ts',
      await apiEnv({ DATABASE_URL: file, RUN_MIGRATIONS: 'true' }),
    );
    expect(api.code).toBe(1);
    expect(api.output).toContain(refusal);
    expect(api.output).not.toContain('listening on ');
    const worker = await runMain('apps/worker/src/main.ts', {
      DATABASE_URL: file,
      TEMPORAL_ADDRESS: devServerAddress(),
      TEMPORAL_TASK_QUEUE: `startup-${uniqueSuffix()}`,
      QCYCLE_WORKFLOW_BUNDLE: testWorkflowBundle().codePath,
    });
    expect(worker.code).toBe(1);
    expect(worker.output).toContain(refusal);
  });

  it('refuses an unmigrated PostgreSQL database in process too (createApiApp, as main.ts calls it)', async () => {
    const database = await createTestDatabase('postgres');
    try {
      const config = testConfig(database.config);
      await expect(createApiApp(config, { logger: false, refusePendingMigrations: true })).rejects.toThrow(
        /^RUN_MIGRATIONS: the database is behind this version of qcycle/,
      );
      const app = await createApiApp(config, { logger: false, runMigrations: true });
      await app.close();
      const again = await createApiApp(config, { logger: false, refusePendingMigrations: true });
      await again.close();
    } finally {
      await database.drop();
    }
  });
});

describe('create-organisation refuses, writing nothing', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(() => database?.drop());

  const args = (code: string) =>
    [
      ['--code', code],
      ['--name', 'Ủy ban nhân dân tỉnh Thử'],
      ['--name-en', "Thu Provincial People's Committee"],
      ['--admin-name', 'Nguyễn Văn Quản Trị'],
      ['--admin-email', `admin@${code}.gov.vn`],
    ].flat();

  it('on an unmigrated database without RUN_MIGRATIONS, naming it', async () => {
    const config = testConfig(database.config);
    await expect(
      createOrganisation(config, args(`cu-${uniqueSuffix()}`), { QCYCLE_ADMIN_PASSWORD: 'a-long-password' }),
    ).rejects.toThrow(/^RUN_MIGRATIONS: .* run this command with RUN_MIGRATIONS=true/);
  });

  it('an administrator nobody could sign in as: no QCYCLE_ADMIN_PASSWORD and no SSO', async () => {
    const config = testConfig(database.config);
    await migrate(config);
    const code = `cn-${uniqueSuffix()}`;
    await expect(createOrganisation(config, args(code), {})).rejects.toThrow(
      /QCYCLE_ADMIN_PASSWORD: not set, and no SSO is configured .*-e QCYCLE_ADMIN_PASSWORD=/,
    );
    const dataSource = await openDataSource(database.config);
    try {
      expect(await dataSource.getRepository(OrganisationEntity).countBy({ code })).toBe(0);
      expect(await dataSource.getRepository(UserEntity).countBy({ email: `admin@${code}.gov.vn` })).toBe(0);
    } finally {
      await dataSource.destroy();
    }
    // With the SSO configured, the administrator signs in through it: no password needed.
    const sso = loadConfig({
      OIDC_ISSUER: 'https://sso.example.gov.vn/realms/qlcl',
      OIDC_AUDIENCE: 'qcycle',
      OIDC_JWKS_URL: 'https://sso.example.gov.vn/realms/qlcl/protocol/openid-connect/certs',
    }).auth;
    const ssoCode = `cs-${uniqueSuffix()}`;
    await expect(createOrganisation({ ...config, auth: sso }, args(ssoCode), {})).resolves.toMatchObject({
      code: ssoCode,
    });
  });
});
