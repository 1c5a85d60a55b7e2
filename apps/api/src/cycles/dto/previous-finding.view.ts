import { ApiProperty } from '@nestjs/swagger';

/** Where a finding's corrective action stands, in its own record. */
export class PreviousFindingActionView {
  @ApiProperty({ example: 'closed', enum: ['open', 'planned', 'closed', 'cancelled'] })
  status!: string;

  @ApiProperty({
    example: true,
    nullable: true,
    type: Boolean,
    description: 'Whether its verification found it effective; null until verified',
  })
  effective!: boolean | null;

  @ApiProperty({
    example: false,
    description:
      "Whether that year's close carried it into the next year, still open or awaiting its verification: it goes on among this year's corrective actions",
  })
  carriedForward!: boolean;
}

/**
 * A finding of the year before's internal audit (ISO 9001 9.2.2 a): an audit step's task carries
 * those of its unit, the audit report follows each up (`previousAuditFindings`).
 */
export class PreviousFindingView {
  @ApiProperty({ example: 2023 })
  year!: number;

  @ApiProperty({ example: 'quality-cycle/kontum/2023/audit/step/s2' })
  stepId!: string;

  @ApiProperty({ example: 'vp-kiemsoat-tthc' })
  unitCode!: string;

  @ApiProperty({ example: 'Giải quyết hồ sơ TTHC' })
  process!: string;

  @ApiProperty({ example: '8.5.1' })
  clause!: string;

  @ApiProperty({ example: 'minor-nc', enum: ['observation', 'minor-nc', 'major-nc'] })
  result!: string;

  @ApiProperty({ example: 'Hai hồ sơ trả kết quả không ghi ngày', nullable: true, type: String })
  finding!: string | null;

  @ApiProperty({
    type: PreviousFindingActionView,
    nullable: true,
    description: "A nonconformity's corrective action; null for an observation, or when none was opened",
  })
  correctiveAction!: PreviousFindingActionView | null;
}
