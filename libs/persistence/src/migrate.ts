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
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const runner = dataSource.createQueryRunner();
  try {
    const applied = (await runner.hasTable(table))
      ? new Set(((await runner.query(`SELECT name FROM ${table}`)) as { name: string }[]).map((r) => r.name))
      : new Set<string>();
    return dataSource.migrations
      .map((m) => m.name ?? m.constructor.name)
      .filter((name) => !applied.has(name));
  } finally {
    await runner.release();
  }
}

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
  const shown = pending.length > 3 ? [...pending.slice(0, 3), '…'] : pending;
  throw new StartupError(
    'RUN_MIGRATIONS',
    `the database is behind this version of qcycle: ${pending.length} migration${pending.length === 1 ? '' : 's'} pending (${shown.join(', ')}); ${action}`,
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
