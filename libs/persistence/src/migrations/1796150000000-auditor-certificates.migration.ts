import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An auditor's competence on record (ISO 9001 7.2 and 9.2.2 c): the certificate of internal-auditor
 * training a person holds, who issued it and on which day (`YYYY-MM-DD`). All three null for whoever
 * has none on record, as every row here before this migration.
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN` on both drivers, for the reason given in
 * 1796070000000-user-sessions-valid-from: SQLite's table rebuild would take the role assignments
 * with it on a revert.
 */
export class AuditorCertificates1796150000000 implements MigrationInterface {
  name = 'AuditorCertificates1796150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE users ADD COLUMN auditor_certificate varchar(300) NULL');
    await queryRunner.query('ALTER TABLE users ADD COLUMN auditor_certificate_issuer varchar(200) NULL');
    await queryRunner.query('ALTER TABLE users ADD COLUMN auditor_certified_on varchar(10) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE users DROP COLUMN auditor_certified_on');
    await queryRunner.query('ALTER TABLE users DROP COLUMN auditor_certificate_issuer');
    await queryRunner.query('ALTER TABLE users DROP COLUMN auditor_certificate');
  }
}
