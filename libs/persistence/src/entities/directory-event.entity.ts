import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Append-only record of every change to an organisation's directory (units, users, roles): who,
 * when, from where, with the request id. Every write is attributed and kept. Nothing
 * updates or deletes these rows.
 */
@Entity('directory_events')
@Index(['organisationCode', 'occurredAt'])
export class DirectoryEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'organisation_code', type: 'varchar', length: 40 })
  organisationCode!: string;

  /** e.g. `user.created`, `role.granted`, `unit.deleted` */
  @Column({ type: 'varchar', length: 64 })
  type!: string;

  /** User id of the administrator who made the change. */
  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ name: 'occurred_at', type: 'varchar', length: 24 })
  occurredAt!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  /** The client address as the API saw it (after a trusted local proxy). */
  @Column({ name: 'client_address', type: 'varchar', length: 64, nullable: true })
  clientAddress!: string | null;

  @Column({ type: 'simple-json' })
  payload!: Record<string, unknown>;
}
