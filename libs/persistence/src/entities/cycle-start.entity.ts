import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a cycle was started with — its workflow's start input (the draft with the decision's wording,
 * the roster, the calendar, whether it is a rehearsal) and the moment its workflow started — kept by
 * qcycle for good. Temporal keeps them only for its namespace's retention after the year closes;
 * the decision's wording and a rehearsal's dates are read from here afterwards. Written once per
 * cycle: by the API when it starts the cycle, or from Temporal's history on the first read of an
 * older cycle (docs/operations.md "Temporal's retention of closed workflows").
 */
@Entity('cycle_starts')
export class CycleStartEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'varchar', length: 64 }) cycleId!: string;
  @Column({ name: 'organisation_code', type: 'varchar', length: 40 }) organisationCode!: string;
  @Column({ type: 'integer' }) year!: number;
  /** The cycle workflow's start input (`StartQualityCycleInput`, libs/contracts), as Temporal holds it. */
  @Column({ type: 'simple-json' }) input!: Record<string, unknown>;
  /** When the workflow started (`workflowInfo().startTime`): a rehearsal's dates are shifted from it. */
  @Column({ name: 'started_at', type: 'varchar', length: 24 }) startedAt!: string;
  @Column({ name: 'kept_at', type: 'varchar', length: 24 }) keptAt!: string;
}
