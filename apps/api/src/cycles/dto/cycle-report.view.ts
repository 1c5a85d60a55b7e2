import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { CYCLE_PHASES, MEASUREMENT_FREQUENCIES } from '@qcycle/domain';
import { LocalizedTextView, OBJECTIVE_STATUSES, ObjectiveIndicatorView } from './cycle-objectives.view';
import {
  AuditView,
  CorrectiveActionView,
  DecisionView,
  MeasurementView,
  PaperReportView,
  ReviewActionFollowUpView,
  ReviewView,
} from './cycle-records.view';

/** The decision as the report names it: number, signer, dates. */
export class ReportDecisionView extends PickType(DecisionView, [
  'documentNumber',
  'signerName',
  'signerTitle',
  'enteredBy',
  'signingDate',
  'effectiveDate',
] as const) {}

/**
 * One figure of an indicator, as `/measurements` shows it, without who reported it and the evidence;
 * marked if corrected since it was reported.
 */
export class ReportFigureView extends PickType(MeasurementView, [
  'periodKey',
  'numerator',
  'denominator',
  'pendingOverdue',
  'value',
  'achieved',
  'late',
  'corrected',
] as const) {
  @ApiPropertyOptional({
    type: PaperReportView,
    description:
      'Reported on paper before qcycle asked for it (its day decides `late`, and its number is the evidence); absent for a report made in qcycle',
  })
  paperReport?: PaperReportView;
}

export class ReportIndicatorView extends PickType(ObjectiveIndicatorView, [
  'id',
  'kind',
  'label',
  'target',
] as const) {
  @ApiProperty({
    example: 'trên 80%',
    nullable: true,
    type: String,
    description:
      'The target as the decision states it, in Vietnamese (`target.text`); none for a judged indicator',
  })
  targetText!: string | null;

  @ApiProperty({
    example: false,
    description:
      'Measured by the engine from its own records (no one reports it; objectives 1 and 5 of the template)',
  })
  measuredByEngine!: boolean;

  @ApiProperty({
    example: 12,
    description: 'Periods in the year at the objective’s frequency (0 if engine-measured)',
  })
  expectedPeriods!: number;

  @ApiProperty({ example: 2, description: 'Periods with a reported figure' })
  reportedPeriods!: number;

  @ApiProperty({ example: 1, description: 'Figures reported late' })
  lateReports!: number;

  @ApiProperty({
    example: 'achieved',
    nullable: true,
    type: String,
    description: "The indicator's result of the year, once closed; null before",
  })
  result!: string | null;

  @ApiProperty({ type: [ReportFigureView], description: 'The figures, by period' })
  figures!: ReportFigureView[];
}

export class ReportObjectiveView {
  @ApiProperty({ example: 'obj-4' })
  id!: string;

  @ApiProperty({ example: 4 })
  number!: number;

  @ApiProperty({ type: LocalizedTextView })
  title!: LocalizedTextView;

  @ApiProperty({ example: 'monthly', enum: [...MEASUREMENT_FREQUENCIES] })
  frequency!: string;

  @ApiProperty({ example: 'vp-kiemsoat-tthc', nullable: true, type: String })
  unitCode!: string | null;

  @ApiProperty({ example: 'Lê Văn Hùng', nullable: true, type: String })
  assigneeName!: string | null;

  @ApiProperty({ example: 'on-track', enum: OBJECTIVE_STATUSES })
  status!: string;

  @ApiProperty({
    example: false,
    description: "true when status is the year's result (the cycle closed); false for the status so far",
  })
  final!: boolean;

  @ApiProperty({ type: [ReportIndicatorView] })
  indicators!: ReportIndicatorView[];
}

export class ReportAuditView extends PickType(AuditView, ['status', 'steps', 'report', 'closedAt'] as const) {
  @ApiProperty({ example: '2024-10-07', nullable: true, type: String, description: 'First day of the plan' })
  from!: string | null;

  @ApiProperty({ example: '2024-10-18', nullable: true, type: String, description: 'Last day of the plan' })
  to!: string | null;

  @ApiProperty({ example: 'Toàn bộ HTQLCL', nullable: true, type: String })
  scope!: string | null;

  @ApiProperty({
    type: [CorrectiveActionView],
    description: 'One per nonconformity, with its corrective action',
  })
  nonconformities!: CorrectiveActionView[];
}

export class ReviewOutputsView {
  @ApiProperty({ example: ['Số hóa phiếu kiểm soát'], type: [String] })
  improvementOpportunities!: string[];

  @ApiProperty({ example: [], type: [String] })
  qmsChanges!: string[];

  @ApiProperty({ example: ['Máy quét tại bộ phận một cửa'], type: [String] })
  resourceNeeds!: string[];
}

/** A review action as the report names it, with how it went (the review's `actionFollowUp`). */
export class ReviewActionView extends PickType(ReviewActionFollowUpView, [
  'status',
  'carriedForward',
] as const) {
  @ApiProperty({ example: 'Số hóa phiếu kiểm soát quá trình' })
  title!: string;

  @ApiProperty({ example: 'vp-kiemsoat-tthc' })
  ownerUnitCode!: string;

  @ApiProperty({ example: '2025-06-30' })
  dueDate!: string;
}

export class ReportReviewView extends PickType(ReviewView, [
  'status',
  'heldAt',
  'heldOn',
  'minutesRef',
] as const) {
  @ApiProperty({ type: ReviewOutputsView, nullable: true, description: 'ISO 9.3.3; null until held' })
  outputs!: ReviewOutputsView | null;

  @ApiProperty({
    type: [ReviewActionView],
    description:
      'The actions the review decided (ISO 9.3.3), each with how it went and whether the close carried it into next year',
  })
  actions!: ReviewActionView[];
}

/** The year's report: what `/decision`, `/objectives`, `/audit`, `/review` and `/results` hold, in one document. */
export class CycleReportView {
  @ApiProperty({ example: 'kontum-2024' })
  cycleId!: string;

  @ApiProperty({ example: 'kontum' })
  organisationCode!: string;

  @ApiProperty({ example: 2024 })
  year!: number;

  @ApiProperty({
    example: 'closed',
    nullable: true,
    enum: ['running', 'closed', 'cancelled'],
    description: 'As recorded (null until the worker has recorded the cycle)',
  })
  status!: string | null;

  @ApiProperty({ example: 'closing', nullable: true, enum: CYCLE_PHASES })
  phase!: string | null;

  @ApiProperty({ type: ReportDecisionView })
  decision!: ReportDecisionView;

  @ApiProperty({ type: [ReportObjectiveView] })
  objectives!: ReportObjectiveView[];

  @ApiProperty({ type: ReportAuditView, nullable: true, description: 'null until the audit is planned' })
  audit!: ReportAuditView | null;

  @ApiProperty({ type: ReportReviewView, nullable: true, description: 'null until the review is prepared' })
  review!: ReportReviewView | null;
}
