import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who entered a decision its signer signed on paper (`decisions.entered_by`: the Quality
 * Representative, who enters the leader's approval given on paper). Null for a decision the signer
 * approved in qcycle, as every decision before was.
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN` on both drivers, not `addColumn`/`dropColumn`, which rebuild
 * the table on SQLite (see UserSessionsValidFrom1796070000000).
 */
export class DecisionEnteredBy1796270000000 implements MigrationInterface {
  name = 'DecisionEnteredBy1796270000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE decisions ADD COLUMN entered_by varchar(64) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE decisions DROP COLUMN entered_by');
  }
}
