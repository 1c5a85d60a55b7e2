import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A person's calendar feed: the secret address a calendar app subscribes to for their tasks'
 * deadlines (apps/api/src/calendar-feeds). One per person; making a new one replaces it, so the old
 * address stops. Only the address's token's SHA-256 is kept: the address is shown once, when made.
 */
@Entity('calendar_feeds')
export class CalendarFeedEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  /** SHA-256 (hex) of the address's token: the feed is found by it, the token itself is nowhere kept. */
  @Index('IDX_calendar_feeds_token', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;
}
