import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A rehearsal whose records were discarded so that its year can be started again (a training
 * organisation's next class, or the real year after rehearsing it): who, when, why, and what the
 * discarded cycle was. Kept for good, and never deleted with the cycle's records: the year's trace
 * that it was rehearsed, and the mark that lets its workflow id be started again in Temporal.
 */
@Entity('rehearsal_discards')
@Index('IDX_rehearsal_discards_year', ['organisationCode', 'year'])
export class RehearsalDiscardEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** e.g. `kontum-2024`; not `cycleId`, so that discarding a cycle's records never reaches this row. */
  @Column({ name: 'discarded_cycle_id', type: 'varchar', length: 64 })
  discardedCycleId!: string;

  @Column({ name: 'organisation_code', type: 'varchar', length: 40 })
  organisationCode!: string;

  @Column({ type: 'integer' })
  year!: number;

  /** The cycle's status when discarded: `closed` or `cancelled`. */
  @Column({ name: 'cycle_status', type: 'varchar', length: 16 })
  cycleStatus!: string;

  @Column({ name: 'cycle_started_at', type: 'varchar', length: 24 })
  cycleStartedAt!: string;

  @Column({ name: 'discarded_by', type: 'varchar', length: 64 })
  discardedBy!: string;

  @Column({ name: 'discarded_at', type: 'varchar', length: 24 })
  discardedAt!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;
}
