import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrganisationCalendarSettings } from '@qcycle/domain';

/**
 * One version of an organisation's calendar for a year (append-only: a change is a new version,
 * earlier ones stay readable). The highest version is the calendar new cycles of the year get.
 */
@Entity('organisation_calendars')
export class OrganisationCalendarEntity {
  @PrimaryColumn({ name: 'organisation_code', type: 'varchar', length: 40 })
  organisationCode!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'simple-json' })
  settings!: OrganisationCalendarSettings;

  /** Why it changed, when the person said so. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** User id of who saved this version. */
  @Column({ name: 'saved_by', type: 'varchar', length: 64 })
  savedBy!: string;

  @Column({ name: 'saved_at', type: 'varchar', length: 24 })
  savedAt!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;
}
