import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `pending`: written, not yet handed to the SMTP server (or the hand-over's outcome is unknown);
 * `sent`: accepted by the SMTP server; `recorded`: kept here only (no e-mail address, no SMTP_URL).
 */
export type NotificationDelivery = 'pending' | 'sent' | 'recorded';

/**
 * Every notification qcycle sends, with the exact text that went out (ISO 7.5 documented
 * information). The id is the workflow's notification id: a retried activity finds its own row.
 */
@Entity('notifications')
@Index(['recipientUserId', 'createdAt'])
@Index(['taskId'])
@Index('IDX_notifications_delivery_created', ['delivery', 'createdAt'])
@Index('IDX_notifications_recipient_read', ['recipientUserId', 'readAt'])
export class NotificationEntity {
  /** `${taskId}/${occasion}`: longer than a task id (200). */
  @PrimaryColumn({ type: 'varchar', length: 300 })
  id!: string;

  @Column({ name: 'task_id', type: 'varchar', length: 200 })
  taskId!: string;

  @Column({ name: 'cycle_id', type: 'varchar', length: 64 })
  cycleId!: string;

  @Column({ name: 'recipient_user_id', type: 'varchar', length: 64 })
  recipientUserId!: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 16 })
  reason!: string;

  @Column({ type: 'varchar', length: 2 })
  locale!: 'vi' | 'en';

  @Column({ type: 'text' })
  subject!: string;

  /** The plain-text body, link included. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text' })
  html!: string;

  /**
   * The task's deadline as a calendar entry (iCalendar), sent with the mail (the assignee's own
   * task given or cancelled, with a due date; activities/src/notifications/task-calendar.ts); null
   * for the other notices, and for those stored before it was sent.
   */
  @Column({ type: 'text', nullable: true })
  calendar!: string | null;

  @Column({ type: 'varchar', length: 16 })
  delivery!: NotificationDelivery;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;

  @Column({ name: 'sent_at', type: 'varchar', length: 24, nullable: true })
  sentAt!: string | null;

  /** For the `To` header of a copy re-sent by the sweep; null on rows written before it existed. */
  @Column({ name: 'recipient_name', type: 'text', nullable: true })
  recipientName!: string | null;

  /** SMTP hand-overs tried (by the activity and by the sweep), successful or not. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_attempt_at', type: 'varchar', length: 24, nullable: true })
  lastAttemptAt!: string | null;

  /** Why the last failed hand-over failed; kept after a later success, for the operator. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /**
   * While set and in the future, one sender (the activity or the sweep) is handing this row to
   * SMTP and no other may: taken with a conditional UPDATE, released on failure, expires if the
   * sender dies.
   */
  @Column({ name: 'claimed_until', type: 'varchar', length: 24, nullable: true })
  claimedUntil!: string | null;

  /** When the recipient marked it read in the web app (the bell); null while unread. */
  @Column({ name: 'read_at', type: 'varchar', length: 24, nullable: true })
  readAt!: string | null;
}
