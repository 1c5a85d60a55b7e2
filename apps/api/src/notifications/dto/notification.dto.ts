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
  'urged',
  'commented',
  'entered-on-paper',
  'paper-to-scan',
  'evidence-erased',
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

/**
 * Where the notice's task stands now, whoever holds it: what an escalation's reader needs before
 * chasing anyone (is it done? whose is it? when was it due?).
 */
export class NotificationTaskNowView {
  @ApiProperty({ example: 'open', enum: ['open', 'completed', 'cancelled', 'expired'] })
  status!: string;

  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  assigneeUserId!: string;

  @ApiProperty({
    example: 'Nguyễn Thị Lan',
    nullable: true,
    type: String,
    description: 'As the directory names them now; null for someone no longer in it',
  })
  assigneeName!: string | null;

  @ApiProperty({ example: '2024-04-05T10:00:00.000Z', nullable: true, type: String })
  dueAt!: string | null;

  @ApiProperty({ example: false, description: 'Open and past its due time, as the inbox says it' })
  overdue!: boolean;
}

/** Where a signed paper a notice asked a scan of stands now. */
export class NotificationPaperNowView {
  @ApiProperty({
    example: false,
    description: 'A scan of the signed paper is on record now (the documents page lists it beside the paper)',
  })
  scanned!: boolean;
}

/** The file a notice of an erasure is about, as the record keeps it now. */
export class NotificationErasedFileView {
  @ApiProperty({ example: 'Danh sách CCCD.pdf' })
  fileName!: string;

  @ApiProperty({
    example: 'Trần Quốc Việt',
    description:
      'Who erased its content, as the directory names them now (their id for someone no longer in it)',
  })
  erasedByName!: string;

  @ApiProperty({ example: '2024-05-03T02:15:00.000Z' })
  erasedAt!: string;

  @ApiProperty({ example: 'Chứa số CCCD của cán bộ, không cần cho hồ sơ' })
  reason!: string;

  @ApiPropertyOptional({
    example: 'Chỉ tiêu 4 không đạt trong quý 2',
    description:
      "The nonconformity of the corrective action whose record held the file (absent for a task's file: the notice's taskTitle names it)",
  })
  finding?: string;
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

  @ApiPropertyOptional({
    type: NotificationTaskNowView,
    description: 'Where the task stands now (absent when it is about no task, or the task is not recorded)',
  })
  taskNow?: NotificationTaskNowView;

  @ApiPropertyOptional({
    type: NotificationPaperNowView,
    description:
      "A notice asking for a signed paper's scan (reason paper-to-scan): whether the scan is on record now",
  })
  paperNow?: NotificationPaperNowView;

  @ApiPropertyOptional({
    type: NotificationErasedFileView,
    description:
      'A notice that a file you uploaded was erased (reason evidence-erased): the file, who erased it, when and why',
  })
  erasedFile?: NotificationErasedFileView;

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
