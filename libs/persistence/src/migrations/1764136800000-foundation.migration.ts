import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Cycles and the append-only event log. Portable column types only (runs on SQLite and PostgreSQL). */
export class Foundation1764136800000 implements MigrationInterface {
  name = 'Foundation1764136800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'quality_cycles',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'workflow_id', type: 'varchar', length: '128', isUnique: true },
          { name: 'organisation_code', type: 'varchar', length: '40' },
          { name: 'year', type: 'integer' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'phase', type: 'varchar', length: '32' },
          { name: 'started_by', type: 'varchar', length: '64' },
          { name: 'started_at', type: 'varchar', length: '24' },
          { name: 'updated_at', type: 'varchar', length: '24' },
        ],
        indices: [
          { name: 'IDX_quality_cycles_org_year', columnNames: ['organisation_code', 'year'], isUnique: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'event_log',
        columns: [
          { name: 'id', type: 'varchar', length: '200', isPrimary: true },
          { name: 'cycle_id', type: 'varchar', length: '64' },
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'actor', type: 'varchar', length: '64' },
          { name: 'occurred_at', type: 'varchar', length: '24' },
          { name: 'request_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'payload', type: 'text' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'event_log',
      new TableIndex({ name: 'IDX_event_log_cycle_time', columnNames: ['cycle_id', 'occurred_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('event_log');
    await queryRunner.dropTable('quality_cycles');
  }
}
