import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `pending` → `sent`; `recorded` without SMTP; `withheld`, never mailed: over the hourly limit, or the
 * person deactivated before it went.
 */
export type PasswordResetDelivery = 'pending' | 'sent' | 'recorded' | 'withheld';

/**
 * Every password-reset link qcycle wrote for someone (docs/security.md "Forgotten passwords"): to
 * whom, when, whether it was mailed and whether it was used. Never the link itself: whoever reads
 * the database must not be able to set anyone's password. The worker signs it again from these
 * claims when a mail is retried, so a retry sends the same link.
 */
@Entity('password_reset_mails')
@Index('IDX_password_reset_mails_user_created', ['userId', 'createdAt'])
export class PasswordResetMailEntity {
  /** The API request's id (x-request-id): one mail per request. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'organisation_code', type: 'varchar', length: 40 })
  organisationCode!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'varchar', length: 2 })
  locale!: 'vi' | 'en';

  /** When the person asked (the API's clock). */
  @Column({ name: 'requested_at', type: 'varchar', length: 24 })
  requestedAt!: string;

  /** The person's `sessions_valid_from` the link is bound to (null: never changed). */
  @Column({ name: 'sessions_valid_from', type: 'varchar', length: 24, nullable: true })
  sessionsValidFrom!: string | null;

  @Column({ name: 'expires_at', type: 'varchar', length: 24 })
  expiresAt!: string;

  @Column({ type: 'varchar', length: 16 })
  delivery!: PasswordResetDelivery;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;

  @Column({ name: 'sent_at', type: 'varchar', length: 24, nullable: true })
  sentAt!: string | null;

  /** When its link set the person's password; null while unused. */
  @Column({ name: 'used_at', type: 'varchar', length: 24, nullable: true })
  usedAt!: string | null;
}
