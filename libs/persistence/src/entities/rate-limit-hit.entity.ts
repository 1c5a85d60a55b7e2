import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One rate-limit counter (the API's `@nestjs/throttler` limits), shared by every API process through
 * the database. A fixed window: `hits` requests since the window began, until `windowExpiresAt`;
 * over the limit, refused until `blockedUntil`. Written only by one upsert statement
 * (apps/api/src/common/database-throttler.storage.ts); expired rows are deleted as it goes.
 */
@Entity('rate_limit_hits')
@Index('IDX_rate_limit_hits_window_expires', ['windowExpiresAt'])
export class RateLimitHitEntity {
  /** `${throttlerName}:${guard's key}`, or its SHA-256 when longer than the column. */
  @PrimaryColumn({ type: 'varchar', length: 128 })
  key!: string;

  @Column({ name: 'throttler_name', type: 'varchar', length: 100 })
  throttlerName!: string;

  @Column({ name: 'window_expires_at', type: 'varchar', length: 24 })
  windowExpiresAt!: string;

  @Column({ type: 'integer' })
  hits!: number;

  @Column({ name: 'blocked_until', type: 'varchar', length: 24, nullable: true })
  blockedUntil!: string | null;
}
