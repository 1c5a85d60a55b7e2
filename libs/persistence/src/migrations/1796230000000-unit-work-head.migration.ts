import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which of a unit's heads takes the unit's work in a year started from now on, when an administrator
 * has chosen one (docs/api.md "Units"). Null for every unit before this migration, and for those
 * left to the rule that the first head by name takes it.
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN` on both drivers, for the reason given in
 * 1796070000000-user-sessions-valid-from.
 */
export class UnitWorkHead1796230000000 implements MigrationInterface {
  name = 'UnitWorkHead1796230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE organisation_units ADD COLUMN work_head_user_id varchar(36) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE organisation_units DROP COLUMN work_head_user_id');
  }
}
