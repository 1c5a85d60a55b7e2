import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageInfoView, PageQueryDto } from '../../common/pagination';
import { NamedEvidenceFileView } from '../../evidence/dto/evidence.dto';

/** The record the scan of a signed paper is added to: the answer's task that recorded it. */
export class SignedCopyRecordView {
  @ApiProperty({ enum: ['approval', 'review'], example: 'approval' })
  recordType!: 'approval' | 'review';

  @ApiProperty({
    example: 'quality-cycle/kontum/2024/approval/approve/1',
    description: 'The answering task’s id: the round that approved, or the management review',
  })
  recordKey!: string;

  @ApiProperty({
    type: [String],
    example: ['evidence:0b6a4c1e-2f3d-4e5a-9b8c-7d6e5f4a3b2c'],
    description:
      'The scans among `evidence` added to this record since the answer, as `evidence:<id>`: each may be withdrawn as the wrong paper (POST /cycles/{id}/evidence/{evidenceId}/withdraw); those the answer named are part of it',
  })
  added!: string[];
}

export class DecisionView {
  @ApiProperty({ example: '123/QĐ-UBND' })
  documentNumber!: string;

  @ApiProperty({ example: 'Nguyễn Hữu Tháp' })
  signerName!: string;

  @ApiProperty({ example: 'Phó Chủ tịch' })
  signerTitle!: string;

  @ApiProperty({
    example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b',
    description:
      'The leader who signed: who approved in qcycle, or whose approval given on paper was entered',
  })
  signedBy!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description:
      'Who entered the decision its signer signed on paper (the Quality Representative, onPaper in the approval); null when the signer approved in qcycle',
  })
  enteredBy!: string | null;

  @ApiProperty({
    type: [String],
    example: ['evidence:0b6a4c1e-2f3d-4e5a-9b8c-7d6e5f4a3b2c'],
    description:
      "The scans of the signed decision, as `evidence:<id>`: those the approval's answer named, then those added to the approving round's record since it was answered (the paper signed after qcycle recorded it; `signedCopyRecord`), oldest first, the same content once; empty when none was given",
  })
  evidence!: string[];

  @ApiProperty({
    type: [NamedEvidenceFileView],
    description: 'The uploaded files `evidence` names, by name; a file no longer on record is left out',
  })
  files!: NamedEvidenceFileView[];

  @ApiProperty({
    type: SignedCopyRecordView,
    nullable: true,
    description:
      'Where a scan of the signed decision is added (POST /cycles/{id}/evidence with this recordType and recordKey): by the Quality Representative, the signer, or the clerk (văn thư). Null for a decision recorded without its approval task',
  })
  signedCopyRecord!: SignedCopyRecordView | null;

  @ApiProperty({ example: '2024-01-20' })
  signingDate!: string;

  @ApiProperty({ example: '2024-01-20', description: 'Article 3: effective from the date of signing' })
  effectiveDate!: string;

  @ApiProperty({ example: 2, description: 'Approval rounds (returns and resubmissions + 1)' })
  rounds!: number;

  @ApiProperty({
    example: [{ id: 'obj-4', number: 4 }],
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'The approved objectives',
  })
  objectives!: unknown[];

  @ApiProperty({
    type: 'object',
    nullable: true,
    properties: {
      scope: { type: 'object', properties: { vi: { type: 'string' }, en: { type: 'string' } } },
      qualityRepresentativeTitle: { type: 'string' },
      legalBases: { type: 'array', items: { type: 'string' } },
      recipients: { type: 'array', items: { type: 'string' } },
    },
    description:
      "The decision's other words as approved (a revision of the returned draft may have changed them); null for a decision approved before they were kept, whose words are the draft the year started with",
  })
  wording!: {
    scope: { vi: string; en: string };
    qualityRepresentativeTitle: string;
    legalBases: string[];
    recipients: string[];
  } | null;
}

export class MeasurementQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'obj-4' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'objectiveId must be an objective id such as obj-4' })
  objectiveId?: string;

  @ApiPropertyOptional({ example: 'obj-4-on-time' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'indicatorId must be an indicator id such as obj-4-on-time' })
  indicatorId?: string;
}

