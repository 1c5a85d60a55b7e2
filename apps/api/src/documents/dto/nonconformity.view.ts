import { ApiProperty } from '@nestjs/swagger';
import { NONCONFORMITY_SOURCES, type NonconformitySource } from '@qcycle/domain';

export class NonconformityAuditView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/audit' })
  id!: string;

  @ApiProperty({ example: '2024-10-07' })
  from!: string;

  @ApiProperty({ example: '2024-10-18' })
  to!: string;

  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  leadAuditorUserId!: string;

  @ApiProperty({ example: 'Trần Văn Bình' })
  leadAuditorName!: string;
}

/** The verification of the corrective action's effectiveness (its latest round). */
export class NonconformityVerificationView {
  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  verifiedBy!: string;

  @ApiProperty({ example: 'Lê Thị Hoa' })
  verifierName!: string;

  @ApiProperty({ example: '2024-11-20T03:00:00.000Z' })
  verifiedAt!: string;

  @ApiProperty({
    example: '2024-11-20',
    description: "The day of the verification, Vietnam time (in a rehearsal, the rehearsed calendar's day)",
  })
  verifiedOn!: string;

  @ApiProperty({ example: true })
  effective!: boolean;

  @ApiProperty({ example: 'Đã kiểm tra 20 phiếu tháng 11', nullable: true, type: String })
  notes!: string | null;

  @ApiProperty({
    example: ['Sổ theo dõi hồ sơ tháng 11', 'evidence:5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a'],
    type: [String],
    description: 'What the verifier checked: records as written, uploaded files as `evidence:<id>`',
  })
  evidence!: string[];
}

/** A missed objective's nonconformity: which objective, in which period. */
export class NonconformityObjectiveView {
  @ApiProperty({ example: 'obj-4' })
  id!: string;

  @ApiProperty({ example: 4, nullable: true, type: Number, description: 'Its number in the decision' })
  number!: number | null;

  @ApiProperty({
    example: '100% hồ sơ thủ tục hành chính … đảm bảo đúng quy trình',
    nullable: true,
    type: String,
    description: 'Its title as approved (null when the decision does not name it)',
  })
  title!: string | null;

  @ApiProperty({ example: '2024-01', nullable: true, type: String })
  periodKey!: string | null;
}

/** Last year's corrective action that this one continues (open at that year's close). */
export class NonconformityCarriedFromView {
  @ApiProperty({ example: 'quality-cycle/kontum/2023/audit/ca/s2' })
  id!: string;

  @ApiProperty({ example: 2023 })
  year!: number;

  @ApiProperty({
    example: '2023-10-12',
    nullable: true,
    type: String,
    description: "The day it was found that year, Vietnam time (null when last year's record is gone)",
  })
  foundOn!: string | null;

  @ApiProperty({
    example: 'Giải quyết hồ sơ TTHC',
    nullable: true,
    type: String,
    description: "An audit finding: the process of last year's checklist step",
  })
  process!: string | null;

  @ApiProperty({ example: '8.5.1', nullable: true, type: String })
  clause!: string | null;

  @ApiProperty({
    example: 'planned',
    nullable: true,
    type: String,
    description: 'Where it stood at that close',
  })
  status!: string | null;

  @ApiProperty({ example: 1, nullable: true, type: Number })
  rounds!: number | null;
}

/**
 * One nonconformity and its corrective action (ISO 9001 10.2), whatever its source, as the records
 * hold it, with the people named: what the nonconformity form prints. An internal-audit finding has
 * its audit, step, process, clause and auditor; a missed objective its objective and period; one
 * carried from last year the action it continues; the others who raised them.
 */
export class NonconformityView {
  @ApiProperty({
    example: 'quality-cycle/kontum/2024/audit/ca/s1',
    description: "The corrective action's id, as the nonconformity list gives it",
  })
  id!: string;

  @ApiProperty({ enum: NONCONFORMITY_SOURCES, example: 'audit-finding' })
  source!: NonconformitySource;

