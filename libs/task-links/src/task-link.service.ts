import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { EventLogEntryEntity, TaskEntity, TaskLinkUseEntity } from '@qcycle/persistence';
import { TaskLinkSigner } from './task-link-signer';
import type { TaskLinkClaims } from './task-link-token';
import { TaskLinkError, TaskLinkErrorCode } from './task-link.error';

export interface ConsumedTaskLink extends TaskLinkClaims {
  /** When this exchange happened (ISO-8601 UTC). */
  usedAt: string;
}

/**
 * Exchanges a task link for access, once, while its task is still open and still the person's. The
 * use is recorded by inserting the link's nonce as the primary key of `task_link_uses`: the
 * database, not a read-then-write, decides which of two concurrent exchanges wins, so exactly one
 * succeeds on SQLite and on PostgreSQL.
 */
@Injectable()
export class TaskLinkService {
  constructor(
    private readonly signer: TaskLinkSigner,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Checks the link and marks it used. Throws {@link TaskLinkError} (never anything a client could
   * turn into a 500): Malformed, BadSignature, Expired, WrongTask (when `expectedTaskId` is given and
   * differs), TaskClosed, Reassigned (see {@link movedOn}) — the link stays unused after each of
   * these — or AlreadyUsed.
   */
  async consume(token: string, now: Date = new Date(), expectedTaskId?: string): Promise<ConsumedTaskLink> {
    const claims = this.signer.verify(token, now);
    if (expectedTaskId !== undefined && expectedTaskId !== claims.taskId) {
      throw new TaskLinkError(
        TaskLinkErrorCode.WrongTask,
        `The task link opens task ${claims.taskId}, not ${expectedTaskId}`,
      );
    }
    // A used link stays "already used" once its task has moved on too: that is what the person did.
    const movedOn = await this.movedOn(claims);
    if (movedOn) throw (await this.isUsed(claims)) ? alreadyUsed() : movedOn;
    const usedAt = now.toISOString();
    try {
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(TaskLinkUseEntity)
        .values({ nonce: claims.nonce, taskId: claims.taskId, userId: claims.userId, usedAt })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyUsed();
      throw error;
    }
    return { ...claims, usedAt };
  }

  /**
   * A link opens its task only while there is something to do with it: once the task is completed,
   * cancelled, expired or resolved, or has been reassigned from the person the link was sent to,
   * the e-mail is out of date and the person signs in instead (where a previous assignee, still a
   * delegate, keeps their rights). Checked after the signature, so only a genuine link learns the
   * task's state. A link to a task with no record (yet) is left to the caller, as before. A link
   * sent to someone who never held the task (an escalation to the unit head) still opens it.
   */
  private async movedOn(claims: TaskLinkClaims): Promise<TaskLinkError | undefined> {
    const task = await this.dataSource.getRepository(TaskEntity).findOneBy({ id: claims.taskId });
    if (!task) return undefined;
    const state = { taskId: task.id, status: task.status };
    if (task.status !== 'open') {
      return new TaskLinkError(
        TaskLinkErrorCode.TaskClosed,
        `The task link opens task ${task.id}, which is ${task.status}`,
        state,
      );
    }
    if (task.assigneeUserId === claims.userId) return undefined;
    // Reassignments are few in a cycle; each event names its task and whom it was taken from.
    const reassignments = await this.dataSource
      .getRepository(EventLogEntryEntity)
      .findBy({ cycleId: task.cycleId, type: 'task.reassigned' });
    if (reassignments.some((e) => e.payload?.taskId === task.id && e.payload?.from === claims.userId)) {
      return new TaskLinkError(
        TaskLinkErrorCode.Reassigned,
        `The task link opens task ${task.id}, reassigned from ${claims.userId} to ${task.assigneeUserId}`,
        state,
      );
    }
    return undefined;
  }

  /** Whether a genuine link's nonce has been used (for showing "already used" before an exchange). */
  async isUsed(claims: Pick<TaskLinkClaims, 'nonce'>): Promise<boolean> {
    return (await this.dataSource.getRepository(TaskLinkUseEntity).countBy({ nonce: claims.nonce })) > 0;
  }
}

function alreadyUsed(): TaskLinkError {
  return new TaskLinkError(TaskLinkErrorCode.AlreadyUsed, 'The task link has already been used');
}

/** PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_PRIMARYKEY / _UNIQUE. */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = String((error.driverError as { code?: unknown } | undefined)?.code ?? '');
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
