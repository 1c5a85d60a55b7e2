import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** People's calendar feeds (CalendarFeedEntity): a new table, nothing else changes. */
export class CalendarFeeds1796180000000 implements MigrationInterface {
  name = 'CalendarFeeds1796180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'calendar_feeds',
        columns: [
          { name: 'user_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'varchar', length: '24' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'calendar_feeds',
      new TableIndex({ name: 'IDX_calendar_feeds_token', columnNames: ['token_hash'], isUnique: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('calendar_feeds');
  }
}
