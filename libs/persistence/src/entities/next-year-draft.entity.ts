import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CycleDraft, ReviewActionFollowUp } from '@qcycle/domain';

/**
 * Next year's draft, prepared at a cycle's close (issue #9 "Next year", docs/workflows.md): the
 * draft made from the year's approved decision, and the review actions carried into next year's
 * review with their status at the close. One per closed cycle; the Quality Representative starts
 * next year's cycle from it (`POST /api/v1/cycles/{cycleId}/next-year`).
 */
@Entity('next_year_drafts')
export class NextYearDraftEntity {
  /** The closed cycle's id, e.g. `kontum-2024`. */
  @PrimaryColumn({ name: 'cycle_id', type: 'varchar', length: 64 }) cycleId!: string;
  /** Next year's cycle id, e.g. `kontum-2025`. */
  @Column({ name: 'next_cycle_id', type: 'varchar', length: 64 }) nextCycleId!: string;
  @Column({ name: 'organisation_code', type: 'varchar', length: 40 }) organisationCode!: string;
  /** Next year. */
  @Column({ type: 'integer' }) year!: number;
  @Column({ type: 'simple-json' }) draft!: CycleDraft;
  /** Every action of the review, with its status at the close (next year's 9.3.2 a). */
  @Column({ name: 'previous_actions', type: 'simple-json' }) previousActions!: ReviewActionFollowUp[];
  @Column({ name: 'prepared_at', type: 'varchar', length: 24 }) preparedAt!: string;
  /** Set when next year's cycle was started from it. */
  @Column({ name: 'started_at', type: 'varchar', length: 24, nullable: true }) startedAt!: string | null;
  @Column({ name: 'started_by', type: 'varchar', length: 64, nullable: true }) startedBy!: string | null;
}
