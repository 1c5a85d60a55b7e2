import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { NotificationDelivery } from './notification.entity';

/**
 * Every Monday digest qcycle wrote (docs/notifications.md "The Monday digest"), with the exact text
 * that went out: a unit head's list of their unit's overdue tasks and those due that week, or the
 * Quality Representative's of the whole organisation. One per person and week, by its id: a retried
 * run finds the row and sends the stored text, never a second digest.
 */
@Entity('weekly_digests')
@Index('IDX_weekly_digests_week_delivery', ['weekStart', 'delivery'])
export class WeeklyDigestEntity {
  /** `${weekStart}/${userId}`. */
  @PrimaryColumn({ type: 'varchar', length: 80 })
  id!: string;

  @Column({ name: 'organisation_code', type: 'varchar', length: 40 })
  organisationCode!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  /** The week's Monday, `YYYY-MM-DD`, Vietnam. */
  @Column({ name: 'week_start', type: 'varchar', length: 10 })
  weekStart!: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 2 })
  locale!: 'vi' | 'en';

  /** How many tasks it lists (overdue and due that week). */
  @Column({ name: 'task_count', type: 'integer' })
  taskCount!: number;

  @Column({ type: 'text' })
  subject!: string;

  /** The plain-text body, links included. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text' })
  html!: string;

  @Column({ type: 'varchar', length: 16 })
  delivery!: NotificationDelivery;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;

  @Column({ name: 'sent_at', type: 'varchar', length: 24, nullable: true })
  sentAt!: string | null;
}
