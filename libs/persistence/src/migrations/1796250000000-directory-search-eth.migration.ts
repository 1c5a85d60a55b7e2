import type { MigrationInterface, QueryRunner } from 'typeorm';
import { searchText } from '@qcycle/domain';

/**
 * The directory's search now reads Ð (U+00D0, which conversions from the old Vietnamese fonts leave
 * for Đ) as Đ (`searchText` of @qcycle/domain), as the names' order does: the people and units whose
 * names were typed with it are written again here, in JavaScript, as the API writes new ones, so that
 * "Đinh" and "dinh" find "Ðinh". Only those rows: nobody else's search text changes.
 */
export class DirectorySearchEth1796250000000 implements MigrationInterface {
  name = 'DirectorySearchEth1796250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Named parameters, as each driver writes them ($1 or ?): a migration must not go through the
    // entities, which may have changed since.
    const run = (sql: string, parameters: Record<string, string>) =>
      queryRunner.query(...queryRunner.connection.driver.escapeQueryWithParameters(sql, parameters, {}));
    // Both cases spelt out: LIKE folds case on neither database for letters beyond A–Z.
    const users: { id: string; full_name: string; email: string }[] = await queryRunner.query(
      "SELECT id, full_name, email FROM users WHERE full_name LIKE '%Ð%' OR full_name LIKE '%ð%'",
    );
    for (const user of users)
      await run('UPDATE users SET search_text = :text WHERE id = :id', {
        text: searchText(user.full_name, user.email),
        id: user.id,
      });
    const units: { organisation_code: string; code: string; name_vi: string; name_en: string }[] =
      await queryRunner.query(
        `SELECT organisation_code, code, name_vi, name_en FROM organisation_units
         WHERE name_vi LIKE '%Ð%' OR name_vi LIKE '%ð%' OR name_en LIKE '%Ð%' OR name_en LIKE '%ð%'`,
      );
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
   * Left as written: which đ of a search text was typed ð cannot be told apart any more, and the
   * earlier search finds these rows by "Đinh" and "dinh" too; only a query itself typed with Ð no
   * longer finds them after a rollback.
   */
  async down(): Promise<void> {}
}
