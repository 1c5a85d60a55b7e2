import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A report made on paper before qcycle asked for it (docs/objectives.md "Reports made on paper"):
 * `measurements.paper_report_date` (`YYYY-MM-DD`, the day its lateness was judged by) and
 * `paper_report_reference` (its number and symbol, e.g. `45/BC-VP`), for an auditor to check
 * against the paper file. Null for every report made in qcycle, as all the rows already here were.
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN` on both drivers, not `addColumn`/`dropColumn`, which rebuild
 * the table on SQLite (see UserSessionsValidFrom1796070000000).
 */
export class MeasurementPaperReport1796110000000 implements MigrationInterface {
  name = 'MeasurementPaperReport1796110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE measurements ADD COLUMN paper_report_date varchar(10) NULL');
    await queryRunner.query('ALTER TABLE measurements ADD COLUMN paper_report_reference varchar(200) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE measurements DROP COLUMN paper_report_reference');
    await queryRunner.query('ALTER TABLE measurements DROP COLUMN paper_report_date');
  }
}
