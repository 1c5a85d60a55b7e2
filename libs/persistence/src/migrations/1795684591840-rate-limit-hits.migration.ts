import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Rate-limit counters shared by every API process (one row per throttler and client, fixed window,
 * instants as ISO strings). Portable column types (SQLite and PostgreSQL).
 */
export class RateLimitHits1795684591840 implements MigrationInterface {
  name = 'RateLimitHits1795684591840';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'rate_limit_hits',
        columns: [
          { name: 'key', type: 'varchar', length: '128', isPrimary: true },
          { name: 'throttler_name', type: 'varchar', length: '100' },
          { name: 'window_expires_at', type: 'varchar', length: '24' },
          { name: 'hits', type: 'integer' },
          { name: 'blocked_until', type: 'varchar', length: '24', isNullable: true },
        ],
        // The sweep deletes by expiry.
        indices: [{ name: 'IDX_rate_limit_hits_window_expires', columnNames: ['window_expires_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_limit_hits');
  }
}
