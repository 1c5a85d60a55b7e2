import type { DataSource } from 'typeorm';

/** Applies pending migrations, each in its own transaction; returns the names applied. */
export async function migrateUp(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
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
