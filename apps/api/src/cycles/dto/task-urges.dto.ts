import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { QcycleErrorCode } from '@qcycle/contracts';
import { UNIT_CODE_PATTERN } from '../../directory/dto/directory.dto';
import { UrgeCopyView } from '../../tasks/dto/task.dto';
import { TaskBriefView } from './task-brief.view';

/** The most tasks one request urges: a unit's overdue tasks are a handful, never a year's. */
export const UNIT_URGE_MAX_TASKS = 50;

export class UrgeUnitTasksDto {
  @ApiProperty({
    example: 'vp-tonghop',
    description:
      'The unit whose work the tasks are (its acceptance, its reports, its corrective actions): you are its Quality Representative, or its head',
  })
  @IsString()
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be a unit code' })
  unitCode!: string;

  @ApiProperty({
    type: [String],
    example: [
      'quality-cycle/kontum/2024/monitoring/obj-2/measure/2024-Q1',
      'quality-cycle/kontum/2024/monitoring/obj-3/measure/2024-Q1',
    ],
    description: `The open tasks of the unit's work to urge, in the order the copy lists them (the dashboard sends its overdue ones, most overdue first); 1–${UNIT_URGE_MAX_TASKS}, each once`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(UNIT_URGE_MAX_TASKS)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  taskIds!: string[];

  @ApiPropertyOptional({
    example: 'Đề nghị phòng hoàn thành các báo cáo quý I trước ngày 15/4.',
    description: 'A few words to each assignee, in their mail, the copy and the history',
    maxLength: 500,
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** The codes an urge of one of the tasks can be refused with (as the single urge would answer). */
export const URGE_REFUSAL_CODES = [
  QcycleErrorCode.RuleViolated,
  QcycleErrorCode.Conflict,
  QcycleErrorCode.Forbidden,
  QcycleErrorCode.NotFound,
] as const;
export type UrgeRefusalCode = (typeof URGE_REFUSAL_CODES)[number];

export class UrgedTaskView extends TaskBriefView {
  @ApiProperty({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    description: 'Who was urged: the assignee',
  })
  assigneeUserId!: string;

  @ApiProperty({ example: 1, description: 'The n-th time the task was urged' })
  number!: number;

  @ApiProperty({ example: '2024-04-12T02:00:00.000Z' })
  urgedAt!: string;
}

export class RefusedUrgeView extends TaskBriefView {
  @ApiProperty({
    enum: URGE_REFUSAL_CODES,
    example: QcycleErrorCode.Conflict,
    description:
      'As POST /tasks/{taskId}/urge would answer for this task: RULE_VIOLATED the workflow refused the request; CONFLICT urged less than a day ago (urgedAt, againFrom), no longer open (completed meanwhile), or its assignee left the directory (hand it over instead); FORBIDDEN not yours to urge; NOT_FOUND gone',
  })
  code!: UrgeRefusalCode;

  @ApiProperty({
    example:
      'Việc này đã được đôn đốc lúc 09:00 11/04/2024 (giờ Việt Nam); có thể đôn đốc lại từ 09:00 12/04/2024',
    description: "In the caller's language, as the single urge's error message",
  })
  message!: string;

  @ApiPropertyOptional({
    example: '2024-04-11T02:00:00.000Z',
    description: 'Urged less than a day ago: when',
  })
  urgedAt?: string;

  @ApiPropertyOptional({
    example: '2024-04-12T02:00:00.000Z',
    description: 'From when it may be urged again',
  })
  againFrom?: string;
}

export class UnitUrgeView {
  @ApiProperty({ example: 'kontum-2024' })
  cycleId!: string;

  @ApiProperty({ example: 'vp-tonghop' })
  unitCode!: string;

  @ApiProperty({
    type: [UrgedTaskView],
    description:
      'Urged by this request, in the order asked: each assignee got a mail for each of their tasks — a retry with the same x-request-id answers them again without urging twice',
  })
  urged!: UrgedTaskView[];

  @ApiProperty({ type: [RefusedUrgeView], description: 'Not urged, each with why' })
  refused!: RefusedUrgeView[];

  @ApiProperty({
    type: [UrgeCopyView],
    description:
      "Who was sent one copy listing every task urged: the unit's heads, neither you nor — when all the urged tasks are theirs — the assignees; empty when nobody (or when the task carrying the copy was refused)",
  })
  copiedTo!: UrgeCopyView[];
}