export class PaperReportView {
  @ApiProperty({ example: '2024-02-05', description: 'The day the paper report was signed (YYYY-MM-DD)' })
  date!: string;

  @ApiProperty({ example: '45/BC-VP', description: 'Its number and symbol (số, ký hiệu)' })
  reference!: string;
}

/** An indicator's figure of a period: a ratio's cases, a count, or a judgement (the others null). */
export class PeriodFigureView {
  @ApiProperty({ example: 1250, nullable: true, type: Number })
  numerator!: number | null;

  @ApiProperty({ example: 1250, nullable: true, type: Number })
  denominator!: number | null;

  @ApiProperty({ example: null, nullable: true, type: Number })
  pendingOverdue!: number | null;

  @ApiProperty({ example: null, nullable: true, type: Number })
  value!: number | null;

  @ApiProperty({ example: null, nullable: true, type: Boolean })
  achieved!: boolean | null;
}

/** A period corrected since it was reported (the `measurement.corrected` events): how often, and the last. */
export class MeasurementCorrectionView {
  @ApiProperty({ example: 1, description: 'How many times the period was corrected' })
  times!: number;

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b', description: 'Who corrected it last' })
  lastBy!: string;

  @ApiProperty({ example: '2024-04-10T03:15:00.000Z' })
  lastAt!: string;

  @ApiProperty({ example: 'Một hồ sơ của quý sau bị tính vào quý này' })
  lastReason!: string;

  @ApiProperty({
    type: [String],
    example: ['evidence:0b6a…'],
    description: "The last correction's own evidence (empty when it gave none)",
  })
  lastEvidence!: string[];

  @ApiProperty({
    type: PeriodFigureView,
    description: "This indicator's figure as the period was reported, before any correction",
  })
  asReported!: PeriodFigureView;
}

export class MeasurementView {
  @ApiProperty({ example: 'obj-4' })
  objectiveId!: string;

  @ApiProperty({ example: 'obj-4-on-time' })
  indicatorId!: string;

  @ApiProperty({ example: '2024-03' })
  periodKey!: string;

  @ApiProperty({
    example: 'quality-cycle/kontum/2024/monitoring/obj-4/measure/2024-03',
    nullable: true,
    type: String,
    description:
      "The report's task (its page; its history: the events' `subject`); null for figures recorded before it was kept",
  })
  taskId!: string | null;

  @ApiProperty({ example: 'ratio', enum: ['ratio', 'count', 'judged'] })
  kind!: string;

  @ApiProperty({ example: 81, nullable: true, type: Number })
  numerator!: number | null;

  @ApiProperty({ example: 100, nullable: true, type: Number })
  denominator!: number | null;

  @ApiProperty({
    example: null,
    nullable: true,
    type: Number,
    description:
      "A ratio that asks for them (objective 4): cases open at the period's end and already overdue",
  })
  pendingOverdue!: number | null;

  @ApiProperty({ example: null, nullable: true, type: Number })
  value!: number | null;

  @ApiProperty({ example: null, nullable: true, type: Boolean })
  achieved!: boolean | null;

  @ApiProperty({ example: ['Báo cáo 12/BC-VP'], type: [String] })
  evidence!: string[];

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  reportedBy!: string;

  @ApiProperty({ example: '2024-04-02T03:15:00.000Z' })
  reportedAt!: string;

  @ApiProperty({
    example: false,
    description: "Reported after its due instant; for a report made on paper, after the due instant's day",
  })
  late!: boolean;

  @ApiProperty({
    type: PaperReportView,
    nullable: true,
    description:
      'Reported on paper before qcycle asked for it: the day its lateness is judged by and the reference of the paper report; null for a report made in qcycle',
  })
  paperReport!: PaperReportView | null;

  @ApiProperty({
    type: MeasurementCorrectionView,
    nullable: true,
    description:
      'The figures here are as corrected since the report (every correction, before and after, is in the event log); null when never corrected',
  })
  corrected!: MeasurementCorrectionView | null;
}

export class MeasurementPage extends PageInfoView {
  @ApiProperty({ type: [MeasurementView] })
  items!: MeasurementView[];
}

