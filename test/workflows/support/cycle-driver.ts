import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { completeTaskUpdate, type TaskCompletionResult, type TaskOutcome } from '@qcycle/contracts';
import { TaskEntity } from '@qcycle/persistence';

/** Drives a cycle as its people would through the API: waits for a task's record, completes it by update. */
export class CycleDriver {
  constructor(
    private readonly client: Client,
    private readonly dataSource: DataSource,
    /** How to let time pass while waiting: a time-skipping sleep, or a short real wait on the dev server. */
    private readonly pass: () => Promise<void>,
  ) {}

  async task(
    taskId: string,
    options: { maxSteps?: number; until?: (task: TaskEntity) => boolean } = {},
  ): Promise<TaskEntity> {
    const until = options.until ?? ((task: TaskEntity) => task.status === 'open');
    for (let step = 0; step < (options.maxSteps ?? 400); step++) {
      const task = await this.dataSource.getRepository(TaskEntity).findOneBy({ id: taskId });
      if (task && until(task)) return task;
      await this.pass();
    }
    throw new Error(`task ${taskId} did not reach the expected state`);
  }

  /** Completes a task as the API does: to the owning workflow, the task id as update id. */
  async complete(
    taskId: string,
    actorUserId: string,
    outcome: unknown,
    options: { updateId?: string } = {},
  ): Promise<TaskCompletionResult> {
    const task = await this.task(taskId);
    return this.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
      updateId: options.updateId ?? taskId,
      args: [{ taskId, actorUserId, outcome: outcome as TaskOutcome, requestId: `req-${taskId.slice(-40)}` }],
    });
  }

  /** The refusal a completion gets (the ApplicationFailure the validator threw). */
  async refusal(
    workflowId: string,
    taskId: string,
    actorUserId: string,
    outcome: unknown,
  ): Promise<{ type?: string; message: string }> {
    try {
      await this.client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, {
        updateId: `refused-${Math.random().toString(36).slice(2)}`,
        args: [{ taskId, actorUserId, outcome: outcome as TaskOutcome }],
      });
    } catch (error) {
      const cause = (error as { cause?: { type?: string; message: string } }).cause;
      return { type: cause?.type, message: cause?.message ?? String(error) };
    }
    throw new Error(`completion of ${taskId} by ${actorUserId} was accepted`);
  }
}

/**
 * Writes the histories of a cycle's workflows under test/histories when QCYCLE_RECORD_HISTORIES=1
 * (see docs/versioning.md); the replay suite replays every file there.
 */
export async function recordHistories(client: Client, name: string, workflowIds: string[]): Promise<void> {
  if (process.env.QCYCLE_RECORD_HISTORIES !== '1') return;
  for (const [i, workflowId] of workflowIds.entries()) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const file = join(
      __dirname,
      '..',
      '..',
      'histories',
      `${name}.${i}.${workflowId.split('/').slice(3).join('-') || 'cycle'}.json`,
    );
    writeFileSync(file, JSON.stringify({ workflowId, history }));
  }
}
