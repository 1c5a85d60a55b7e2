import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Next year's draft per closed cycle (NextYearDraftEntity): prepared by the worker at the close,
 * read and started from by the API. The closed cycle's id is the key, so a retried close writes it
 * once.
 */
export class NextYearDrafts1796040000000 implements MigrationInterface {
  name = 'NextYearDrafts1796040000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'next_year_drafts',
        columns: [
          { name: 'cycle_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'next_cycle_id', type: 'varchar', length: '64' },
          { name: 'organisation_code', type: 'varchar', length: '40' },
          { name: 'year', type: 'integer' },
          { name: 'draft', type: 'text' },
          { name: 'previous_actions', type: 'text' },
          { name: 'prepared_at', type: 'varchar', length: '24' },
          { name: 'started_at', type: 'varchar', length: '24', isNullable: true },
          { name: 'started_by', type: 'varchar', length: '64', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('next_year_drafts');
  }
}