/** Who approved the audit report, and when (the `audit.report-approved` event). */
export class AuditReportApprovalView {
  @ApiProperty({ example: 'qmr-user-id', description: 'The Quality Representative or the leader' })
  approvedBy!: string;

  @ApiProperty({ example: 'Nguyễn Văn A', nullable: true, type: String })
  approvedByName!: string | null;

  @ApiProperty({ example: '2024-10-30T02:15:00.000Z' })
  approvedAt!: string;

  @ApiProperty({ example: 1, description: 'How many times the report was submitted (2 after one return)' })
  rounds!: number;
}

export class AuditStepView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/audit/step/s1' })
  id!: string;

  @ApiProperty({ example: 'vp-kiemsoat-tthc' })
  unitCode!: string;

  @ApiProperty({ example: 'Tiếp nhận và trả kết quả hồ sơ TTHC' })
  process!: string;

  @ApiProperty({ example: '8.5.1' })
  clause!: string;

  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  auditorUserId!: string;

  @ApiProperty({
    example: 'minor-nc',
    nullable: true,
    enum: ['conformity', 'observation', 'minor-nc', 'major-nc'],
  })
  result!: string | null;

  @ApiProperty({ example: ['Sổ theo dõi hồ sơ tháng 5'], nullable: true, type: [String] })
  evidence!: string[] | null;

  @ApiProperty({ example: '3 hồ sơ trễ hạn không có văn bản xin lỗi', nullable: true, type: String })
  finding!: string | null;

  @ApiProperty({
    example: 'Đã kiểm tra 20 hồ sơ tháng 9',
    nullable: true,
    type: String,
    description: "The auditor's notes on the step (what was checked, an observation's content)",
  })
  notes!: string | null;

  @ApiProperty({ example: '2024-06-12T08:00:00.000Z', nullable: true, type: String })
  signedOffAt!: string | null;

  @ApiProperty({
    type: () => AuditStepTaskView,
    nullable: true,
    description:
      "The step's task (GET /tasks/{id}, the same id): who holds it now, when it is due, whether it was urged",
  })
  task!: AuditStepTaskView | null;
}

/** An audit step's task beside the step: for the lead auditor and the Quality Representative to chase it. */
export class AuditStepTaskView {
  @ApiProperty({ example: 'open', enum: ['open', 'completed', 'cancelled', 'expired'] })
  status!: string;

  @ApiProperty({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    description: 'Who holds it now (handed over, not always the planned auditor)',
  })
  assigneeUserId!: string;

  @ApiProperty({ example: '2024-10-18T10:00:00.000Z', nullable: true, type: String })
  dueAt!: string | null;

  @ApiProperty({ example: false, description: 'Open and past its due instant' })
  overdue!: boolean;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'When its auditor was last urged; null if never',
  })
  urgedAt!: string | null;

  @ApiProperty({ example: 0, minimum: 0, description: 'How many messages were written about it' })
  commentCount!: number;
}

