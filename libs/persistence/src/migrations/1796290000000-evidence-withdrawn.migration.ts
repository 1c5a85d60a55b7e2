import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A scan withdrawn as a signed copy (`evidence_files.withdrawn_at`, `withdrawn_by`,
 * `withdrawn_reason`): the văn thư or the Quality Representative uploaded the wrong paper as the
 * signed decision or minutes (docs/documents.md "Signed after qcycle recorded it"). The file stays on
 * its record, as every upload does; it is no longer listed beside the document. Nothing to fill in:
 * no file was withdrawn before.
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN` on both drivers, not `addColumn`/`dropColumn`, which rebuild
 * the table on SQLite (see UserSessionsValidFrom1796070000000).
 */
export class EvidenceWithdrawn1796290000000 implements MigrationInterface {
  name = 'EvidenceWithdrawn1796290000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE evidence_files ADD COLUMN withdrawn_at varchar(24)');
    await queryRunner.query('ALTER TABLE evidence_files ADD COLUMN withdrawn_by varchar(64)');
    await queryRunner.query('ALTER TABLE evidence_files ADD COLUMN withdrawn_reason varchar(500)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE evidence_files DROP COLUMN withdrawn_reason');
    await queryRunner.query('ALTER TABLE evidence_files DROP COLUMN withdrawn_by');
    await queryRunner.query('ALTER TABLE evidence_files DROP COLUMN withdrawn_at');
  }
}
