import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Used task links: the nonce as primary key makes every link single-use. Portable column types. */
export class TaskLinkUses1764400000000 implements MigrationInterface {
  name = 'TaskLinkUses1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'task_link_uses',
        columns: [
          { name: 'nonce', type: 'varchar', length: '64', isPrimary: true },
          { name: 'task_id', type: 'varchar', length: '200' },
          { name: 'user_id', type: 'varchar', length: '64' },
          { name: 'used_at', type: 'varchar', length: '24' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('task_link_uses');
  }
}
