import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not, type FindOptionsWhere, type Repository } from 'typeorm';
import {
  childWorkflowIds,
  erasedEvidenceIdOf,
  paperToScanNoticeId,
  QcycleError,
  QcycleErrorCode,
  type TaskNotificationReason,
} from '@qcycle/contracts';
import {
  CorrectiveActionEntity,
  EvidenceFileEntity,
  NotificationEntity,
  QualityCycleEntity,
  TaskEntity,
  UserEntity,
} from '@qcycle/persistence';
import { hasSignedScan, type SignedPaperRecordType } from '../cycles/signed-papers';
import type { Principal } from '../auth/principal';
import { pageWindow } from '../common/pagination';
import type { MyNotificationsQuery, NotificationPage, NotificationView } from './dto/notification.dto';

/**
 * The bell: the notifications the engine recorded for the caller (table `notifications`, written by
 * the notification activity), and whether they read them. Only the recipient sees or marks their own;
 * anyone else's answers 404, as if it did not exist.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(NotificationEntity) private readonly notifications: Repository<NotificationEntity>,
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async mine(caller: Principal, query: MyNotificationsQuery): Promise<NotificationPage> {
    const { limit, offset } = pageWindow(query);
    const where: FindOptionsWhere<NotificationEntity> = { recipientUserId: caller.userId };
    if (query.unread === 'true') where.readAt = IsNull();
    if (query.unread === 'false') where.readAt = Not(IsNull());
    const [rows, total] = await this.notifications.findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
    const unread = await this.notifications.countBy({ recipientUserId: caller.userId, readAt: IsNull() });
    // The tasks' titles in both languages, so that the bell reads in the reader's language whatever
    // language each e-mail was sent in (one read, by primary key, for the page).
    const taskIds = [...new Set(rows.map((row) => row.taskId))];
    const tasks = taskIds.length
      ? await this.tasks.find({ select: TASK_FACTS, where: { id: In(taskIds) } })
      : [];
    const taskOf = new Map(tasks.map((task) => [task.id, task]));
    const names = await this.namesOf(tasks.map((task) => task.assigneeUserId));
    const facts = await this.noticeFacts(rows);
    return {
      items: rows.map((row) => ({ ...toView(row, taskOf.get(row.taskId), names), ...facts.get(row.id) })),
      total,
      unread,
      limit,
      offset,
    };
  }

  /** What the page's notices say beside their task: a paper's scan now, an erased file (one reason each). */
  private async noticeFacts(rows: NotificationEntity[]): Promise<Map<string, NoticeFacts>> {
    const [papers, erased] = await Promise.all([this.papersNow(rows), this.erasedFiles(rows)]);
    return new Map([...papers, ...erased]);
  }

  /**
   * For the page's notices asking for a signed paper's scan, whether it is on record now, so that
   * nobody chases a scan already added (the paper told apart by the notice's id: the approval's or
   * the review's). A few reads per such notice: a văn thư has two a year.
   */
  private async papersNow(rows: NotificationEntity[]): Promise<Map<string, NoticeFacts>> {
    const asking = rows.filter((row) => row.reason === 'paper-to-scan');
    const now = new Map<string, NoticeFacts>();
    if (asking.length === 0) return now;
    const cycles = await this.dataSource.getRepository(QualityCycleEntity).find({
      select: { id: true, workflowId: true },
      where: { id: In([...new Set(asking.map((row) => row.cycleId))]) },
    });
    for (const row of asking) {
      const cycle = cycles.find((c) => c.id === row.cycleId);
      if (!cycle) continue;
      const paper = (['approval', 'review'] as const satisfies readonly SignedPaperRecordType[]).find(
        (recordType) => row.taskId === paperToScanNoticeId(childWorkflowIds[recordType](cycle.workflowId)),
      );
      if (paper)
        now.set(row.id, { paperNow: { scanned: await hasSignedScan(this.dataSource, row.cycleId, paper) } });
    }
    return now;
  }

  /**
   * For the page's notices of an erasure, the file as the record keeps it (the notice's id names it),
   * so that the bell says which file, who, when and why, as the mail did; and, for a corrective
   * action's file (no task to name), its nonconformity. Three reads for the page at most.
   */
  private async erasedFiles(rows: NotificationEntity[]): Promise<Map<string, NoticeFacts>> {
    const fileOf = new Map(
      rows.flatMap((row) => {
        const evidenceId = row.reason === 'evidence-erased' ? erasedEvidenceIdOf(row.id) : null;
        return evidenceId ? [[row.id, evidenceId] as const] : [];
      }),
    );
    const facts = new Map<string, NoticeFacts>();
    if (fileOf.size === 0) return facts;
    const files = await this.dataSource.getRepository(EvidenceFileEntity).find({
      select: {
        id: true,
        recordType: true,
        recordKey: true,
        fileName: true,
        erasedAt: true,
        erasedBy: true,
        erasedReason: true,
      },
      where: { id: In([...new Set(fileOf.values())]) },
    });
    const actionKeys = files
      .filter((file) => file.recordType === 'corrective-action')
      .map((file) => file.recordKey);
    const actions = actionKeys.length
      ? await this.dataSource
          .getRepository(CorrectiveActionEntity)
          .find({ select: { id: true, finding: true }, where: { id: In(actionKeys) } })
      : [];
    const names = await this.namesOf(files.flatMap((file) => (file.erasedBy ? [file.erasedBy] : [])));
    for (const [noticeId, evidenceId] of fileOf) {
      const file = files.find((candidate) => candidate.id === evidenceId);
      if (!file?.erasedAt || !file.erasedBy) continue;
      const finding = actions.find((action) => action.id === file.recordKey)?.finding;
      facts.set(noticeId, {
        erasedFile: {
          fileName: file.fileName,
          erasedByName: names.get(file.erasedBy) ?? file.erasedBy,
          erasedAt: file.erasedAt,
          reason: file.erasedReason ?? '',
          ...(file.recordType === 'corrective-action' && finding !== undefined ? { finding } : {}),
        },
      });
    }
    return facts;
  }

  /** People by name as the directory names them now: the page's assignees, erasers (one read by primary key). */
  private async namesOf(userIds: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Map();
    const users = await this.users.find({ select: { id: true, fullName: true }, where: { id: In(ids) } });
    return new Map(users.map((user) => [user.id, user.fullName]));
  }

  /** Marks one read; marking it again keeps the first time. */
  async markRead(caller: Principal, id: string): Promise<NotificationView> {
    const own = { id, recipientUserId: caller.userId };
    await this.notifications.update({ ...own, readAt: IsNull() }, { readAt: new Date().toISOString() });
    const row = await this.notifications.findOneBy(own);
    if (!row) throw new QcycleError(QcycleErrorCode.NotFound, 'notification', { id });
    const task = await this.tasks.findOne({ select: TASK_FACTS, where: { id: row.taskId } });
    return {
      ...toView(row, task ?? undefined, await this.namesOf(task ? [task.assigneeUserId] : [])),
      ...(await this.noticeFacts([row])).get(row.id),
    };
  }

  /**
   * The calendar entry one of my notices carried (the deadline of a task given to me, or its
   * cancellation), as it was mailed: for adding it from the web app, as for whoever has no e-mail
   * address. 404 for a notice without one, as for someone else's.
   */
  async calendar(caller: Principal, id: string): Promise<string> {
    const row = await this.notifications.findOne({
      select: { id: true, calendar: true },
      where: { id, recipientUserId: caller.userId },
    });
    if (!row) throw new QcycleError(QcycleErrorCode.NotFound, 'notification', { id });
    if (!row.calendar) throw new QcycleError(QcycleErrorCode.NotFound, 'notificationCalendar', { id });
    return row.calendar;
  }

  async markAllRead(caller: Principal): Promise<number> {
    const result = await this.notifications.update(
      { recipientUserId: caller.userId, readAt: IsNull() },
      { readAt: new Date().toISOString() },
    );
    return result.affected ?? 0;
  }
}

