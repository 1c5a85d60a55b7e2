import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { TASK_COMMENT_MAX_LENGTH } from '@qcycle/contracts';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MeView } from '../../auth/dto/me.view';
import { LocalizedNameView } from '../../directory/dto/directory.dto';
import { TASK_KINDS, type TaskKind } from '@qcycle/domain';
import { CursorPageInfoView, CursorPageQueryDto } from '../../common/pagination';
import { TASK_OUTCOME_ONE_OF } from '../task-outcome-schemas.openapi';
import { PreviousFindingView } from '../../cycles/dto/previous-finding.view';
import { NamedEvidenceFileView } from '../../evidence/dto/evidence.dto';

/** `resolved`: an at-risk follow-up that closed itself when its objective recovered. */
export const TASK_STATUSES = ['open', 'completed', 'cancelled', 'expired', 'resolved'] as const;
export const TASK_DUE_FILTERS = ['soon', 'overdue'] as const;

export class MyTasksQuery extends CursorPageQueryDto {
  @ApiPropertyOptional({
    enum: [...TASK_STATUSES, 'done', 'all'],
    default: 'open',
    example: 'open',
    description:
      'done: nothing more to do on it (completed, or resolved by itself), latest closed first; all: any status. The others come soonest due first.',
  })
  @IsOptional()
  @IsIn([...TASK_STATUSES, 'done', 'all'])
  status?: (typeof TASK_STATUSES)[number] | 'done' | 'all';

  @ApiPropertyOptional({
    enum: TASK_DUE_FILTERS,
    example: 'soon',
    description: 'soon: open and due within 7 days; overdue: open and past due',
  })
  @IsOptional()
  @IsIn(TASK_DUE_FILTERS as unknown as string[])
  due?: (typeof TASK_DUE_FILTERS)[number];

  @ApiPropertyOptional({ enum: TASK_KINDS, example: 'measurement-report' })
  @IsOptional()
  @IsIn(TASK_KINDS as unknown as string[])
  kind?: TaskKind;

  @ApiPropertyOptional({ example: 'kontum-2024' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,64}$/, { message: 'cycleId must be a cycle id such as kontum-2024' })
  cycleId?: string;
}

export class TaskTitleView {
  @ApiProperty({ example: 'Báo cáo số liệu mục tiêu 4, tháng 3/2024' })
  vi!: string;

  @ApiProperty({ example: 'Report objective 4 figures for March 2024' })
  en!: string;
}

export class TaskSummaryView {
  @ApiProperty({
    example: 'quality-cycle/kontum/2024/monitoring/obj-4/measure/2024-03',
    description: 'URL-encode it in paths (it contains slashes)',
  })
  id!: string;

  @ApiProperty({ example: 'kontum-2024' })
  cycleId!: string;

  @ApiProperty({ enum: TASK_KINDS, example: 'measurement-report' })
  kind!: string;

  @ApiProperty({ type: TaskTitleView })
  title!: TaskTitleView;

  @ApiProperty({ enum: TASK_STATUSES, example: 'open' })
  status!: string;

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  assigneeUserId!: string;

  @ApiProperty({ type: [String], example: [] })
  delegateUserIds!: string[];

  @ApiProperty({ example: 'vp-kiemsoat-tthc', nullable: true, type: String })
  unitCode!: string | null;

  @ApiProperty({ example: 'obj-4', nullable: true, type: String })
  objectiveId!: string | null;

  @ApiProperty({
    example: '2024-03',
    nullable: true,
    type: String,
    description: 'The reporting period of a measurement task (month 2024-03, quarter 2024-Q1, year 2024)',
  })
  periodKey!: string | null;

  @ApiProperty({ example: '2024-03-01T01:00:00.000Z' })
  openedAt!: string;

  @ApiProperty({ example: '2024-04-05T10:00:00.000Z', nullable: true, type: String })
  dueAt!: string | null;

  @ApiProperty({ example: false, description: 'Open and past its due instant' })
  overdue!: boolean;

  @ApiProperty({
    example: false,
    description:
      "Opened after its due instant: late from the start (a year started late, months already past). A measurement report of such a task, and only such a task, may say it was made on paper, when and under which reference (outcome paperReport): the measurement's lateness is then judged by the paper's day; the task stays late as entered",
  })
  openedAfterDue!: boolean;

  @ApiProperty({
    example: false,
    description:
      "Its cycle is a rehearsal (training on a calendar moved to start now): what is done here counts for nothing, and its due instants are the rehearsal's",
  })
  rehearsal!: boolean;

  @ApiProperty({
    example: 2,
    minimum: 0,
    description:
      'How many messages were written about it (POST /tasks/{taskId}/comments, "trao đổi"); the task’s history holds them',
  })
  commentCount!: number;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'When the last message about it was written; null if none',
  })
  lastCommentedAt!: string | null;
}

