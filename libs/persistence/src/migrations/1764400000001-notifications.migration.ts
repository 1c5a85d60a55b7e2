import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Notifications sent or recorded, with their text. Portable column types (SQLite and PostgreSQL). */
export class Notifications1764400000001 implements MigrationInterface {
  name = 'Notifications1764400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          { name: 'id', type: 'varchar', length: '300', isPrimary: true },
          { name: 'task_id', type: 'varchar', length: '200' },
          { name: 'cycle_id', type: 'varchar', length: '64' },
          { name: 'recipient_user_id', type: 'varchar', length: '64' },
          { name: 'email', type: 'varchar', length: '320', isNullable: true },
          { name: 'reason', type: 'varchar', length: '16' },
          { name: 'locale', type: 'varchar', length: '2' },
          { name: 'subject', type: 'text' },
          { name: 'body', type: 'text' },
          { name: 'html', type: 'text' },
          { name: 'delivery', type: 'varchar', length: '16' },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'sent_at', type: 'varchar', length: '24', isNullable: true },
        ],
        indices: [
          { name: 'IDX_notifications_recipient_created', columnNames: ['recipient_user_id', 'created_at'] },
          { name: 'IDX_notifications_task', columnNames: ['task_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('notifications');
  }
}
