import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { searchText } from '@qcycle/domain';

/**
 * The directory's search compares `search_text` (`searchText` of @qcycle/domain): a user's name and
 * e-mail, a unit's code and names, in lower case with and without their marks. SQLite's LOWER()
 * folds A–Z only, so "Đỗ" found nobody named Đỗ, and a decomposed name matched no composed query.
 * Existing rows are filled in here, in JavaScript, as the API writes new ones.
 */
export class DirectorySearchText1796060000000 implements MigrationInterface {
  name = 'DirectorySearchText1796060000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const column = () =>
      new TableColumn({ name: 'search_text', type: 'text', isNullable: false, default: "''" });
    await queryRunner.addColumn('users', column());
    await queryRunner.addColumn('organisation_units', column());
    // Named parameters, as each driver writes them ($1 or ?): the entities now have the column, but
    // a migration must not go through them.
    const run = (sql: string, parameters: Record<string, string>) =>
      queryRunner.query(...queryRunner.connection.driver.escapeQueryWithParameters(sql, parameters, {}));
    const users: { id: string; full_name: string; email: string }[] = await queryRunner.query(
      'SELECT id, full_name, email FROM users',
    );
    for (const user of users)
      await run('UPDATE users SET search_text = :text WHERE id = :id', {
        text: searchText(user.full_name, user.email),
        id: user.id,
      });
    const units: { organisation_code: string; code: string; name_vi: string; name_en: string }[] =
      await queryRunner.query('SELECT organisation_code, code, name_vi, name_en FROM organisation_units');
    for (const unit of units)
      await run(
        'UPDATE organisation_units SET search_text = :text WHERE organisation_code = :organisation AND code = :code',
        {
          text: searchText(unit.code, unit.name_vi, unit.name_en),
          organisation: unit.organisation_code,
          code: unit.code,
        },
      );
  }

  /**
   * Plain `ALTER TABLE … DROP COLUMN`, the same text on both drivers (SQLite ≥ 3.35): TypeORM's
   * `dropColumn` rebuilds a SQLite table, and dropping the old `users` inside the revert's
   * transaction (where turning foreign keys off has no effect) deleted every role assignment with
   * it (ON DELETE CASCADE).
   */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE organisation_units DROP COLUMN search_text');
    await queryRunner.query('ALTER TABLE users DROP COLUMN search_text');
  }
}
