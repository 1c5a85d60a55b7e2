import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Each cycle's start input, kept for good (CycleStartEntity): Temporal deletes a closed cycle's
 * history after its namespace's retention, and with it the decision's wording. The cycle's id is the
 * key, so two readers keeping the same start write it once.
 */
export class CycleStarts1796120000000 implements MigrationInterface {
  name = 'CycleStarts1796120000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'cycle_starts',
        columns: [
          { name: 'cycle_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'organisation_code', type: 'varchar', length: '40' },
          { name: 'year', type: 'integer' },
          { name: 'input', type: 'text' },
          { name: 'started_at', type: 'varchar', length: '24' },
          { name: 'kept_at', type: 'varchar', length: '24' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('cycle_starts');
  }
}
