import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The number and date the clerical office gives a registered version when it sends the signed paper
 * (docs/documents.md "Numbering on sending"): `document_versions.dispatch_number` (`15/BC-UBND`),
 * `dispatched_on` (`YYYY-MM-DD`), `dispatched_by` (who recorded them in qcycle) and
 * `dispatch_recorded_at` (when). Null for every row already here: nothing was recorded yet.
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN` on both drivers, not `addColumn`/`dropColumn`, which rebuild
 * the table on SQLite (see UserSessionsValidFrom1796070000000). One column a statement: SQLite adds
 * one per `ALTER TABLE`.
 */
export class DocumentDispatchNumber1796140000000 implements MigrationInterface {
  name = 'DocumentDispatchNumber1796140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE document_versions ADD COLUMN dispatch_number varchar(60) NULL');
    await queryRunner.query('ALTER TABLE document_versions ADD COLUMN dispatched_on varchar(10) NULL');
    await queryRunner.query('ALTER TABLE document_versions ADD COLUMN dispatched_by varchar(64) NULL');
    await queryRunner.query('ALTER TABLE document_versions ADD COLUMN dispatch_recorded_at varchar(24) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE document_versions DROP COLUMN dispatch_recorded_at');
    await queryRunner.query('ALTER TABLE document_versions DROP COLUMN dispatched_by');
    await queryRunner.query('ALTER TABLE document_versions DROP COLUMN dispatched_on');
    await queryRunner.query('ALTER TABLE document_versions DROP COLUMN dispatch_number');
  }
}
