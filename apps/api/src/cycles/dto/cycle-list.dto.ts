import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CYCLE_PHASES, type CyclePhase, type CycleStatus } from '@qcycle/domain';
import { CycleKeyView } from './cycle.view';
import { CursorPageInfoView, CursorPageQueryDto, PageInfoView, PageQueryDto } from '../../common/pagination';
import { IsInstant } from '../../common/instant';
import { NamedEvidenceFileView } from '../../evidence/dto/evidence.dto';
import { LocalizedTextView } from './cycle-objectives.view';

const CYCLE_STATUSES = ['running', 'closed', 'cancelled'] as const;

export class CycleListQuery extends PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', example: 2024 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: CYCLE_PHASES, example: 'monitoring' })
  @IsOptional()
  @IsIn(CYCLE_PHASES as unknown as string[])
  phase?: CyclePhase;

  @ApiPropertyOptional({ enum: CYCLE_STATUSES, example: 'running' })
  @IsOptional()
  @IsIn(CYCLE_STATUSES as unknown as string[])
  status?: CycleStatus;
}

export class CycleRecordView extends CycleKeyView {
  @ApiProperty({ enum: CYCLE_STATUSES, example: 'running' })
  status!: CycleStatus;

  @ApiProperty({ enum: CYCLE_PHASES, example: 'objectives-approval' })
  phase!: CyclePhase;

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  startedBy!: string;

  @ApiProperty({ example: '2024-01-05T02:00:00.000Z' })
  startedAt!: string;

  @ApiProperty({ example: '2024-03-01T02:00:00.000Z' })
  updatedAt!: string;
}

export class CyclePage extends PageInfoView {
  @ApiProperty({ type: [CycleRecordView] })
  items!: CycleRecordView[];
}

export class CancelCycleDto {
  @ApiProperty({
    example:
      'Cơ quan sáp nhập theo Nghị quyết của Quốc hội; hệ thống quản lý chất lượng chuyển về cơ quan mới',
    description: 'Why, for the record',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

export class DiscardRehearsalDto {
  @ApiProperty({
    example: 'Đã tập huấn xong lớp thứ nhất; diễn tập lại năm 2024 cho lớp thứ hai',
    description: 'Why, for the record kept of the discard',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

export class DiscardRehearsalView {
  @ApiProperty({ example: 'kontum-2024' })
  cycleId!: string;

  @ApiProperty({ example: 2024 })
  year!: number;

  @ApiProperty({ example: '2024-12-03T08:00:00.000Z', description: 'When its records were deleted' })
  discardedAt!: string;
}

export class CancelCycleView {
  @ApiProperty({ example: 'kontum-2024' })
  cycleId!: string;

  @ApiProperty({
    example: 'cancelling',
    enum: ['cancelling'],
    description: 'The workflow cancels its open tasks and records the cycle cancelled',
  })
  status!: 'cancelling';
}

const INSTANT_DESCRIPTION =
  'An instant with its offset (RFC 3339), e.g. 2024-01-01T00:00:00+07:00 or …Z; a leap second (:60) is refused';

export class EventLogQuery extends CursorPageQueryDto {
  @ApiPropertyOptional({
    example: 'task.completed',
    description: 'Exact type, or a prefix ending in a dot (task.)',
  })
  @IsOptional()
  @Matches(/^[a-z0-9.-]{1,64}$/, {
    message: 'type must be an event type such as task.completed, or a prefix such as task.',
  })
  type?: string;

  @ApiPropertyOptional({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b', description: 'User id, or system' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;

  @ApiPropertyOptional({
    example: 'quality-cycle/kontum/2024/nonconformity/1',
    description:
      "Only the events about this record (an item's `subject`): a task's, or a corrective action's with its tasks' and the files uploaded to it",
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9./_-]{0,239}$/, {
    message: "subject must be a record's id, as an event's subject gives it",
  })
  subject?: string;

  @ApiPropertyOptional({ example: '2024-01-01T00:00:00+07:00', description: INSTANT_DESCRIPTION })
  @IsOptional()
  @IsInstant('2024-01-01T00:00:00+07:00')
  from?: string;

  @ApiPropertyOptional({ example: '2024-12-31T23:59:59.999Z', description: INSTANT_DESCRIPTION })
  @IsOptional()
  @IsInstant('2024-12-31T23:59:59Z')
  to?: string;

  @ApiPropertyOptional({
    enum: ['asc', 'desc'],
    default: 'asc',
    description: 'asc: oldest first; desc: newest first (what happened last, on the first page)',
  })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';
}

export class EventLogEntryView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/approval/approve/1/completed' })
  id!: string;

  @ApiProperty({ example: 'task.completed' })
  type!: string;

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b', description: 'User id, or system' })
  actor!: string;

  @ApiProperty({ example: '2024-01-20T03:15:00.000Z' })
  occurredAt!: string;

  @ApiProperty({ example: '3f0c1b9e-7a51-4d2a-9a0e-2f4f5b8c9d10', nullable: true, type: String })
  requestId!: string | null;

  @ApiProperty({
    example: { taskId: 'quality-cycle/kontum/2024/approval/approve/1', late: false },
    type: 'object',
    additionalProperties: true,
  })
  payload!: Record<string, unknown>;

  @ApiProperty({
    example: 'quality-cycle/kontum/2024/approval/approve/1',
    nullable: true,
    type: String,
    description:
      "The record the event is about, named in the page's `subjects`: the task of a task's event, a step's sign-off, a review action's report or a report's figures and corrections; an upload's record; a corrective action's events' action. Null for an event about the cycle as a whole",
  })
  subject!: string | null;
}

/** The record an event is about, named as the cycle's pages name it. */
export class EventSubjectView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/approval/approve/1' })
  id!: string;

  @ApiProperty({ enum: ['task', 'corrective-action'], example: 'task' })
  kind!: 'task' | 'corrective-action';

  @ApiProperty({
    type: LocalizedTextView,
    nullable: true,
    description: "A task's title, as its assignee's inbox gives it",
  })
  title!: LocalizedTextView | null;

  @ApiProperty({
    example: '2024-01',
    nullable: true,
    type: String,
    description: "The period a measurement report's title names by its key, for a page to say it in words",
  })
  periodKey!: string | null;

  @ApiProperty({
    example: 'vp-kiemsoat-tthc',
    nullable: true,
    type: String,
    description:
      "The record's unit: a task's (null for a task of the whole organisation, as the objectives' approval), a corrective action's",
  })
  unitCode!: string | null;

  @ApiProperty({
    example: 'Hồ sơ không có phiếu kiểm soát quá trình giải quyết',
    nullable: true,
    type: String,
    description: "A corrective action's nonconformity, as found",
  })
  finding!: string | null;
}

export class EventLogPage extends CursorPageInfoView {
  @ApiProperty({ type: [EventLogEntryView] })
  items!: EventLogEntryView[];

  @ApiProperty({
    type: [NamedEvidenceFileView],
    description:
      "The uploaded files this page's events name (`evidence:<id>` in a payload's evidence lists, and the file of an `evidence.*` event), by name and whether its content was erased, so that a history reads file names and not ids; a file no longer on record is left out",
  })
  files!: NamedEvidenceFileView[];

  @ApiProperty({
    type: [EventSubjectView],
    description:
      "The records this page's events are about (each item's `subject`), each once, named; one no longer on record is left out",
  })
  subjects!: EventSubjectView[];
}
