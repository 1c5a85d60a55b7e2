import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `document_versions.request_id`: the `x-request-id` of the request that issued the version
 * deliberately (`POST /cycles/{id}/report/issue`, `…/annual-qms-report/issue`, docs/documents.md
 * "Drafts and issuing"), so that the same request sent again answers the version it issued, once,
 * even after the figures changed. Null for a version registered when downloaded, as every row
 * already here was.
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN` on both drivers, not `addColumn`/`dropColumn`, which rebuild
 * the table on SQLite (see UserSessionsValidFrom1796070000000).
 */
export class DocumentIssueRequest1796135000000 implements MigrationInterface {
  name = 'DocumentIssueRequest1796135000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE document_versions ADD COLUMN request_id varchar(64) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE document_versions DROP COLUMN request_id');
  }
}
