import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * An organisation's calendar per year, versioned: each change is a new row (version 1, 2, …) with
 * who saved it and when; the highest version is the one new cycles of the year use. The primary
 * key (organisation, year, version) makes two saves of the same version impossible.
 */
export class OrganisationCalendars1796023493203 implements MigrationInterface {
  name = 'OrganisationCalendars1796023493203';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'organisation_calendars',
        columns: [
          { name: 'organisation_code', type: 'varchar', length: '40', isPrimary: true },
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'version', type: 'integer', isPrimary: true },
          { name: 'settings', type: 'text' },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'saved_by', type: 'varchar', length: '64' },
          { name: 'saved_at', type: 'varchar', length: '24' },
          { name: 'request_id', type: 'varchar', length: '64', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('organisation_calendars');
  }
}