export class CorrectiveActionView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/audit/ca/s1' })
  id!: string;

  @ApiPropertyOptional({
    example: 'quality-cycle/kontum/2024/audit/step/s1',
    description: "The checklist step whose finding it answers (in the audit's record)",
  })
  stepId?: string;

  @ApiProperty({ example: 'minor-nc' })
  severity!: string;

  @ApiProperty({ example: 'vp-kiemsoat-tthc' })
  unitCode!: string;

  @ApiProperty({ example: '3 hồ sơ trễ hạn không có văn bản xin lỗi' })
  finding!: string;

  @ApiProperty({ example: 'Gửi văn bản xin lỗi', nullable: true, type: String })
  correction!: string | null;

  @ApiProperty({ example: 'Chưa có bước nhắc hạn', nullable: true, type: String })
  rootCause!: string | null;

  @ApiProperty({ example: 'Bổ sung nhắc hạn tự động', nullable: true, type: String })
  action!: string | null;

  @ApiProperty({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    nullable: true,
    type: String,
    description: 'Who carries out the last plan (its owner); null before the plan',
  })
  ownerUserId!: string | null;

  @ApiProperty({ example: '2024-07-31', nullable: true, type: String })
  dueDate!: string | null;

  @ApiProperty({ example: 'closed', enum: ['open', 'planned', 'closed', 'cancelled'] })
  status!: string;

  @ApiProperty({ example: true, nullable: true, type: Boolean })
  effective!: boolean | null;

  @ApiProperty({
    example: false,
    description:
      "Whether the year's close carried it, unfinished, into the next year, where it goes on (the `cycle.closed` event names it); false until the year closes",
  })
  carriedForward!: boolean;

  @ApiProperty({
    type: [String],
    example: ['evidence:0b6a4c1e-2f3d-4e5a-9b8c-7d6e5f4a3b2c', 'Sổ theo dõi hồ sơ tháng 11'],
    description:
      "What the last plan rests on, as the unit head gave it for the verifier: files uploaded to the corrective action's record as `evidence:<id>`, paper records as written; empty when none was given, or before the plan",
  })
  evidence!: string[];

  @ApiProperty({
    example: 'Đã kiểm tra 20 hồ sơ tháng 12: đều có phiếu hẹn ghi ngày trả.',
    nullable: true,
    type: String,
    description: "The verifier's notes on the last plan's effect (ISO 10.2 d); null until verified",
  })
  verificationNotes!: string | null;

  @ApiProperty({
    type: [String],
    example: ['evidence:5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a'],
    description:
      'What the verifier checked, as they gave it with the verification (ISO 10.2.2 b): files as `evidence:<id>`, records as written; empty until verified, or when none was given',
  })
  verificationEvidence!: string[];
}

export class AuditView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/audit' })
  id!: string;

  @ApiProperty({ example: 'in-progress', enum: ['planning', 'in-progress', 'closed', 'cancelled'] })
  status!: string;

  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  leadAuditorUserId!: string;

  @ApiProperty({
    example: { scope: 'Toàn bộ HTQLCL', criteria: ['TCVN ISO 9001:2015'] },
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  plan!: Record<string, unknown> | null;

  @ApiProperty({ example: null, nullable: true, type: String })
  report!: string | null;

  @ApiProperty({ example: null, nullable: true, type: String })
  closedAt!: string | null;

  @ApiProperty({
    type: AuditReportApprovalView,
    nullable: true,
    description: 'Null until the report is approved, and for audits closed before approval was a step',
  })
  reportApproval!: AuditReportApprovalView | null;

  @ApiProperty({ type: [AuditStepView] })
  steps!: AuditStepView[];

  @ApiProperty({ type: [CorrectiveActionView] })
  correctiveActions!: CorrectiveActionView[];

  @ApiProperty({
    type: [NamedEvidenceFileView],
    description:
      "The uploaded files the steps' and the corrective actions' evidence name, by name; a file no longer on record is left out",
  })
  files!: NamedEvidenceFileView[];
}

/** How one of the review's actions went (ISO 9.3.3), as its owner reported it on its `review-action` task. */
export class ReviewActionFollowUpView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/review/action/1', description: 'Its task id' })
  actionId!: string;

  @ApiProperty({
    example: 'done',
    enum: ['open', 'done', 'not-done'],
    nullable: true,
    type: String,
    description:
      'open until its owner reports, then done or not-done as reported; null for a review held before actions were followed up as tasks',
  })
  status!: 'open' | 'done' | 'not-done' | null;

  @ApiProperty({
    example: 'Đã đưa phiếu kiểm soát lên hệ thống một cửa điện tử.',
    nullable: true,
    type: String,
  })
  note!: string | null;

  @ApiProperty({
    type: [String],
    example: ['evidence:0b6a4c1e-2f3d-4e5a-9b8c-7d6e5f4a3b2c', 'Công văn số 45/VP'],
    description: 'What the report rests on: paper records as written, uploaded files as `evidence:<id>`',
  })
  evidence!: string[];

  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b', nullable: true, type: String })
  reportedBy!: string | null;

  @ApiProperty({ example: '2025-05-20T02:00:00.000Z', nullable: true, type: String })
  reportedAt!: string | null;

  @ApiProperty({
    example: false,
    description: "Not done at the year's close, and so carried into next year's review (ISO 9.3.2 a)",
  })
  carriedForward!: boolean;
}

export class ReviewView {
  @ApiProperty({ example: 'held', enum: ['waiting', 'held'] })
  status!: string;

