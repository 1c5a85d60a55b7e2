import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an open task's assignee was last urged ("đôn đốc", `task.urged`), for the dashboard's lists
 * of open tasks to say so. Null for every task before this migration, and for those never urged.
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN` on both drivers, for the reason given in
 * 1796070000000-user-sessions-valid-from.
 */
export class TaskUrgedAt1796190000000 implements MigrationInterface {
  name = 'TaskUrgedAt1796190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE tasks ADD COLUMN urged_at varchar(24) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE tasks DROP COLUMN urged_at');
  }
}
