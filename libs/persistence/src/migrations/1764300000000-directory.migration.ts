import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The directory: organisations, their units, users and role assignments. Portable types only (SQLite and PostgreSQL). */
export class Directory1764300000000 implements MigrationInterface {
  name = 'Directory1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const stamps = [
      { name: 'created_at', type: 'varchar', length: '24' },
      { name: 'updated_at', type: 'varchar', length: '24' },
    ];
    await queryRunner.createTable(
      new Table({
        name: 'organisations',
        columns: [
          { name: 'code', type: 'varchar', length: '40', isPrimary: true },
          { name: 'name_vi', type: 'varchar', length: '300' },
          { name: 'name_en', type: 'varchar', length: '300' },
          ...stamps,
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'organisation_units',
        columns: [
          { name: 'organisation_code', type: 'varchar', length: '40', isPrimary: true },
          { name: 'code', type: 'varchar', length: '60', isPrimary: true },
          { name: 'name_vi', type: 'varchar', length: '300' },
          { name: 'name_en', type: 'varchar', length: '300' },
          { name: 'parent_code', type: 'varchar', length: '60', isNullable: true },
          ...stamps,
        ],
        indices: [
          new TableIndex({
            name: 'IDX_organisation_units_parent',
            columnNames: ['organisation_code', 'parent_code'],
          }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_organisation_units_org',
            columnNames: ['organisation_code'],
            referencedTableName: 'organisations',
            referencedColumnNames: ['code'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'organisation_code', type: 'varchar', length: '40' },
          { name: 'unit_code', type: 'varchar', length: '60', isNullable: true },
          { name: 'full_name', type: 'varchar', length: '200' },
          { name: 'title', type: 'varchar', length: '200', isNullable: true },
          { name: 'email', type: 'varchar', length: '254', isUnique: true },
          { name: 'password_hash', type: 'varchar', length: '100', isNullable: true },
          { name: 'oidc_subject', type: 'varchar', length: '255', isNullable: true, isUnique: true },
          { name: 'locale', type: 'varchar', length: '2' },
          { name: 'active', type: 'boolean' },
          ...stamps,
        ],
        indices: [
          new TableIndex({ name: 'IDX_users_org_unit', columnNames: ['organisation_code', 'unit_code'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_users_org',
            columnNames: ['organisation_code'],
            referencedTableName: 'organisations',
            referencedColumnNames: ['code'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'role_assignments',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'organisation_code', type: 'varchar', length: '40' },
          { name: 'role', type: 'varchar', length: '32' },
          { name: 'scope', type: 'varchar', length: '60' },
          { name: 'created_at', type: 'varchar', length: '24' },
        ],
        indices: [
          new TableIndex({
            name: 'IDX_role_assignments_user_role_scope',
            columnNames: ['user_id', 'role', 'scope'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'IDX_role_assignments_org_role',
            columnNames: ['organisation_code', 'role'],
          }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_role_assignments_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('role_assignments');
    await queryRunner.dropTable('users');
    await queryRunner.dropTable('organisation_units');
    await queryRunner.dropTable('organisations');
  }
}
