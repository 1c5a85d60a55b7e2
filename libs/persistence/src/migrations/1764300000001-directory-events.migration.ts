import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The append-only log of directory changes. Portable types only (SQLite and PostgreSQL). */
export class DirectoryEvents1764300000001 implements MigrationInterface {
  name = 'DirectoryEvents1764300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'directory_events',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'organisation_code', type: 'varchar', length: '40' },
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'actor', type: 'varchar', length: '64' },
          { name: 'occurred_at', type: 'varchar', length: '24' },
          { name: 'request_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'client_address', type: 'varchar', length: '64', isNullable: true },
          { name: 'payload', type: 'text' },
        ],
        indices: [
          new TableIndex({
            name: 'IDX_directory_events_org_time',
            columnNames: ['organisation_code', 'occurred_at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('directory_events');
  }
}