/** What a notice about a paper or a file says of it now, beside its task. */
type NoticeFacts = Pick<NotificationView, 'paperNow' | 'erasedFile'>;

/** What a notice shows of its task: its title and period, where it stands, whether it is still the reader's. */
const TASK_FACTS = {
  id: true,
  title: true,
  periodKey: true,
  status: true,
  assigneeUserId: true,
  dueAt: true,
} as const;

function toView(
  row: NotificationEntity,
  task: Pick<TaskEntity, 'title' | 'periodKey' | 'status' | 'assigneeUserId' | 'dueAt'> | undefined,
  names: ReadonlyMap<string, string>,
): NotificationView {
  return {
    id: row.id,
    taskId: row.taskId,
    cycleId: row.cycleId,
    reason: row.reason as TaskNotificationReason,
    subject: row.subject,
    ...(task ? { taskTitle: task.title } : {}),
    ...(task?.periodKey ? { periodKey: task.periodKey } : {}),
    ...(task
      ? {
          taskNow: {
            status: task.status,
            assigneeUserId: task.assigneeUserId,
            assigneeName: names.get(task.assigneeUserId) ?? null,
            dueAt: task.dueAt,
            overdue: task.status === 'open' && task.dueAt !== null && task.dueAt < new Date().toISOString(),
          },
        }
      : {}),
    calendarEntry: row.calendar !== null,
    deadlineStillYours: task?.status === 'open' && task.assigneeUserId === row.recipientUserId,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}
