import type { MigrationInterface, QueryRunner } from 'typeorm';
import { nameSortKey } from '@qcycle/domain';

/**
 * The users' list pages by name as Vietnamese sorts names (`nameSortKey` of @qcycle/domain): the
 * database's own collation put "Võ" before "Đinh" and "Đặng" after every other letter. The key is
 * ASCII and compared byte by byte — SQLite's BINARY, and on PostgreSQL the column's "C" collation,
 * whatever the database's locale — with an index that serves an organisation's page of people in
 * that order. Existing rows are filled in here, in JavaScript, as the API writes new ones.
 */
export class UserNameSortKey1796240000000 implements MigrationInterface {
  name = 'UserNameSortKey1796240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    await queryRunner.query(
      `ALTER TABLE users ADD COLUMN name_sort_key text${postgres ? ' COLLATE "C"' : ''} NOT NULL DEFAULT ''`,
    );
    // Named parameters, as each driver writes them ($1 or ?): a migration must not go through the
    // entities, which may have changed since.
    const users: { id: string; full_name: string }[] = await queryRunner.query(
      'SELECT id, full_name FROM users',
    );
    for (const user of users)
      await queryRunner.query(
        ...queryRunner.connection.driver.escapeQueryWithParameters(
          'UPDATE users SET name_sort_key = :key WHERE id = :id',
          { key: nameSortKey(user.full_name), id: user.id },
          {},
        ),
      );
    await queryRunner.query(
      'CREATE INDEX "IDX_users_organisation_name" ON users (organisation_code, name_sort_key, id)',
    );
  }

  /** Plain `DROP INDEX` and `ALTER TABLE … DROP COLUMN` on both drivers, as in 1796060000000. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_users_organisation_name"');
    await queryRunner.query('ALTER TABLE users DROP COLUMN name_sort_key');
  }
}
