import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isGrpcDeadlineError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
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
    return this.update(
      this.client.workflow.getHandle(task.workflowId),
      completeTaskUpdate,
      [{ taskId, actorUserId, outcome: outcome as TaskOutcome, requestId: `req-${taskId.slice(-40)}` }],
      options.updateId ?? taskId,
    );
  }

  /**
   * Sends an Update and waits for its answer, asking once more with the same update id when the
   * time-skipping server has not answered in 20 s of real time. The Java test server can lose an
   * Update that arrives while a workflow task is in flight (temporalio/sdk-java#1903); the same id
   * makes the second ask return the first one's outcome if it was applied, never apply it twice.
   */
  async update<Ret, Args extends [unknown, ...unknown[]]>(
    handle: WorkflowHandle,
    definition: UpdateDefinition<Ret, Args>,
    args: Args,
    updateId = `update-${Math.random().toString(36).slice(2)}`,
  ): Promise<Ret> {
    const ask = () =>
      this.client.withDeadline(Date.now() + 20_000, () =>
        handle.executeUpdate(definition, { args, updateId }),
      );
    try {
      return await ask();
    } catch (error) {
      if (!isGrpcDeadlineError(error)) throw error;
      console.warn(`update ${updateId} to ${handle.workflowId} unanswered in 20 s; asking again`);
      return ask();
    }
  }

  /** The refusal a completion gets (the ApplicationFailure the validator threw). */
  async refusal(
    workflowId: string,
    taskId: string,
    actorUserId: string,
    outcome: unknown,
  ): Promise<{ type?: string; message: string }> {
    try {
      await this.update(this.client.workflow.getHandle(workflowId), completeTaskUpdate, [
        { taskId, actorUserId, outcome: outcome as TaskOutcome },
      ]);
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
