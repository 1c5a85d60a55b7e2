import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '@qcycle/config';
import { EventLogEntryEntity } from './entities/event-log-entry.entity';
import { QualityCycleEntity } from './entities/quality-cycle.entity';
import { Foundation1764136800000 } from './migrations/1764136800000-foundation.migration';

/** Every entity qcycle persists. */
export const ENTITIES = [QualityCycleEntity, EventLogEntryEntity];

/** Every migration, in order. Listed explicitly so the same list works from src, dist and Jest. */
export const MIGRATIONS = [Foundation1764136800000];

/**
 * TypeORM options for the configured database. Schema changes only ever come from MIGRATIONS
 * (`synchronize: false`), on both drivers.
 */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (database.type === 'postgres') {
    return { ...common, type: 'postgres', url: database.url, extra: { max: 10 } };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    // WAL lets the API read while the worker writes; the busy timeout makes them wait for each other.
    prepareDatabase: (db: { pragma(statement: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}

/** An initialised connection. The caller destroys it. */
export async function openDataSource(database: DatabaseConfig): Promise<DataSource> {
  return new DataSource(dataSourceOptions(database)).initialize();
}
