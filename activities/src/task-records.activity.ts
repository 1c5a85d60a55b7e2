import { In, type DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { LocalizedText } from '@qcycle/domain';
import { TaskEntity } from '@qcycle/persistence';
import { appendEvent, insertOnce, logEntry } from './cycle-record.activities';
import type { TaskEventFacts } from './quality-record-facts';
import { event } from './record-writes';

export interface OpenTaskRecord {
  taskId: string;
  cycleId: string;
  workflowId: string;
  kind: string;
  title: LocalizedText;
  assigneeUserId: string;
  delegateUserIds: string[];
  unitCode?: string;
  objectiveId?: string;
  periodKey?: string;
  form?: Record<string, unknown>;
  openedAt: string;
  dueAt?: string;
}

export interface TaskCompletionRecord {
  taskId: string;
  cycleId: string;
  actorUserId: string;
  outcome: unknown;
  at: string;
  late: boolean;
  requestId?: string;
}

/** The completion as the record holds it: the first write's, when an attempt is repeated. */
export interface RecordedCompletion {
  completedAt: string;
  late: boolean;
}

/**
 * LEGACY input of `recordTaskEvent`, as workflows built it before the record boundary (docs/versioning.md
 * "Activities take facts"): an activity task scheduled by that code may still run after a deploy.
 */
export interface LegacyTaskEventRecord {
  taskId: string;
  cycleId: string;
  /** reminded | escalated | reassigned */
  type: string;
  /** Distinguishes events of the same type on one task (escalation level, reassignment number). */
  key: string;
  at: string;
  actor: string;
  requestId?: string;
  escalationLevel?: string;
  assigneeUserId?: string;
  /** With a reassignment: who may still complete the task besides the new assignee. */
  delegateUserIds?: string[];
  payload?: Record<string, unknown>;
}

export interface TasksClosedRecord {
  cycleId: string;
  taskIds: string[];
  status: 'cancelled' | 'expired' | 'resolved';
  at: string;
  actor: string;
  reason: string;
}

export async function openTask(dataSource: DataSource, record: OpenTaskRecord): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await insertOnce(manager, TaskEntity, {
      id: record.taskId,
      cycleId: record.cycleId,
      workflowId: record.workflowId,
      kind: record.kind,
      title: record.title,
      assigneeUserId: record.assigneeUserId,
      delegateUserIds: record.delegateUserIds,
      unitCode: record.unitCode ?? null,
      objectiveId: record.objectiveId ?? null,
      periodKey: record.periodKey ?? null,
      form: record.form ?? null,
      status: 'open',
      openedAt: record.openedAt,
      dueAt: record.dueAt ?? null,
      closedAt: null,
      completedBy: null,
      outcome: null,
      late: false,
      escalationLevel: 'none',
    });
    await appendEvent(
      manager,
      logEntry(record.cycleId, `${record.taskId}/opened`, 'task.opened', 'system', record.openedAt, {
        taskId: record.taskId,
        kind: record.kind,
        assigneeUserId: record.assigneeUserId,
        dueAt: record.dueAt,
      }),
    );
  });
}

/**
 * Returns the completion as recorded. A local activity repeated after its worker died (the write
 * committed, the workflow task lost) is called again with the new attempt's time: the first write
 * stands, and the workflow answers with its time, not the new one.
 */
export async function completeTaskRecord(
  dataSource: DataSource,
  record: TaskCompletionRecord,
): Promise<RecordedCompletion> {
  return dataSource.transaction(async (manager) => {
    const written = await manager.update(TaskEntity, { id: record.taskId, status: 'open' }, {
      status: 'completed',
      closedAt: record.at,
      completedBy: record.actorUserId,
      outcome: record.outcome,
      late: record.late,
    } as QueryDeepPartialEntity<TaskEntity>);
    await appendEvent(
      manager,
      logEntry(
        record.cycleId,
        `${record.taskId}/completed`,
        'task.completed',
        record.actorUserId,
        record.at,
        { taskId: record.taskId, late: record.late, outcome: record.outcome },
        record.requestId,
      ),
    );
    if (written.affected) return { completedAt: record.at, late: record.late };
    const task = await manager.findOneBy(TaskEntity, { id: record.taskId });
    return task?.status === 'completed' && task.closedAt
      ? { completedAt: task.closedAt, late: task.late }
      : { completedAt: record.at, late: record.late };
  });
}

