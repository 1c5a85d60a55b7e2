import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a file was uploaded to its task's record after the task was answered
 * (`evidence_files.after_answer`): the scan of a decision or of minutes signed once qcycle had
 * recorded them (docs/documents.md "The signed papers beside the documents printed"). Every file
 * uploaded before was false: the web app offered no upload on an answered approval or review.
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN` on both drivers, not `addColumn`/`dropColumn`, which rebuild
 * the table on SQLite (see UserSessionsValidFrom1796070000000).
 */
export class EvidenceAfterAnswer1796280000000 implements MigrationInterface {
  name = 'EvidenceAfterAnswer1796280000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE evidence_files ADD COLUMN after_answer boolean NOT NULL DEFAULT false',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE evidence_files DROP COLUMN after_answer');
  }
}