export class TaskPage extends CursorPageInfoView {
  @ApiProperty({ type: [TaskSummaryView] })
  items!: TaskSummaryView[];
}

export class TaskHistoryEntryView {
  @ApiProperty({ example: 'task.completed' })
  type!: string;

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b', description: 'User id, or system' })
  actor!: string;

  @ApiProperty({ example: '2024-04-02T03:15:00.000Z' })
  occurredAt!: string;

  @ApiProperty({ example: '3f0c1b9e-7a51-4d2a-9a0e-2f4f5b8c9d10', nullable: true, type: String })
  requestId!: string | null;

  @ApiProperty({ example: { late: false }, type: 'object', additionalProperties: true })
  payload!: Record<string, unknown>;
}

/** A unit of the task's organisation by its names. */
export class TaskUnitView {
  @ApiProperty({ example: 'vp-kiemsoat-tthc' })
  code!: string;

  @ApiProperty({ type: LocalizedNameView })
  name!: LocalizedNameView;
}

export class TaskDetailView extends TaskSummaryView {
  @ApiProperty({
    example: 'quality-cycle/kontum/2024/monitoring/obj-4',
    description: 'The workflow that owns the task',
  })
  workflowId!: string;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'When its assignee was last urged to finish it (POST /tasks/{taskId}/urge); null if never',
  })
  urgedAt!: string | null;

  @ApiProperty({
    example: { indicators: [{ id: 'obj-4-on-time', kind: 'ratio' }] },
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'What the form shows',
  })
  form!: Record<string, unknown> | null;

  @ApiProperty({
    example: null,
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'The submitted answer, once completed',
  })
  outcome!: Record<string, unknown> | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      type: 'object',
      title: 'Báo cáo số liệu',
      required: ['figures', 'evidence'],
      properties: { figures: { type: 'array' }, evidence: { type: 'array', minItems: 1 } },
    },
    description:
      "The JSON Schema of this task kind's answer (the same as the OpenAPI component <Kind>Outcome, e.g. MeasurementReportOutcome): " +
      'fields, types, formats, enums, Vietnamese title/description and x-en (English), x-problem (the code and reason the workflow answers for that field). ' +
      'A form may check the shape with it; the workflow decides, with the rules that need the cycle (known units, the audit window, the indicators).',
  })
  outcomeSchema!: Record<string, unknown>;

  @ApiProperty({ example: null, nullable: true, type: String })
  completedBy!: string | null;

  @ApiProperty({ example: null, nullable: true, type: String })
  closedAt!: string | null;

  @ApiProperty({ example: false })
  late!: boolean;

  @ApiProperty({ type: [TaskHistoryEntryView] })
  history!: TaskHistoryEntryView[];

  @ApiProperty({
    type: [TaskUnitView],
    description:
      "The organisation's units by their names, for the unit codes the task's form, answer and history name: a session " +
      'opened by an e-mailed task link reads nothing but its task, and its page names units as every other page does.',
  })
  units!: TaskUnitView[];

  @ApiProperty({
    type: [NamedEvidenceFileView],
    description:
      "The uploaded files the task's form and answer name (`evidence:<id>`), by name: its cycle's, and the year before's " +
      "where the form carries last year's records (a review's inputs: last year's actions and what they rest on). A file no longer on record is left out.",
  })
  files!: NamedEvidenceFileView[];

  @ApiPropertyOptional({
    type: [PreviousFindingView],
    description:
      "An audit step's task only (ISO 9001 9.2.2 a): what the same organisation's internal audit of the year before " +
      "found in the step's unit (observations and nonconformities, in that audit's order), each with its corrective " +
      'action, so the auditor looks again where it fell short. Empty when it found nothing there, or qcycle holds no audit of that year.',
  })
  previousFindings?: PreviousFindingView[];

  @ApiPropertyOptional({
    example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b',
    description:
      "An audit step's task only: the lead auditor its audit's plan names, to whom its auditor's messages go and who may urge them",
  })
  leadAuditorUserId?: string;
}

export class CompleteTaskDto {
  @ApiProperty({
    oneOf: TASK_OUTCOME_ONE_OF,
    example: {
      figures: [{ indicatorId: 'obj-4-on-time', numerator: 81, denominator: 100 }],
      evidence: ['Báo cáo 12/BC-VP'],
    },
    description:
      "The task's answer: the task's kind picks one of these schemas (ObjectivesApprovalOutcome for objectives-approval, MeasurementReportOutcome for measurement-report, …; " +
      'the task detail carries it as outcomeSchema). The workflow checks it and answers 422 with details.problems ({ path, code, reason }) when it refuses it.',
  })
  @IsObject()
  outcome!: Record<string, unknown>;
}

