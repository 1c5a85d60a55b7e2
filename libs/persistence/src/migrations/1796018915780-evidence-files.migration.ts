import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Evidence files (ISO 9001 7.5): one row per upload, linked to a record of a cycle; the bytes live
 * in the content-addressed evidence store under `sha256`, never in the database.
 */
export class EvidenceFiles1796018915780 implements MigrationInterface {
  name = 'EvidenceFiles1796018915780';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'evidence_files',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'organisation_code', type: 'varchar', length: '40' },
          { name: 'cycle_id', type: 'varchar', length: '64' },
          { name: 'record_type', type: 'varchar', length: '32' },
          { name: 'record_key', type: 'varchar', length: '240' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'size', type: 'integer' },
          { name: 'content_type', type: 'varchar', length: '120' },
          { name: 'file_name', type: 'varchar', length: '255' },
          { name: 'uploaded_by', type: 'varchar', length: '64' },
          { name: 'uploaded_at', type: 'varchar', length: '24' },
        ],
        indices: [
          new TableIndex({
            name: 'IDX_evidence_files_record',
            columnNames: ['cycle_id', 'record_type', 'record_key'],
          }),
          new TableIndex({ name: 'IDX_evidence_files_sha256', columnNames: ['sha256'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('evidence_files');
  }
}
