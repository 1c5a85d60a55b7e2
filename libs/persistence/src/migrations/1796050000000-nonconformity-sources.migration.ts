import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Nonconformities from any source (issue #9): a corrective action says where its nonconformity came
 * from, who raised it, who verifies it and, for a missed objective, which objective and period. Rows
 * written before are audit findings.
 */
export class NonconformitySources1796050000000 implements MigrationInterface {
  name = 'NonconformitySources1796050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('corrective_actions', [
      new TableColumn({
        name: 'source',
        type: 'varchar',
        length: '24',
        isNullable: false,
        default: "'audit-finding'",
      }),
      new TableColumn({ name: 'raised_by', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'verifier_user_id', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'objective_id', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'period_key', type: 'varchar', length: '16', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['period_key', 'objective_id', 'verifier_user_id', 'raised_by', 'source'])
      await queryRunner.dropColumn('corrective_actions', column);
  }
}
