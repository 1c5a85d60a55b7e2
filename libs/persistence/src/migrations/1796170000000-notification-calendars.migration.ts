import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The calendar entry a notification's mail carries (the task's deadline), kept with the mail it
 * goes with, so that a mail sent again by the sweep carries it too. Null for every row before this
 * migration: those mails were written without one.
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN` on both drivers, for the reason given in
 * 1796070000000-user-sessions-valid-from.
 */
export class NotificationCalendars1796170000000 implements MigrationInterface {
  name = 'NotificationCalendars1796170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE notifications ADD COLUMN calendar text NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE notifications DROP COLUMN calendar');
  }
}
