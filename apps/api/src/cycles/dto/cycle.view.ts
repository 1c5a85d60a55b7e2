import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CYCLE_PHASES, type CyclePhase, type CycleStatus } from '@qcycle/domain';
import { CYCLE_ROLES, type CycleRole } from '@qcycle/contracts';
import { TaskTitleView } from '../../tasks/dto/task.dto';

export class ObjectiveLiveView {
  @ApiProperty({ example: 'obj-4' })
  objectiveId!: string;

  @ApiProperty({ example: 4 })
  number!: number;

  @ApiProperty({
    example: 'on-track',
    description: 'pending until monitored; then on-track, at-risk, missed or achieved',
  })
  status!: string;

  @ApiPropertyOptional({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    description: 'Who reports, once assigned',
  })
  ownerUserId?: string;

  @ApiProperty({
    example: false,
    description: 'Measured by the engine from its records (objectives 1 and 5 of the template)',
  })
  measuredByEngine!: boolean;
}

export class OpenTaskLiveView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/approval/approve/1' })
  taskId!: string;

  @ApiProperty({ example: 'objectives-approval' })
  kind!: string;

  @ApiProperty({ type: TaskTitleView, description: "The task's own title, as its record keeps it" })
  title!: TaskTitleView;

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  assigneeUserId!: string;

  @ApiPropertyOptional({ example: '2024-01-20T10:00:00.000Z' })
  dueAt?: string;

  @ApiProperty({ example: '2024-01-10T01:00:00.000Z', description: 'When it was given' })
  openedAt!: string;

  @ApiProperty({
    example: false,
    description:
      'Given after its due instant (a year adopted or approved late, periods already due): late from the start, as TaskSummaryView.openedAfterDue says',
  })
  openedAfterDue!: boolean;

  @ApiPropertyOptional({
    example: '2024-01-18T03:00:00.000Z',
    description:
      'When its assignee was last urged to finish it (POST /tasks/{taskId}/urge); absent if never. It may be urged again a day after',
  })
  urgedAt?: string;

  @ApiPropertyOptional({
    example: 'vp-kiemsoat-tthc',
    description:
      "The task's unit, whose head may open, hand over and urge it (absent for a task of no unit: the leader's, the Quality Representative's)",
  })
  unitCode?: string;
}

/** A date range of the calendar, e.g. the internal audit's window. */
export class DateRangeView {
  @ApiProperty({ example: '2024-10-01' }) from!: string;
  @ApiProperty({ example: '2024-10-31' }) to!: string;
}

/**
 * When the steps that open the year are due, by the cycle's own calendar (calendar dates, Vietnam):
 * a step open now on its task's due day; one still to come counted from the step before it, with
 * the calendar's start-of-year allowances in working days (libs/domain `startOfYearTaskSchedule`).
 */
export class StartOfYearPlanView {
  @ApiProperty({
    example: '2024-01-09',
    description:
      "The leader's approval of the objectives: its open round's due day (after a returned draft, the revision's due day plus a round), else counted from the cycle's start",
  })
  approvalDue!: string;

  @ApiProperty({
    example: '2024-01-17',
    description:
      "Every unit's acceptance of its objectives: the last open one's due day, else counted from the Quality Representative's delegation (its open task's due day, else counted from approvalDue)",
  })
  unitAcceptanceDue!: string;
}

/** The first report of the year: the earliest of the objectives people report. */
export class FirstReportView {
  @ApiProperty({ example: '2024-01', description: 'Its period' })
  periodKey!: string;

  @ApiProperty({
    example: '2024-02-01',
    description:
      'The day its task opens (the day after the period ends); a period already over when monitoring begins opens then',
  })
  opensOn!: string;
}

/** The calendar's dates the cycle goes by, moved ones included (calendar dates, Vietnam). */
export class CycleDatesView {
  @ApiProperty({ type: DateRangeView }) auditWindow!: DateRangeView;
  @ApiProperty({ example: '2024-12-16' }) managementReviewDate!: string;
  @ApiProperty({ example: '2025-01-22' }) closeDate!: string;

  @ApiPropertyOptional({
    type: StartOfYearPlanView,
    description:
      "While a running cycle's objectives are being approved and assigned: when those steps are due. Absent once monitoring has begun, or when the cycle's start is no longer kept",
  })
  startOfYear?: StartOfYearPlanView;

  @ApiPropertyOptional({
    type: FirstReportView,
    description: 'When the first report opens; absent when no objective is reported by people',
  })
  firstReport?: FirstReportView;
}

