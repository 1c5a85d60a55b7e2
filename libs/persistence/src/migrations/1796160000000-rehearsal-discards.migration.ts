import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The rehearsals discarded so that their year could start again (RehearsalDiscardEntity): a new
 * table, nothing else changes.
 */
export class RehearsalDiscards1796160000000 implements MigrationInterface {
  name = 'RehearsalDiscards1796160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'rehearsal_discards',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'discarded_cycle_id', type: 'varchar', length: '64' },
          { name: 'organisation_code', type: 'varchar', length: '40' },
          { name: 'year', type: 'integer' },
          { name: 'cycle_status', type: 'varchar', length: '16' },
          { name: 'cycle_started_at', type: 'varchar', length: '24' },
          { name: 'discarded_by', type: 'varchar', length: '64' },
          { name: 'discarded_at', type: 'varchar', length: '24' },
          { name: 'reason', type: 'text' },
          { name: 'request_id', type: 'varchar', length: '64', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'rehearsal_discards',
      new TableIndex({ name: 'IDX_rehearsal_discards_year', columnNames: ['organisation_code', 'year'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rehearsal_discards');
  }
}