export async function recordTaskEvent(
  dataSource: DataSource,
  facts: TaskEventFacts | LegacyTaskEventRecord,
): Promise<void> {
  if (isLegacyTaskEvent(facts)) return recordLegacyTaskEvent(dataSource, facts);
  await dataSource.transaction(async (manager) => {
    const { cycleId, taskId, at } = facts;
    switch (facts.event) {
      case 'reminded':
        return appendEvent(
          manager,
          logEntry(cycleId, `${taskId}/reminded/before-due`, 'task.reminded', 'system', at, {
            taskId,
            recipientUserId: facts.recipientUserId,
          }),
        );
      case 'escalated':
        if (facts.level) await manager.update(TaskEntity, { id: taskId }, { escalationLevel: facts.level });
        return appendEvent(
          manager,
          logEntry(
            cycleId,
            `${taskId}/escalated/${facts.level ?? 'before-due'}`,
            'task.escalated',
            'system',
            at,
            {
              taskId,
              recipientUserId: facts.recipientUserId,
              level: facts.level,
            },
          ),
        );
      case 'reassigned':
        await manager.update(TaskEntity, { id: taskId }, {
          assigneeUserId: facts.to,
          delegateUserIds: facts.delegateUserIds,
        } as QueryDeepPartialEntity<TaskEntity>);
        return appendEvent(
          manager,
          logEntry(
            cycleId,
            `${taskId}/reassigned/${facts.number}`,
            'task.reassigned',
            facts.reassignedBy,
            at,
            { taskId, from: facts.from, to: facts.to, reason: facts.reason },
            facts.requestId,
          ),
        );
      case 'delegates-changed':
        await manager.update(TaskEntity, { id: taskId }, {
          delegateUserIds: facts.delegateUserIds,
        } as QueryDeepPartialEntity<TaskEntity>);
        return;
      case 'urged':
        await manager.update(TaskEntity, { id: taskId }, { urgedAt: at });
        return appendEvent(
          manager,
          logEntry(
            cycleId,
            `${taskId}/urged/${facts.number}`,
            'task.urged',
            facts.urgedBy,
            at,
            {
              taskId,
              recipientUserId: facts.recipientUserId,
              ...(facts.note ? { note: facts.note } : {}),
              ...(facts.copiedToUserIds?.length ? { copiedToUserIds: facts.copiedToUserIds } : {}),
            },
            facts.requestId,
          ),
        );
      case 'commented':
        // The workflow numbers its task's messages from 1: a retried record counts its message once.
        await manager
          .createQueryBuilder()
          .update(TaskEntity)
          .set({ commentCount: facts.number, lastCommentedAt: at })
          .where('id = :taskId AND comment_count < :number', { taskId, number: facts.number })
          .execute();
        return appendEvent(
          manager,
          logEntry(
            cycleId,
            `${taskId}/commented/${facts.number}`,
            'task.commented',
            facts.commentedBy,
            at,
            { taskId, text: facts.text, recipientUserIds: facts.recipientUserIds },
            facts.requestId,
          ),
        );
    }
  });
}

/** LEGACY: a task event as workflows built it before the record boundary (see LegacyTaskEventRecord). */
async function recordLegacyTaskEvent(dataSource: DataSource, record: LegacyTaskEventRecord): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const changes: QueryDeepPartialEntity<TaskEntity> = {};
    if (record.escalationLevel) changes.escalationLevel = record.escalationLevel;
    if (record.assigneeUserId) changes.assigneeUserId = record.assigneeUserId;
    if (record.delegateUserIds) changes.delegateUserIds = record.delegateUserIds;
    if (Object.keys(changes).length > 0) await manager.update(TaskEntity, { id: record.taskId }, changes);
    await appendEvent(
      manager,
      event(
        record.cycleId,
        `${record.taskId}/${record.type}/${record.key}`,
        `task.${record.type}`,
        record.actor,
        record.at,
        record.requestId,
        {
          taskId: record.taskId,
          ...record.payload,
        },
      ),
    );
  });
}

export async function closeTaskRecords(dataSource: DataSource, record: TasksClosedRecord): Promise<void> {
  if (record.taskIds.length === 0) return;
  await dataSource.transaction(async (manager) => {
    await manager.update(
      TaskEntity,
      { id: In(record.taskIds), status: 'open' },
      { status: record.status, closedAt: record.at },
    );
    for (const taskId of record.taskIds) {
      await appendEvent(
        manager,
        logEntry(
          record.cycleId,
          `${taskId}/${record.status}`,
          `task.${record.status}`,
          record.actor,
          record.at,
          {
            taskId,
            reason: record.reason,
          },
        ),
      );
    }
  });
}

function isLegacyTaskEvent(input: TaskEventFacts | LegacyTaskEventRecord): input is LegacyTaskEventRecord {
  return 'key' in input;
}
