import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a cycle is a rehearsal, on its own record (docs/operations.md "Rehearsals"), so that its
 * tasks are marked in the inbox, on the task page and in their e-mails without asking Temporal.
 * Null for the cycles recorded before: the API then reads the cycle's start input once.
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN` on both drivers, not `addColumn`/`dropColumn`, which rebuild
 * the table on SQLite (see UserSessionsValidFrom1796070000000).
 */
export class QualityCycleRehearsal1796100000000 implements MigrationInterface {
  name = 'QualityCycleRehearsal1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE quality_cycles ADD COLUMN rehearsal boolean NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE quality_cycles DROP COLUMN rehearsal');
  }
}
