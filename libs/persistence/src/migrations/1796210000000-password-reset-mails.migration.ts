import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The password-reset mails (PasswordResetMailEntity): a new table, nothing else changes. */
export class PasswordResetMails1796210000000 implements MigrationInterface {
  name = 'PasswordResetMails1796210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'password_reset_mails',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'organisation_code', type: 'varchar', length: '40' },
          { name: 'user_id', type: 'varchar', length: '64' },
          { name: 'email', type: 'varchar', length: '320' },
          { name: 'locale', type: 'varchar', length: '2' },
          { name: 'requested_at', type: 'varchar', length: '24' },
          { name: 'sessions_valid_from', type: 'varchar', length: '24', isNullable: true },
          { name: 'expires_at', type: 'varchar', length: '24' },
          { name: 'delivery', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'last_error', type: 'text', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'sent_at', type: 'varchar', length: '24', isNullable: true },
          { name: 'used_at', type: 'varchar', length: '24', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'password_reset_mails',
      new TableIndex({
        name: 'IDX_password_reset_mails_user_created',
        columnNames: ['user_id', 'created_at'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('password_reset_mails');
  }
}
