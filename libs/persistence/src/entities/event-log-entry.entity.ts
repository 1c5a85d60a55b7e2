import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Append-only log of who did what when in a cycle. Nothing updates or deletes these rows: the
 * repository in this lib only inserts. The id is deterministic (workflow/task/event), so an
 * activity retried by Temporal writes the same entry once.
 */
@Entity('event_log')
@Index(['cycleId', 'occurredAt'])
export class EventLogEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ name: 'cycle_id', type: 'varchar', length: 64 })
  cycleId!: string;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  /** User id, or `system` for what the engine does by itself (timers, escalations). */
  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ name: 'occurred_at', type: 'varchar', length: 24 })
  occurredAt!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ type: 'simple-json' })
  payload!: Record<string, unknown>;
}
