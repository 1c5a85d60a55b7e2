import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { EventLogEntryEntity } from '@qcycle/persistence';
import { appendEvent, insertOnce } from './cycle-record.activities';

/*
 * The row writes every record activity shares (quality-records.activities.ts and the *-records
 * modules): rows with deterministic ids and their event, in one transaction, and the legacy inputs
 * written as they arrive.
 */

export type Row<T> = { [K in keyof T]?: T[K] | null | undefined };

/**
 * LEGACY input of the record activities: entity rows and a ready-made event, as workflows built
 * them before the record boundary (docs/versioning.md "Activities take facts"). Activity tasks
 * scheduled by that code before a deploy still arrive in this shape, and are written as they are.
 * Remove once no cycle started before the deploy is open.
 */
export interface RecordWithEvent<T> {
  cycleId: string;
  rows: Row<T>[];
  event: {
    id: string;
    type: string;
    actor: string;
    at: string;
    requestId?: string;
    payload?: Record<string, unknown>;
  };
}

export type RowWrite = (manager: EntityManager) => Promise<void>;

/** The rows and their event, in one transaction: each row once (inserted, or updated by id), the event once. */
export async function write(
  dataSource: DataSource,
  rows: RowWrite[],
  entry: EventLogEntryEntity,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const row of rows) await row(manager);
    await appendEvent(manager, entry);
  });
}

/**
 * LEGACY: rows and an event as workflows built them before the record boundary (see
 * RecordWithEvent), written as they are, the way the activities did then.
 */
export async function recordLegacyRows<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  record: RecordWithEvent<T>,
  mode: 'insert' | 'upsert' = 'insert',
): Promise<void> {
  const e = record.event;
  await write(
    dataSource,
    record.rows.map((row) => (mode === 'insert' ? insertRow(target, row) : upsertRow(target, row))),
    event(record.cycleId, e.id, e.type, e.actor, e.at, e.requestId, e.payload ?? {}),
  );
}

/** A row written once: a retry finds it and leaves it. */
export function insertRow<T extends ObjectLiteral>(target: EntityTarget<T>, row: Row<T>): RowWrite {
  return (manager) => insertOnce(manager, target, row);
}

/** A row of a record written at several steps: created by the first, updated by id by the later ones. */
export function upsertRow<T extends ObjectLiteral>(target: EntityTarget<T>, row: Row<T>): RowWrite {
  return (manager) => upsert(manager, target, row);
}

/** Legacy inputs carry rows and a ready-made event; facts never do. */
export function isLegacyRecord<T>(input: object): input is RecordWithEvent<T> {
  return 'rows' in input && 'event' in input;
}

export function event(
  cycleId: string,
  id: string,
  type: string,
  actor: string,
  occurredAt: string,
  requestId: string | undefined,
  payload: Record<string, unknown>,
): EventLogEntryEntity {
  return { id, cycleId, type, actor, occurredAt, requestId: requestId ?? null, payload };
}

async function upsert<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: Row<T>,
): Promise<void> {
  const existing = await manager.findOne(target, { where: { id: row.id } as never });
  if (!existing) return insertOnce(manager, target, row);
  const { id, ...changes } = row;
  await manager.update(target, { id } as never, changes as QueryDeepPartialEntity<T>);
}
