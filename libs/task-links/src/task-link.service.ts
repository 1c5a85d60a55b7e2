import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { TaskLinkUseEntity } from '@qcycle/persistence';
import { TaskLinkSigner } from './task-link-signer';
import type { TaskLinkClaims } from './task-link-token';
import { TaskLinkError, TaskLinkErrorCode } from './task-link.error';

export interface ConsumedTaskLink extends TaskLinkClaims {
  /** When this exchange happened (ISO-8601 UTC). */
  usedAt: string;
}

/**
 * Exchanges a task link for access, once. The use is recorded by inserting the link's nonce as the
 * primary key of `task_link_uses`: the database, not a read-then-write, decides which of two
 * concurrent exchanges wins, so exactly one succeeds on SQLite and on PostgreSQL.
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
   * differs; the link stays unused) or AlreadyUsed.
   */
  async consume(token: string, now: Date = new Date(), expectedTaskId?: string): Promise<ConsumedTaskLink> {
    const claims = this.signer.verify(token, now);
    if (expectedTaskId !== undefined && expectedTaskId !== claims.taskId) {
      throw new TaskLinkError(
        TaskLinkErrorCode.WrongTask,
        `The task link opens task ${claims.taskId}, not ${expectedTaskId}`,
      );
    }
    const usedAt = now.toISOString();
    try {
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(TaskLinkUseEntity)
        .values({ nonce: claims.nonce, taskId: claims.taskId, userId: claims.userId, usedAt })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new TaskLinkError(TaskLinkErrorCode.AlreadyUsed, 'The task link has already been used');
      throw error;
    }
    return { ...claims, usedAt };
  }

  /** Whether a genuine link's nonce has been used (for showing "already used" before an exchange). */
  async isUsed(claims: Pick<TaskLinkClaims, 'nonce'>): Promise<boolean> {
    return (await this.dataSource.getRepository(TaskLinkUseEntity).countBy({ nonce: claims.nonce })) > 0;
  }
}

/** PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_PRIMARYKEY / _UNIQUE. */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = String((error.driverError as { code?: unknown } | undefined)?.code ?? '');
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
