import { ApiProperty } from '@nestjs/swagger';
import { COMPARATORS, INDICATOR_KINDS, MEASUREMENT_FREQUENCIES } from '@qcycle/domain';
import { MeasurementView } from './cycle-records.view';

/** libs/domain `ObjectiveStatus`, as the monitoring evaluates it after each report and the close at year end. */
export const OBJECTIVE_STATUSES = ['not-measured', 'on-track', 'at-risk', 'achieved', 'missed'];

export class LocalizedTextView {
  @ApiProperty({ example: 'Giải quyết hồ sơ TTHC đúng hạn' })
  vi!: string;

  @ApiProperty({ example: 'Administrative dossiers resolved on time' })
  en!: string;
}

export class IndicatorTargetView {
  @ApiProperty({ example: '>', enum: [...COMPARATORS] })
  comparator!: string;

  @ApiProperty({ example: 80, description: 'A percentage for ratios, a whole number for counts' })
  value!: number;

  @ApiProperty({ example: 'trên 80%', description: 'The target as the decision states it' })
  text!: string;
}

export class ObjectiveIndicatorView {
  @ApiProperty({ example: 'obj-4-on-time' })
  id!: string;

  @ApiProperty({ example: 'ratio', enum: [...INDICATOR_KINDS] })
  kind!: string;

  @ApiProperty({ type: LocalizedTextView })
  label!: LocalizedTextView;

  @ApiProperty({ type: IndicatorTargetView, nullable: true, description: 'None for a judged indicator' })
  target!: IndicatorTargetView | null;

  @ApiProperty({
    example: [],
    type: [LocalizedTextView],
    description: 'What the evidence must show (judged indicators only; empty otherwise)',
  })
  criteria!: LocalizedTextView[];

  @ApiProperty({ type: [MeasurementView], description: 'The figures reported for it, by period' })
  measurements!: MeasurementView[];
}

export class ObjectiveAssignmentView {
  @ApiProperty({ example: 'staff', enum: ['unit', 'staff', 'reassignment'] })
  level!: string;

  @ApiProperty({ example: 'vp-ttpvhcc', nullable: true, type: String })
  unitCode!: string | null;

  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  assigneeUserId!: string;

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  assignedBy!: string;

  @ApiProperty({ example: '2024-01-12T02:30:00.000Z' })
  assignedAt!: string;
}

export class ObjectiveStatusChangeView {
  @ApiProperty({ example: '2024-Q2' })
  periodKey!: string;

  @ApiProperty({
    example: 'at-risk',
    nullable: true,
    enum: OBJECTIVE_STATUSES,
    description: 'The status after this report (null for reports recorded before qcycle kept statuses)',
  })
  status!: string | null;

  @ApiProperty({ example: 'on-track', nullable: true, enum: OBJECTIVE_STATUSES })
  statusBefore!: string | null;

  @ApiProperty({ example: '2024-07-03T02:15:00.000Z', description: 'When the report was made' })
  at!: string;

  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  reportedBy!: string;

  @ApiProperty({ example: false })
  late!: boolean;
}

export class ObjectiveView {
  @ApiProperty({ example: 'obj-4' })
  id!: string;

  @ApiProperty({ example: 4, description: 'Its number in the decision' })
  number!: number;

  @ApiProperty({ type: LocalizedTextView })
  title!: LocalizedTextView;

  @ApiProperty({ example: 'monthly', enum: [...MEASUREMENT_FREQUENCIES] })
  frequency!: string;

  @ApiProperty({ example: 'vp-ttpvhcc', description: 'The owning unit the decision names (Article 4)' })
  ownerUnitCode!: string;

  @ApiProperty({
    example: 'vp-ttpvhcc',
    nullable: true,
    type: String,
    description:
      'The unit it was delegated to; null before the assignment (and for engine-measured objectives)',
  })
  unitCode!: string | null;

  @ApiProperty({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    nullable: true,
    type: String,
    description: 'Who reports it now: the latest assignment (a unit head, or the staff member they chose)',
  })
  assigneeUserId!: string | null;

  @ApiProperty({ example: 'Lê Văn Hùng', nullable: true, type: String })
  assigneeName!: string | null;

  @ApiProperty({ type: [ObjectiveAssignmentView], description: 'Every delegation, oldest first' })
  assignments!: ObjectiveAssignmentView[];

  @ApiProperty({
    example: 'on-track',
    enum: OBJECTIVE_STATUSES,
    description:
      "The year's result once the cycle is closed; before that, the status after the latest report; not-measured before any",
  })
  status!: string;

  @ApiProperty({
    example: '2024-07-03T02:15:00.000Z',
    nullable: true,
    type: String,
    description: 'When that status was recorded (null for not-measured)',
  })
  statusAt!: string | null;

  @ApiProperty({ type: [ObjectiveIndicatorView] })
  indicators!: ObjectiveIndicatorView[];

  @ApiProperty({ type: [ObjectiveStatusChangeView], description: 'One entry per report, oldest first' })
  statusHistory!: ObjectiveStatusChangeView[];
}
