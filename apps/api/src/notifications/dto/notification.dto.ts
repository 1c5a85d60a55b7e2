import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { TaskNotificationReason } from '@qcycle/contracts';
import { PageInfoView, PageQueryDto } from '../../common/pagination';
import { TaskTitleView } from '../../tasks/dto/task.dto';

const NOTIFICATION_REASONS = [
  'assigned',
  'reminder',
  'escalated',
  'reassigned',
  'reassigned-away',
  'cancelled',
  'next-year-draft',
  'corrected',
] as const satisfies readonly TaskNotificationReason[];

export class MyNotificationsQuery extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    example: 'true',
    description: 'true: only unread; false: only read; absent: all',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

/** One notification as the bell shows it (the e-mail's text stays in the record, not here). */
export class NotificationView {
  @ApiProperty({
    example: 'quality-cycle/kontum/2024/approval/round-1/assigned',
    description: 'Contains slashes: URL-encode it in a path',
  })
  id!: string;

  @ApiProperty({ example: 'quality-cycle/kontum/2024/approval/round-1' })
  taskId!: string;

  @ApiProperty({ example: 'kontum-2024' })
  cycleId!: string;

  @ApiProperty({ enum: NOTIFICATION_REASONS, example: 'assigned' })
  reason!: TaskNotificationReason;

  @ApiProperty({
    example: '[qcycle] Việc mới: Phê duyệt mục tiêu chất lượng 2024',
    description: "The e-mail's subject, in the language it was sent in",
  })
  subject!: string;

  @ApiPropertyOptional({
    type: TaskTitleView,
    description:
      "The task's title in both languages, for showing the notification in the reader's language (absent when it is about no task, e.g. next year's draft)",
  })
  taskTitle?: TaskTitleView;

  @ApiPropertyOptional({ example: '2024-03', description: "The task's period, when it has one" })
  periodKey?: string;

  @ApiProperty({
    example: true,
    description:
      "The notice carries the task's deadline as a calendar entry (the assignee's own task given, or cancelled): GET /api/v1/me/notifications/{notificationId}/calendar gives it",
  })
  calendarEntry!: boolean;

  @ApiProperty({
    example: true,
    description:
      "The notice's task is open and yours now: its deadline is still yours to keep (false once it is done, cancelled or handed to someone else, and for a notice about no task)",
  })
  deadlineStillYours!: boolean;

  @ApiProperty({ example: '2024-01-15T01:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: null, nullable: true, type: String, description: 'When you marked it read' })
  readAt!: string | null;
}

export class NotificationPage extends PageInfoView {
  @ApiProperty({ type: [NotificationView] })
  items!: NotificationView[];

  @ApiProperty({ example: 3, description: 'How many of your notifications are unread (whatever the filter)' })
  unread!: number;
}

export class NotificationsMarkedView {
  @ApiProperty({ example: 3, description: 'How many unread notifications were marked read' })
  marked!: number;
}
