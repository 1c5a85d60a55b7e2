import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '@qcycle/testing';
import { MIGRATIONS, openDataSource } from './data-source';
import {
  assertNoPendingMigrations,
  assertNotAheadOfCode,
  migrateUp,
  pendingMigrations,
  unknownMigrations,
} from './migrate';

const allNames = MIGRATIONS.map((m) => m.name);

describe('migrateUp on PostgreSQL, from API replicas starting together', () => {
  let database: TestDatabase;
  const opened: DataSource[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((dataSource) => dataSource.destroy()));
    await database?.drop();
  });

  it('applies each migration once: the other replicas wait for the first, then find none pending', async () => {
    database = await createTestDatabase('postgres');
    // One DataSource per replica, as each API process has its own.
    for (let i = 0; i < 3; i++) opened.push(await openDataSource(database.config));
    // Before the lock, two of them ran the same migrations at once and one failed
    // (`duplicate key value violates unique constraint "pg_type_typname_nsp_index"`).
    const applied = await Promise.all(opened.map((dataSource) => migrateUp(dataSource)));
    expect(applied.flat().sort()).toEqual([...allNames].sort());
    expect(applied.filter((names) => names.length > 0)).toEqual([allNames]);
    expect(await pendingMigrations(opened[0])).toEqual([]);
  });
});

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('pending migrations on %s', (kind) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dataSource = await openDataSource(database.config);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('lists every migration of an empty database, without writing to it, and refuses it naming RUN_MIGRATIONS', async () => {
    expect(await pendingMigrations(dataSource)).toEqual(allNames);
    const runner = dataSource.createQueryRunner();
    expect(await runner.hasTable('migrations')).toBe(false);
    await runner.release();
    await expect(assertNoPendingMigrations(dataSource)).rejects.toThrow(
      `RUN_MIGRATIONS: the database is behind this version of qcycle: ${allNames.length} migrations pending (${allNames.slice(0, 3).join(', ')}, …); set RUN_MIGRATIONS=true`,
    );
  });

  it('refuses a database a newer version migrated (a rollback), naming what this code does not have', async () => {
    await migrateUp(dataSource);
    await expect(assertNotAheadOfCode(dataSource)).resolves.toBeUndefined();
    const future = 'ObjectiveWeights1999999999999';
    await dataSource.query(`INSERT INTO migrations (timestamp, name) VALUES (1999999999999, '${future}')`);
    try {
      expect(await unknownMigrations(dataSource)).toEqual([future]);
      // Nothing is pending: the pending check alone let this database through.
      await expect(assertNoPendingMigrations(dataSource)).resolves.toBeUndefined();
      await expect(assertNotAheadOfCode(dataSource)).rejects.toThrow(
        `DATABASE_URL: the database is ahead of this version of qcycle: a newer version applied 1 migration this one does not have (${future}); run that version, or restore the backup`,
      );
    } finally {
      await dataSource.query(`DELETE FROM migrations WHERE name = '${future}'`);
    }
  });

  it('lists the migrations a database is behind by, and none once migrated', async () => {
    await migrateUp(dataSource);
    await expect(assertNoPendingMigrations(dataSource)).resolves.toBeUndefined();
    const last = allNames[allNames.length - 1];
    await dataSource.query(`DELETE FROM migrations WHERE name = '${last}'`);
    expect(await pendingMigrations(dataSource)).toEqual([last]);
    await expect(assertNoPendingMigrations(dataSource)).rejects.toThrow(`1 migration pending (${last})`);
  });
});
