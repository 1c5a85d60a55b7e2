import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CYCLE_ROLES, QcycleErrorCode, type CycleRole } from '@qcycle/contracts';
import { UNIT_CODE_PATTERN } from '../../directory/dto/directory.dto';
import { TaskBriefView } from './task-brief.view';

export class HandOverTasksDto {
  @ApiProperty({
    example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b',
    description:
      'Whose open tasks of the cycle are handed over: usually someone who left (deactivated), but anyone, e.g. away for months',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  fromUserId!: string;

  @ApiProperty({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    description:
      "Who takes them over: an active person of your organisation's directory now. The workflow still decides task by task (a leader for the objectives approval and the management review; for an audit step an auditor from another unit than the audited one)",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  toUserId!: string;

  @ApiProperty({
    example: 'Đồng chí Huy chuyển công tác từ ngày 01/10/2024',
    description: 'Why, for the record and the notification of each task',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({
    example: 'vp-tonghop',
    description:
      "Only the tasks whose work is this unit's (its acceptance, its reports, its corrective actions; not an auditor's step in it): when one of its heads hands the unit's work to another mid-year and keeps the rest of theirs. What the year opens for the unit later goes to toUserId too (unitsTakenOver). Without it, all of fromUserId's",
  })
  @IsOptional()
  @IsString()
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be a unit code' })
  unitCode?: string;
}

/** The codes a task of a hand-over can be refused with (as the single reassignment would answer). */
export const HANDOVER_REFUSAL_CODES = [
  QcycleErrorCode.RuleViolated,
  QcycleErrorCode.Conflict,
  QcycleErrorCode.Forbidden,
  QcycleErrorCode.NotFound,
] as const;
export type HandoverRefusalCode = (typeof HANDOVER_REFUSAL_CODES)[number];

export class HandedOverTaskView extends TaskBriefView {
  @ApiProperty({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    description: 'The new assignee (toUserId); the previous one stays a delegate',
  })
  assigneeUserId!: string;
}

export class HandoverProblemView {
  @ApiProperty({ example: 'toUserId' })
  path!: string;

  @ApiProperty({ example: 'invalid-value' })
  code!: string;

  @ApiProperty({
    example: 'Bước đánh giá chỉ giao cho chuyên gia đánh giá nội bộ không thuộc đơn vị được đánh giá.',
    description: "The workflow's reason, as it writes it (Vietnamese)",
  })
  reason!: string;
}

export class TaskHolderView {
  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  userId!: string;

  @ApiProperty({ example: 'Lê Văn Hùng' })
  name!: string;
}

export class RefusedHandoverView extends TaskBriefView {
  @ApiProperty({
    enum: HANDOVER_REFUSAL_CODES,
    example: QcycleErrorCode.RuleViolated,
    description:
      'As POST /tasks/{taskId}/reassign would answer for this task: RULE_VIOLATED the workflow refuses the person (problems say why); CONFLICT the task is no longer open (completed meanwhile, its workflow ended) or was given to someone else meanwhile (the message names them); FORBIDDEN not yours to hand over; NOT_FOUND gone',
  })
  code!: HandoverRefusalCode;

  @ApiProperty({
    example: 'Bị từ chối theo quy tắc của quy trình: toUserId',
    description: "In the caller's language, as the single reassignment's error message",
  })
  message!: string;

  @ApiProperty({
    type: [HandoverProblemView],
    description: 'For RULE_VIOLATED: what the workflow refused, and why',
  })
  problems!: HandoverProblemView[];

  @ApiPropertyOptional({
    type: TaskHolderView,
    description:
      'For a CONFLICT because someone else was given the task since the hand-over read it: who holds it now',
  })
  currentAssignee?: TaskHolderView;
}

export class TaskHandoverView {
  @ApiProperty({ example: 'kontum-2024' })
  cycleId!: string;

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  fromUserId!: string;

  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  toUserId!: string;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'The unit whose work alone was handed over, as asked; null for all of fromUserId’s tasks',
  })
  unitCode!: string | null;

  @ApiProperty({
    type: [HandedOverTaskView],
    description:
      'Given to toUserId by this request — a retry with the same x-request-id lists again those it gave the first time, without giving them twice',
  })
  handedOver!: HandedOverTaskView[];

  @ApiProperty({
    type: [RefusedHandoverView],
    description: 'Still with fromUserId (or no longer open), each with why',
  })
  refused!: RefusedHandoverView[];

  @ApiProperty({
    type: [String],
    example: ['vp-tonghop'],
    description:
      "The units whose work toUserId holds for the rest of the year from now on: what the year opens for them later (a corrective action plan, a review action the unit owns, its reports' overdue notices and their delegate) goes to toUserId. The unit asked for (unitCode), or, handing over someone who left, the units whose work they held (those the caller heads, for a unit head) — only while fromUserId holds the unit's work this year (its head on the year's roster, or whom it was last moved to). Empty for anyone else's tasks (a staff member's), and once the cycle has ended",
  })
  unitsTakenOver!: string[];

  @ApiProperty({
    enum: CYCLE_ROLES,
    isArray: true,
    example: ['quality-representative'],
    description:
      "The year's roles toUserId holds for the rest of the year from now on: what the year opens for the role later (the Quality Representative's verifications, audit report approvals, follow-ups and review preparation; the leader's approvals and the review's chair) and the escalations at its level go to toUserId, who may act as it (raise a nonconformity, move the cycle's dates). Handing over all of fromUserId's tasks (no unitCode), by the Quality Representative: a role fromUserId holds this year that the directory no longer gives them (they left, or it was taken from them) and gives toUserId now. The Quality Representative's role taking with it the units whose work fromUserId held (unitsTakenOver). Empty otherwise, and once the cycle has ended",
  })
  rolesTakenOver!: CycleRole[];
}