export class TaskCompletionView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/monitoring/obj-4/measure/2024-03' })
  taskId!: string;

  @ApiProperty({ example: 'completed', enum: ['completed'] })
  status!: 'completed';

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  completedBy!: string;

  @ApiProperty({ example: '2024-04-02T03:15:00.000Z' })
  completedAt!: string;

  @ApiProperty({ example: false, description: 'Completed after its due instant (accepted, marked late)' })
  late!: boolean;
}

export class TaskLinkExchangeDto {
  @ApiProperty({
    example: 'eyJ2IjoxLCJ0Ijoi…In0.Q2hY…',
    description: 'The token= part of the link in the notification e-mail',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(2048)
  token!: string;
}

export class TaskLinkSessionView {
  @ApiProperty({
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…',
    description: 'Bearer token for this task only (its detail and complete)',
  })
  accessToken!: string;

  @ApiProperty({ example: 'Bearer', enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ example: 1800 })
  expiresIn!: number;

  @ApiProperty({ type: MeView })
  user!: MeView;

  @ApiProperty({ type: TaskDetailView })
  task!: TaskDetailView;
}

export class ReassignTaskDto {
  @ApiProperty({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    description:
      "The user who takes the task over: an active person of your organisation's directory now (a leader for the objectives approval and the management review; for an audit step an auditor from another unit than the audited one)",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  toUserId!: string;

  @ApiProperty({
    example: 'Đồng chí Hoa đi công tác đến hết tháng',
    description: 'Why, for the record and the notification',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({
    example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b',
    description:
      'The assignee you saw when you decided (assigneeUserId of the task you read). If someone else holds it now — another reassignment came first — the reassignment is refused with 409 CONFLICT naming them (details.currentAssignee) and nothing changes. Without it, the task is taken from whoever holds it',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  ifAssignedTo?: string;
}

export class TaskReassignmentView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/assignment/unit/vp-kiemsoat-tthc' })
  taskId!: string;

  @ApiProperty({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    description: 'The new assignee; the previous one stays a delegate',
  })
  assigneeUserId!: string;
}

export class UrgeTaskDto {
  @ApiPropertyOptional({
    example: 'Đề nghị phòng gửi số liệu tháng 3 trước thứ Sáu.',
    description: 'A few words to the assignee, in the mail and the history',
    maxLength: 500,
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class CommentTaskDto {
  @ApiProperty({
    example: 'Số hồ sơ trễ hạn tháng này tính cả hồ sơ liên thông phải không ạ?',
    description: `The message, as typed (line breaks kept); 1–${TASK_COMMENT_MAX_LENGTH} characters once trimmed`,
    minLength: 1,
    maxLength: TASK_COMMENT_MAX_LENGTH,
  })
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(1, { message: 'text must not be empty' })
  @Matches(/\S/, { message: 'text must not be blank' })
  @MaxLength(TASK_COMMENT_MAX_LENGTH)
  text!: string;
}

export class TaskCommentView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/monitoring/obj-4/measure/2024-03' })
  taskId!: string;

  @ApiProperty({ example: 1, description: 'The n-th message about the task' })
  number!: number;

  @ApiProperty({ example: '2024-03-28T02:00:00.000Z' })
  commentedAt!: string;

  @ApiProperty({
    type: [String],
    example: ['0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b'],
    description:
      'Who is told of it by mail and in their notifications: the others in the conversation (the assignee, whoever wrote before), and, for a message of the assignee or a delegate, the head of the task’s unit (else the Quality Representative)',
  })
  recipientUserIds!: string[];
}

export class UrgeCopyView {
  @ApiProperty({ example: '5c1d2e3f-4a5b-4e5f-8a9b-0b8f6a1e2c3d' })
  userId!: string;

  @ApiProperty({ example: 'Phạm Thị Hoa' })
  name!: string;
}

export class TaskUrgeView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/monitoring/obj-4/measure/2024-03' })
  taskId!: string;

  @ApiProperty({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    description: 'Who was urged: the assignee',
  })
  assigneeUserId!: string;

  @ApiProperty({
    type: () => [UrgeCopyView],
    description:
      'Who was sent a copy: those who answer for the task (the heads of its unit; for an audit step, the lead auditor of its audit), neither you nor the assignee; empty when nobody',
  })
  copiedTo!: UrgeCopyView[];

  @ApiProperty({ example: 1, description: 'The n-th time the task was urged' })
  number!: number;

  @ApiProperty({ example: '2024-03-28T02:00:00.000Z' })
  urgedAt!: string;
}