  @ApiProperty({
    example: { objectives: [], auditResults: {} },
    type: 'object',
    additionalProperties: true,
    description: 'ISO 9.3.2 inputs compiled from the records',
  })
  inputs!: Record<string, unknown>;

  @ApiProperty({
    example: { improvementOpportunities: [], qmsChanges: [], resourceNeeds: [] },
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  outputs!: Record<string, unknown> | null;

  @ApiProperty({
    example: [{ title: 'Số hoá sổ theo dõi', ownerUnitCode: 'vp-tonghop', dueDate: '2025-03-31' }],
    nullable: true,
    type: 'array',
    items: { type: 'object', additionalProperties: true },
  })
  actions!: unknown[] | null;

  @ApiProperty({
    type: [ReviewActionFollowUpView],
    description: 'How each of `actions` went, in the same order; empty until the review is held',
  })
  actionFollowUp!: ReviewActionFollowUpView[];

  @ApiProperty({ example: 'BB-05/2024', nullable: true, type: String })
  minutesRef!: string | null;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'When the review was recorded as held (its minutes entered)',
  })
  heldAt!: string | null;

  @ApiProperty({
    example: '2024-12-16',
    nullable: true,
    type: String,
    description:
      "The meeting's day as its minutes say, when given with them (required for minutes entered from paper); null when not given: the meeting is dated by heldAt",
  })
  heldOn!: string | null;

  @ApiProperty({
    type: [String],
    example: ['evidence:0b6a4c1e-2f3d-4e5a-9b8c-7d6e5f4a3b2c', 'Danh sách đại biểu dự họp'],
    description:
      "What the leader's record of the held review rests on (the signed minutes' scan, the meeting's documents): paper records as written, uploaded files as `evidence:<id>`, then the scans of the signed minutes added to the review's record since it was held (`signedCopyRecord`), oldest first; empty until held, or when none was given",
  })
  evidence!: string[];

  @ApiProperty({
    type: [NamedEvidenceFileView],
    description: "The uploaded files of `evidence` and of the actions' reports, by name",
  })
  files!: NamedEvidenceFileView[];

  @ApiProperty({
    type: SignedCopyRecordView,
    nullable: true,
    description:
      'Where a scan of the signed minutes is added once the review is held (POST /cycles/{id}/evidence with this recordType and recordKey): by the Quality Representative, the chair, or the clerk (văn thư). Null until held',
  })
  signedCopyRecord!: SignedCopyRecordView | null;
}

export class ObjectiveResultView {
  @ApiProperty({ example: 'obj-4' })
  objectiveId!: string;

  @ApiProperty({ example: 'achieved', description: 'The evaluation of the year (see docs/workflows.md)' })
  status!: string;

  @ApiProperty({
    example: [{ indicatorId: 'obj-4-on-time', status: 'achieved' }],
    type: 'array',
    items: { type: 'object', additionalProperties: true },
  })
  indicators!: unknown[];

  @ApiProperty({ example: '2024-12-31T10:00:00.000Z' })
  computedAt!: string;
}

/**
 * A unit's tasks of the year so far (ISO 9.3.2 c 3 by unit), counted as the management review counts
 * them (libs/domain `processPerformanceByUnit`).
 */
export class UnitTasksView {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'vp-ttpvhcc',
    description:
      'The unit whose work the tasks are (the unit they were given in); null for the tasks that are no unit’s work: the leaders’, the Quality Representative’s and the auditors’ (a task judging a unit, an audit step, a verification or a nonconformity proposal, counts for whoever judges, not the unit)',
  })
  unitCode!: string | null;

  @ApiProperty({ example: 14, description: 'Tasks given, not withdrawn (neither cancelled nor resolved)' })
  tasksGiven!: number;

  @ApiProperty({ example: 12 })
  tasksCompleted!: number;

  @ApiProperty({
    example: 1,
    description: 'Completed after their due time (a report made on paper by the paper’s day)',
  })
  tasksCompletedLate!: number;

  @ApiProperty({ example: 2, description: 'Escalated above the assignee at least once' })
  tasksEscalated!: number;

  @ApiProperty({ example: 1, description: 'Urged (POST /tasks/{id}/urge) at least once' })
  tasksUrged!: number;
}
