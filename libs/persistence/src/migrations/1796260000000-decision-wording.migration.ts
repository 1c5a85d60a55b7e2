import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The decision's words besides its objectives as approved (`decisions.wording`: its scope, legal
 * bases, recipients and Quality Representative's title, JSON), which a revision of the returned
 * draft may now change. Null for decisions approved before: their words are the draft the cycle
 * started with, read from its workflow's start as before.
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN` on both drivers, not `addColumn`/`dropColumn`, which rebuild
 * the table on SQLite (see UserSessionsValidFrom1796070000000).
 */
export class DecisionWording1796260000000 implements MigrationInterface {
  name = 'DecisionWording1796260000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE decisions ADD COLUMN wording text NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE decisions DROP COLUMN wording');
  }
}
