import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CyclePhase, CycleStatus } from '@qcycle/domain';

/**
 * The record of one organisation's annual cycle (ISO 7.5 documented information). Temporal holds
 * the live process; this row is what lists and reports read, written only by activities.
 */
@Entity('quality_cycles')
@Index(['organisationCode', 'year'], { unique: true })
export class QualityCycleEntity {
  /** e.g. `kontum-2024` */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 128, unique: true })
  workflowId!: string;

  @Column({ name: 'organisation_code', type: 'varchar', length: 40 })
  organisationCode!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: CycleStatus;

  @Column({ type: 'varchar', length: 32 })
  phase!: CyclePhase;

  @Column({ name: 'started_by', type: 'varchar', length: 64 })
  startedBy!: string;

  /** Instants are ISO-8601 UTC strings on both drivers (see docs/persistence.md). */
  @Column({ name: 'started_at', type: 'varchar', length: 24 })
  startedAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 24 })
  updatedAt!: string;

  /**
   * A rehearsal (training, its calendar moved to start now) rather than the real year: its tasks and
   * e-mails say so. Null on cycles recorded before the column (QualityCycleRehearsal1796100000000).
   */
  @Column({ type: 'boolean', nullable: true })
  rehearsal!: boolean | null;
}
