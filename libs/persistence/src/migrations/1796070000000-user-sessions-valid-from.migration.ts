import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side sign-out: `users.sessions_valid_from`, the instant of the last change that ended a
 * person's sessions (a password set, deactivation or reactivation, "sign out everywhere"). The
 * API's own tokens carry the value they were signed under and are refused once it has moved.
 * Null until one of those happens, so the rows already here, and the tokens already handed out,
 * stay as they were. An ISO-8601 string like every instant (docs/persistence.md).
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN`, the same text on both drivers (SQLite ≥ 3.35), rather than
 * `addColumn`/`dropColumn`: on SQLite those rebuild the table (copy, drop, rename), and TypeORM
 * turns foreign keys off only after a revert's transaction has begun, where SQLite ignores it, so
 * dropping the old `users` deleted every role assignment (ON DELETE CASCADE) with it.
 */
export class UserSessionsValidFrom1796070000000 implements MigrationInterface {
  name = 'UserSessionsValidFrom1796070000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE users ADD COLUMN sessions_valid_from varchar(24) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE users DROP COLUMN sessions_valid_from');
  }
}
