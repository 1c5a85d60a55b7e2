import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { DataSource } from 'typeorm';
import { RateLimitHitEntity } from '@qcycle/persistence';

/** What `ThrottlerStorage.increment` answers (the type is not exported by @nestjs/throttler's index). */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

export interface DatabaseThrottlerStorageOptions {
  /** Milliseconds since the epoch; tests move a clock of their own instead of waiting. */
  now?: () => number;
  /** How often this process deletes expired counters, on the back of an increment. */
  sweepIntervalMs?: number;
}

/** The width of `rate_limit_hits.key`; longer keys are stored as their SHA-256. */
const KEY_LENGTH = 128;

/**
 * The throttler's counters in the database every API process already shares, so the limits hold
 * for the whole deployment, not per replica.
 *
 * Each counter is a fixed window: the first hit opens it for `ttl`; the hit that takes the count
 * over `limit` blocks the key for `blockDuration` (for the rest of the window when that is 0);
 * hits while blocked are refused and not counted; the first hit after the window or the block ends
 * opens a new window. (The in-memory storage of @nestjs/throttler slides its window hit by hit; a
 * fixed window is what one row and one atomic statement can keep. The cost: a client that spends its
 * limit at the end of one window and again at the start of the next gets up to twice the limit
 * through in a short span, once per window — still a small, fixed number per minute.)
 *
 * Atomic across processes: one `INSERT … ON CONFLICT DO UPDATE … RETURNING` reads and writes the
 * counter (PostgreSQL; SQLite ≥ 3.35), so concurrent requests never lose a hit. Instants are ISO
 * strings (docs/persistence.md) taken from this process's clock: replicas' clocks must agree (NTP),
 * or a window's edges move by their difference.
 */
export class DatabaseThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(DatabaseThrottlerStorage.name);
  private readonly now: () => number;
  private readonly sweepIntervalMs: number;
  private nextSweepAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    options: DatabaseThrottlerStorageOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
  }

  /** `ttl` and `blockDuration` in milliseconds; the answer's times in whole seconds, as the guard expects. */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    // In the UPDATE, `rate_limit_hits.` is the counter as it was and `excluded.` a new window's row.
    const row = 'rate_limit_hits';
    const isBlocked = `${row}.blocked_until > :now`;
    const isOver = `(${row}.window_expires_at <= :now OR ${row}.blocked_until <= :now)`;
    const blockedUntil = blockDuration > 0 ? ':blockedUntil' : `${row}.window_expires_at`;
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      `INSERT INTO ${row} ("key", throttler_name, window_expires_at, hits, blocked_until)
       VALUES (:key, :throttlerName, :windowExpiresAt, 1, CASE WHEN 1 > :limit THEN :newWindowBlockedUntil ELSE NULL END)
       ON CONFLICT ("key") DO UPDATE SET
         hits = CASE WHEN ${isBlocked} THEN ${row}.hits WHEN ${isOver} THEN 1 ELSE ${row}.hits + 1 END,
         window_expires_at = CASE WHEN ${isBlocked} THEN ${row}.window_expires_at
           WHEN ${isOver} THEN excluded.window_expires_at ELSE ${row}.window_expires_at END,
         blocked_until = CASE WHEN ${isBlocked} THEN ${row}.blocked_until
           WHEN ${isOver} THEN excluded.blocked_until
           WHEN ${row}.hits + 1 > :limit THEN ${blockedUntil} ELSE NULL END
       RETURNING hits, window_expires_at, blocked_until`,
      {
        key: storageKey(throttlerName, key),
        throttlerName,
        now: iso(now),
        limit,
        windowExpiresAt: iso(now + ttl),
        newWindowBlockedUntil: iso(now + (blockDuration > 0 ? blockDuration : ttl)),
        blockedUntil: iso(now + blockDuration),
      },
      {},
    );
    const [counter] = (await this.dataSource.query(sql, parameters)) as {
      hits: number | string;
      window_expires_at: string;
      blocked_until: string | null;
    }[];
    await this.sweepExpired(now);

    const blockEnds = counter.blocked_until === null ? 0 : Date.parse(counter.blocked_until);
    const blocked = blockEnds > now;
    return {
      totalHits: Number(counter.hits),
      timeToExpire: secondsFrom(now, Date.parse(counter.window_expires_at)),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? secondsFrom(now, blockEnds) : 0,
    };
  }

  /**
   * Deletes counters whose window and block are both over, at most once per interval per process,
   * so the table holds only the clients of the last minutes. A failure costs only the sweep.
   */
  private async sweepExpired(now: number): Promise<void> {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + this.sweepIntervalMs;
    try {
      await this.dataSource
        .createQueryBuilder()
        .delete()
        .from(RateLimitHitEntity)
        .where('window_expires_at <= :now AND (blocked_until IS NULL OR blocked_until <= :now)', {
          now: new Date(now).toISOString(),
        })
        .execute();
    } catch (error) {
      this.logger.warn(`could not delete expired rate-limit counters: ${String(error)}`);
    }
  }
}

/**
 * The row of one throttler's counter for one client. The guard's keys already name the throttler
 * (a SHA-256 of class, handler, throttler and client), but the storage's contract counts per key
 * *and* throttler, so the name goes in; a key too long for the column goes in as its hash.
 */
function storageKey(throttlerName: string, key: string): string {
  const full = `${throttlerName}:${key}`;
  return full.length <= KEY_LENGTH ? full : `sha256:${createHash('sha256').update(full).digest('hex')}`;
}

/** Whole seconds from `now` until `then`, rounded up, never negative. */
function secondsFrom(now: number, then: number): number {
  return Math.max(0, Math.ceil((then - now) / 1000));
}
