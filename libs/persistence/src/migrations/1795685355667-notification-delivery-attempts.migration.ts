import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * What the re-send sweep needs on `notifications`: who holds a pending row while it is handed to
 * SMTP (`claimed_until`, so a notification is never sent by two senders at once), what the operator
 * needs to see (`attempts`, `last_attempt_at`, `last_error`), the recipient's name for the `To`
 * header of a re-sent copy, and an index to find pending rows by age. Portable column types only
 * (SQLite and PostgreSQL).
 */
export class NotificationDeliveryAttempts1795685355667 implements MigrationInterface {
  name = 'NotificationDeliveryAttempts1795685355667';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('notifications', [
      new TableColumn({ name: 'recipient_name', type: 'text', isNullable: true }),
      new TableColumn({ name: 'attempts', type: 'integer', default: 0 }),
      new TableColumn({ name: 'last_attempt_at', type: 'varchar', length: '24', isNullable: true }),
      new TableColumn({ name: 'last_error', type: 'text', isNullable: true }),
      new TableColumn({ name: 'claimed_until', type: 'varchar', length: '24', isNullable: true }),
    ]);
    await queryRunner.createIndex(
      'notifications',
      new TableIndex({ name: 'IDX_notifications_delivery_created', columnNames: ['delivery', 'created_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('notifications', 'IDX_notifications_delivery_created');
    await queryRunner.dropColumns('notifications', [
      'claimed_until',
      'last_error',
      'last_attempt_at',
      'attempts',
      'recipient_name',
    ]);
  }
}
