import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A corrective action carried into the next year (docs/workflows.md "Nonconformities"):
 * `corrective_actions.carried_from_id` names last year's action it continues. Null for every action
 * opened in its own year, as all the rows already here were.
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN` on both drivers, not `addColumn`/`dropColumn`, which rebuild
 * the table on SQLite (see UserSessionsValidFrom1796070000000).
 */
export class CorrectiveActionCarriedFrom1796080000000 implements MigrationInterface {
  name = 'CorrectiveActionCarriedFrom1796080000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE corrective_actions ADD COLUMN carried_from_id varchar(240) NULL');
    // Last year's list asks which action continues each of its own.
    await queryRunner.query(
      'CREATE INDEX "IDX_corrective_actions_carried_from" ON corrective_actions (carried_from_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_corrective_actions_carried_from"');
    await queryRunner.query('ALTER TABLE corrective_actions DROP COLUMN carried_from_id');
  }
}
