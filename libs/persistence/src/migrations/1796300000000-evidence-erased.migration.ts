import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A file's content erased (`evidence_files.erased_at`, `erased_by`, `erased_reason`): the Quality
 * Representative removed the bytes of a file that must not be kept (docs/evidence.md "Erasing a
 * file's content"); the row stays, saying what was there. Nothing to fill in: no file was erased
 * before.
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN` on both drivers, not `addColumn`/`dropColumn`, which rebuild
 * the table on SQLite (see UserSessionsValidFrom1796070000000).
 */
export class EvidenceErased1796300000000 implements MigrationInterface {
  name = 'EvidenceErased1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE evidence_files ADD COLUMN erased_at varchar(24)');
    await queryRunner.query('ALTER TABLE evidence_files ADD COLUMN erased_by varchar(64)');
    await queryRunner.query('ALTER TABLE evidence_files ADD COLUMN erased_reason varchar(500)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE evidence_files DROP COLUMN erased_reason');
    await queryRunner.query('ALTER TABLE evidence_files DROP COLUMN erased_by');
    await queryRunner.query('ALTER TABLE evidence_files DROP COLUMN erased_at');
  }
}