export class UnitWorkHolderView {
  @ApiProperty({ example: 'vp-tonghop' })
  unitCode!: string;

  @ApiProperty({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    description:
      "Who the year gives the unit's work to now: its head on the year's roster (the Quality Representative for a unit without one), or whom it was taken over by since (POST /cycles/{id}/handovers, unitsTakenOver)",
  })
  holderUserId!: string;
}

export class CycleRoleHolderView {
  @ApiProperty({ enum: CYCLE_ROLES, example: 'quality-representative' })
  role!: CycleRole;

  @ApiProperty({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    description:
      "Who the year gives the role to now: the year's roster's Quality Representative or leader, or whom it was taken over by since (POST /cycles/{id}/handovers, rolesTakenOver)",
  })
  holderUserId!: string;
}

export class CycleLiveView {
  @ApiProperty({ example: 'RUNNING', description: 'Temporal execution status of the cycle workflow' })
  executionStatus!: string;

  @ApiPropertyOptional({
    enum: ['running', 'closed', 'cancelled'],
    description: "The workflow's own answer (query)",
  })
  status?: CycleStatus;

  @ApiPropertyOptional({ enum: CYCLE_PHASES })
  phase?: CyclePhase;

  @ApiPropertyOptional({
    example: '123/QĐ-UBND',
    description: 'Number of the approving decision, once signed',
  })
  decisionNumber?: string;

  @ApiPropertyOptional({
    example: 0,
    description: 'How far (ms) a rehearsal moved the calendar to start now (whole weeks); 0 for a real year',
  })
  scheduleShiftMs?: number;

  @ApiPropertyOptional({ type: [ObjectiveLiveView] })
  objectives?: ObjectiveLiveView[];

  @ApiPropertyOptional({
    type: [UnitWorkHolderView],
    description: "Each unit of the year's roster and who holds its work now, as the workflow answers",
  })
  unitWork?: UnitWorkHolderView[];

  @ApiPropertyOptional({
    type: [CycleRoleHolderView],
    description: "The year's Quality Representative and leader now, as the workflow answers",
  })
  roles?: CycleRoleHolderView[];

  @ApiPropertyOptional({
    type: CycleDatesView,
    description:
      "The calendar's audit window, review date and close the cycle goes by, moved ones included, with when its start-of-year steps are due and its first report opens (a rehearsal's are shifted by scheduleShiftMs)",
  })
  dates?: CycleDatesView;

  @ApiPropertyOptional({
    type: [OpenTaskLiveView],
    description: "Open tasks of the whole cycle (its children's), from their records, oldest first",
  })
  openTasks?: OpenTaskLiveView[];
}

/** Which cycle: its id, its workflow's id, the organisation, the year, and whether it is a rehearsal. */
export class CycleKeyView {
  @ApiProperty({ example: 'kontum-2024' })
  id!: string;

  @ApiProperty({ example: 'quality-cycle/kontum/2024' })
  workflowId!: string;

  @ApiProperty({ example: 'kontum' })
  organisationCode!: string;

  @ApiProperty({ example: 2024 })
  year!: number;

  @ApiProperty({
    example: false,
    description:
      'A rehearsal (training; its calendar moved to start now), not the real year: once ended, it may be discarded',
  })
  rehearsal!: boolean;
}

/** When one phase of the year began. */
export class PhaseEnteredView {
  @ApiProperty({ enum: CYCLE_PHASES, example: 'monitoring' })
  phase!: CyclePhase;

  @ApiProperty({ example: '2024-02-01T01:00:00.000Z' })
  enteredAt!: string;
}

export class CycleView extends CycleKeyView {
  @ApiPropertyOptional({
    description: 'When the cycle was recorded (absent until the worker has recorded it)',
    example: '2024-01-05T02:00:00.000Z',
  })
  startedAt?: string;

  @ApiPropertyOptional({
    enum: ['running', 'closed', 'cancelled'],
    description: 'Status as recorded in the database',
  })
  status?: CycleStatus;

  @ApiPropertyOptional({ enum: CYCLE_PHASES, description: 'Phase as recorded in the database' })
  phase?: CyclePhase;

  @ApiProperty({
    type: [PhaseEnteredView],
    description:
      'When each phase began so far, in the order of the year (the objectives approval when the cycle started); readable by every member of the organisation, unlike the event log',
  })
  phasesEntered!: PhaseEnteredView[];

  @ApiProperty({ type: CycleLiveView })
  live!: CycleLiveView;
}
