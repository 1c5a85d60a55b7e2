import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a file was uploaded to its task's record after the task was answered
 * (`evidence_files.after_answer`): the scan of a decision or of minutes signed once qcycle had
 * recorded them (docs/documents.md "The signed papers beside the documents printed"). The files
 * uploaded before are filled in from their task: uploaded after it closed (through the API; the web
 * app offered no upload on an answered task but a report's correction). Both times are ISO instants
 * written alike, so they compare as text on both drivers.
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
    await queryRunner.query(
      `UPDATE evidence_files SET after_answer = true
       WHERE record_type IN ('measurement', 'audit-step', 'review', 'review-action', 'approval')
         AND EXISTS (SELECT 1 FROM tasks t
                     WHERE t.id = evidence_files.record_key AND t.cycle_id = evidence_files.cycle_id
                       AND t.status = 'completed' AND t.closed_at < evidence_files.uploaded_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE evidence_files DROP COLUMN after_answer');
  }
}
