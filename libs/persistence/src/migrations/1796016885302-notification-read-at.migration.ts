import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The bell of the web app: when the recipient read a notification (`read_at`, null while unread),
 * and an index to count and list one person's unread ones. Portable column types only (SQLite and
 * PostgreSQL).
 */
export class NotificationReadAt1796016885302 implements MigrationInterface {
  name = 'NotificationReadAt1796016885302';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'notifications',
      new TableColumn({ name: 'read_at', type: 'varchar', length: '24', isNullable: true }),
    );
    await queryRunner.createIndex(
      'notifications',
      new TableIndex({
        name: 'IDX_notifications_recipient_read',
        columnNames: ['recipient_user_id', 'read_at'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('notifications', 'IDX_notifications_recipient_read');
    await queryRunner.dropColumn('notifications', 'read_at');
  }
}