  @ApiProperty({
    example: 's1',
    nullable: true,
    type: String,
    description: 'An audit finding: the checklist step it was raised at (null for the other sources)',
  })
  stepId!: string | null;

  @ApiProperty({ type: NonconformityAuditView, nullable: true })
  audit!: NonconformityAuditView | null;

  @ApiProperty({ example: 'vp-kiemsoat-tthc' })
  unitCode!: string;

  @ApiProperty({ example: 'Giải quyết hồ sơ TTHC', nullable: true, type: String })
  process!: string | null;

  @ApiProperty({ example: '8.5.1', nullable: true, type: String })
  clause!: string | null;

  @ApiProperty({ example: 'minor-nc', enum: ['minor-nc', 'major-nc'] })
  severity!: string;

  @ApiProperty({
    example: 'Phiếu kiểm soát thiếu thời điểm chuyển bước',
    description: 'What was found (the audit finding, the complaint…)',
  })
  finding!: string;

  @ApiProperty({ example: ['Sổ theo dõi hồ sơ tháng 9/2024'], nullable: true, type: [String] })
  evidence!: string[] | null;

  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b', nullable: true, type: String })
  auditorUserId!: string | null;

  @ApiProperty({ example: 'Lê Thị Hoa', nullable: true, type: String })
  auditorName!: string | null;

  @ApiProperty({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    nullable: true,
    type: String,
    description: 'Who raised it: the auditor, or the Quality Representative who opened it',
  })
  raisedBy!: string | null;

  @ApiProperty({ example: 'Trần Quốc Việt', nullable: true, type: String })
  raisedByName!: string | null;

  @ApiProperty({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    nullable: true,
    type: String,
    description:
      'Who verifies effectiveness, and signs the form: the auditor of an audit finding, else the verifier the record names',
  })
  verifierUserId!: string | null;

  @ApiProperty({ example: 'Lê Thị Hoa', nullable: true, type: String })
  verifierName!: string | null;

  @ApiProperty({ type: NonconformityObjectiveView, nullable: true })
  objective!: NonconformityObjectiveView | null;

  @ApiProperty({ type: NonconformityCarriedFromView, nullable: true })
  carriedFrom!: NonconformityCarriedFromView | null;

  @ApiProperty({
    example: '2024-10-10',
    description:
      "The day it was raised (an audit finding: its step's sign-off), Vietnam time (in a rehearsal, the rehearsed calendar's day)",
  })
  foundOn!: string;

  @ApiProperty({ example: 'Bổ sung thời điểm chuyển bước', nullable: true, type: String })
  correction!: string | null;

  @ApiProperty({ example: 'Mẫu phiếu cũ', nullable: true, type: String })
  rootCause!: string | null;

  @ApiProperty({ example: 'Cập nhật mẫu phiếu', nullable: true, type: String })
  action!: string | null;

  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b', nullable: true, type: String })
  ownerUserId!: string | null;

  @ApiProperty({ example: 'Phạm Văn Nam', nullable: true, type: String })
  ownerName!: string | null;

  @ApiProperty({ example: '2024-11-15', nullable: true, type: String })
  dueDate!: string | null;

  @ApiProperty({
    example: ['evidence:0b6a4c1e-2f3d-4e5a-9b8c-7d6e5f4a3b2c', 'Sổ theo dõi hồ sơ tháng 11'],
    type: [String],
    description:
      "What the last plan rests on (the correction done, for the verifier): files uploaded to the corrective action's record as `evidence:<id>`, paper records as written; empty when none was given",
  })
  actionEvidence!: string[];

  @ApiProperty({ type: NonconformityVerificationView, nullable: true })
  verification!: NonconformityVerificationView | null;

  @ApiProperty({ example: 'closed', enum: ['open', 'planned', 'closed', 'cancelled'] })
  status!: string;

  @ApiProperty({
    example: 1,
    description: 'The round of correction (a verification found not effective opens the next)',
  })
  rounds!: number;
}
