import { MigrationExecutor, type DataSource } from 'typeorm';
import { StartupError } from '@qcycle/config';

/**
 * The key of the PostgreSQL advisory lock {@link migrateUp} holds: any fixed number, the same in
 * every qcycle process (it reads "qcycle" in ASCII).
 */
export const MIGRATION_LOCK_KEY = '113099121099108101';

/**
 * Applies pending migrations, each in its own transaction; returns the names applied. On PostgreSQL
 * it holds a session advisory lock meanwhile: two API replicas starting together with
 * RUN_MIGRATIONS=true both found the same migrations pending and ran them at once, and the second
 * failed (`duplicate key … pg_type_typname_nsp_index`). Now the second waits, then finds none.
 */
export async function migrateUp(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type !== 'postgres')
    return names(await dataSource.runMigrations({ transaction: 'each' }));
  // The lock belongs to a session: the migrations run on that same connection, so migrating takes
  // one connection of the pool, as before.
  const session = dataSource.createQueryRunner();
  try {
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, session);
      executor.transaction = 'each';
      return names(await executor.executePendingMigrations());
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await session.release();
  }
}

const names = (migrations: { name: string }[]) => migrations.map((m) => m.name);

/** The names of the migrations not yet applied to this database, in order. Writes nothing. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = new Set(await appliedMigrations(dataSource));
  return knownMigrations(dataSource).filter((name) => !applied.has(name));
}

/**
 * The migrations applied to this database that this code does not have: a newer version of qcycle
 * migrated it (the images were rolled back without the backup). Writes nothing.
 */
export async function unknownMigrations(dataSource: DataSource): Promise<string[]> {
  const known = new Set(knownMigrations(dataSource));
  return (await appliedMigrations(dataSource)).filter((name) => !known.has(name));
}

const knownMigrations = (dataSource: DataSource): string[] =>
  dataSource.migrations.map((m) => m.name ?? m.constructor.name);

/** The names in the migrations table, in the order they were applied; none without the table. */
async function appliedMigrations(dataSource: DataSource): Promise<string[]> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const runner = dataSource.createQueryRunner();
  try {
    if (!(await runner.hasTable(table))) return [];
    const rows = (await runner.query(`SELECT name FROM ${table} ORDER BY id`)) as { name: string }[];
    return rows.map((r) => r.name);
  } finally {
    await runner.release();
  }
}

/**
 * Refuses a database that is ahead of the code. Older code on a newer schema writes what the newer
 * code does not expect, or fails on what it added (a column without a default: 500 on every write),
 * and its workflows cannot replay what newer workers recorded. Checked by the API and the worker at
 * boot, with or without RUN_MIGRATIONS.
 */
export async function assertNotAheadOfCode(dataSource: DataSource): Promise<void> {
  const unknown = await unknownMigrations(dataSource);
  if (unknown.length === 0) return;
  throw new StartupError(
    'DATABASE_URL',
    `the database is ahead of this version of qcycle: a newer version applied ${countOf(unknown)} this one does not have (${listed(unknown)}); run that version, or restore the backup taken before the upgrade (docs/operations.md, Upgrades)`,
  );
}

const countOf = (names: string[]) => `${names.length} migration${names.length === 1 ? '' : 's'}`;
const listed = (names: string[]) => (names.length > 3 ? [...names.slice(0, 3), '…'] : names).join(', ');

/**
 * Refuses a database that is behind the code: without it the API started on an unmigrated
 * database, answered /health 200 and then 500 on every call (`relation "rate_limit_hits" does not
 * exist`). `action` says where RUN_MIGRATIONS=true goes (the API, a command).
 */
export async function assertNoPendingMigrations(
  dataSource: DataSource,
  action = 'set RUN_MIGRATIONS=true for the API to apply them as it starts',
): Promise<void> {
  const pending = await pendingMigrations(dataSource);
  if (pending.length === 0) return;
  throw new StartupError(
    'RUN_MIGRATIONS',
    `the database is behind this version of qcycle: ${countOf(pending)} pending (${listed(pending)}); ${action}`,
  );
}

/** Reverts every applied migration, newest first, leaving an empty schema. */
export async function migrateDownAll(dataSource: DataSource): Promise<number> {
  let reverted = 0;
  while (
    (await dataSource
      .query(`SELECT COUNT(*) AS n FROM migrations`)
      .then((r: { n: number | string }[]) => Number(r[0].n))) > 0
  ) {
    await dataSource.undoLastMigration({ transaction: 'each' });
    reverted++;
  }
  return reverted;
}
