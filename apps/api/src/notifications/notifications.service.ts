import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, type FindOptionsWhere, type Repository } from 'typeorm';
import { QcycleError, QcycleErrorCode, type TaskNotificationReason } from '@qcycle/contracts';
import { NotificationEntity } from '@qcycle/persistence';
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
    return { items: rows.map(toView), total, unread, limit, offset };
  }

  /** Marks one read; marking it again keeps the first time. */
  async markRead(caller: Principal, id: string): Promise<NotificationView> {
    const own = { id, recipientUserId: caller.userId };
    await this.notifications.update({ ...own, readAt: IsNull() }, { readAt: new Date().toISOString() });
    const row = await this.notifications.findOneBy(own);
    if (!row) throw new QcycleError(QcycleErrorCode.NotFound, 'notification', { id });
    return toView(row);
  }

  async markAllRead(caller: Principal): Promise<number> {
    const result = await this.notifications.update(
      { recipientUserId: caller.userId, readAt: IsNull() },
      { readAt: new Date().toISOString() },
    );
    return result.affected ?? 0;
  }
}

function toView(row: NotificationEntity): NotificationView {
  return {
    id: row.id,
    taskId: row.taskId,
    cycleId: row.cycleId,
    reason: row.reason as TaskNotificationReason,
    subject: row.subject,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}
