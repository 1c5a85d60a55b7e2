import { ApiProperty } from '@nestjs/swagger';

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
}

/**
 * One audit finding's nonconformity and corrective action (ISO 9001 10.2), as the records hold it,
 * with the people named: what the nonconformity form prints.
 */
export class NonconformityView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/audit/ca/s1' })
  id!: string;

  @ApiProperty({ example: 's1', description: 'The checklist step the finding was raised at' })
  stepId!: string;

  @ApiProperty({ type: NonconformityAuditView })
  audit!: NonconformityAuditView;

  @ApiProperty({ example: 'vp-kiemsoat-tthc' })
  unitCode!: string;

  @ApiProperty({ example: 'Giải quyết hồ sơ TTHC' })
  process!: string;

  @ApiProperty({ example: '8.5.1' })
  clause!: string;

  @ApiProperty({ example: 'minor-nc', enum: ['minor-nc', 'major-nc'] })
  severity!: string;

  @ApiProperty({ example: 'Phiếu kiểm soát thiếu thời điểm chuyển bước' })
  finding!: string;

  @ApiProperty({ example: ['Sổ theo dõi hồ sơ tháng 9/2024'], nullable: true, type: [String] })
  evidence!: string[] | null;

  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  auditorUserId!: string;

  @ApiProperty({ example: 'Lê Thị Hoa' })
  auditorName!: string;

  @ApiProperty({
    example: '2024-10-10',
    description:
      "The day the finding was raised, Vietnam time (in a rehearsal, the rehearsed calendar's day)",
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
