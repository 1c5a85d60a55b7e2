import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many messages were written about a task ("trao đổi", `task.commented`) and when the last one
 * was, on the task's row: the inbox says which tasks are being talked about without reading the
 * event log for each (docs/performance.md, "A million tasks": the inbox reads task rows only).
 * The messages written before this migration are counted from the event log, where each is
 * `<taskId>/commented/<n>`, numbered from 1 by the task's workflow.
 *
 * Plain `ALTER TABLE … ADD/DROP COLUMN` on both drivers, for the reason given in
 * 1796070000000-user-sessions-valid-from.
 */
export class TaskCommentsCount1796220000000 implements MigrationInterface {
  name = 'TaskCommentsCount1796220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE tasks ADD COLUMN comment_count integer NOT NULL DEFAULT 0');
    await queryRunner.query('ALTER TABLE tasks ADD COLUMN last_commented_at varchar(24) NULL');
    const messages: { id: string; occurred_at: string }[] = await queryRunner.query(
      "SELECT id, occurred_at FROM event_log WHERE type = 'task.commented'",
    );
    const byTask = new Map<string, { count: number; last: string }>();
    for (const { id, occurred_at: at } of messages) {
      const taskId = id.slice(0, id.lastIndexOf('/commented/'));
      const seen = byTask.get(taskId);
      byTask.set(taskId, { count: (seen?.count ?? 0) + 1, last: seen && seen.last > at ? seen.last : at });
    }
    // Named parameters, as each driver writes them ($1 or ?), as in 1796060000000-directory-search-text.
    for (const [taskId, { count, last }] of byTask)
      await queryRunner.query(
        ...queryRunner.connection.driver.escapeQueryWithParameters(
          'UPDATE tasks SET comment_count = :count, last_commented_at = :last WHERE id = :taskId',
          { count, last, taskId },
          {},
        ),
      );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE tasks DROP COLUMN last_commented_at');
    await queryRunner.query('ALTER TABLE tasks DROP COLUMN comment_count');
  }
}
