import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The inbox reads a person's tasks: those assigned to them (IDX (assignee_user_id, status)) and
 * those that list them among the delegates, a JSON text no index can search inside. Two partial
 * indexes, over the tasks that have delegates only, give that second half an index too:
 *  - `IDX_tasks_delegate_single`: a task with one delegate stores exactly `["<user id>"]`
 *    (simple-json, user ids are UUIDs), so the inbox finds those by equality on the whole text;
 *  - `IDX_tasks_delegates_many`: the few with several delegates (a comma in the list), by status and
 *    due date, searched with LIKE among those only.
 * Partial indexes work the same on SQLite (≥ 3.8) and PostgreSQL. A task_delegates table written by
 * the records activities would replace both (docs/performance.md).
 */
export class InboxDelegateIndexes1796022431320 implements MigrationInterface {
  name = 'InboxDelegateIndexes1796022431320';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'tasks',
      new TableIndex({
        name: 'IDX_tasks_delegate_single',
        columnNames: ['delegate_user_ids', 'status'],
        where: "delegate_user_ids <> '[]'",
      }),
    );
    await queryRunner.createIndex(
      'tasks',
      new TableIndex({
        name: 'IDX_tasks_delegates_many',
        columnNames: ['status', 'due_at'],
        where: "delegate_user_ids LIKE '%,%'",
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('tasks', 'IDX_tasks_delegates_many');
    await queryRunner.dropIndex('tasks', 'IDX_tasks_delegate_single');
  }
}
