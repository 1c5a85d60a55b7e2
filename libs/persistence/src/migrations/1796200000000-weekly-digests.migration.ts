import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The Monday digests (WeeklyDigestEntity): a new table, nothing else changes. */
export class WeeklyDigests1796200000000 implements MigrationInterface {
  name = 'WeeklyDigests1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'weekly_digests',
        columns: [
          { name: 'id', type: 'varchar', length: '80', isPrimary: true },
          { name: 'organisation_code', type: 'varchar', length: '40' },
          { name: 'user_id', type: 'varchar', length: '64' },
          { name: 'week_start', type: 'varchar', length: '10' },
          { name: 'email', type: 'varchar', length: '320', isNullable: true },
          { name: 'locale', type: 'varchar', length: '2' },
          { name: 'task_count', type: 'integer' },
          { name: 'subject', type: 'text' },
          { name: 'body', type: 'text' },
          { name: 'html', type: 'text' },
          { name: 'delivery', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'last_error', type: 'text', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'sent_at', type: 'varchar', length: '24', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'weekly_digests',
      new TableIndex({ name: 'IDX_weekly_digests_week_delivery', columnNames: ['week_start', 'delivery'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('weekly_digests');
  }
}
