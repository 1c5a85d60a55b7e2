import { ApiProperty } from '@nestjs/swagger';

export class AnnualReportDocumentView {
  @ApiProperty({
    example: '123/QĐ-UBND',
    description:
      'The number it carries: the decision’s (and its plan’s) from its issue, another’s as the clerical office gave it on sending (`dispatchNumber` in the register); empty until that is recorded',
  })
  number!: string;

  @ApiProperty({ example: 'Quyết định số 123/QĐ-UBND' })
  title!: string;

  @ApiProperty({ example: 1, description: '1: issued; 2 and more: revised' })
  version!: number;

  @ApiProperty({ example: '2024-01-15' })
  issuedOn!: string;
}

export class AnnualReportAuditView {
  @ApiProperty({
    example: 'closed',
    enum: ['in-progress', 'closed', 'not-closed'],
    description: '`not-closed`: the year closed (or the cycle was cancelled) before the audit did',
  })
  status!: string;

  @ApiProperty({ example: '2024-10-07', nullable: true, type: String })
  from!: string | null;

  @ApiProperty({ example: '2024-10-18', nullable: true, type: String })
  to!: string | null;

  @ApiProperty({ example: '2024-10-25', nullable: true, type: String, description: 'null until closed' })
  closedOn!: string | null;

  @ApiProperty({ example: 6 })
  steps!: number;

  @ApiProperty({ example: 1, description: 'Nonconformities (each with its corrective action)' })
  findings!: number;
}

export class AnnualReportReviewView {
  @ApiProperty({ example: '2024-12-10', nullable: true, type: String, description: 'null until held' })
  heldOn!: string | null;

  @ApiProperty({ example: 'BB-05/2024', nullable: true, type: String })
  minutesRef!: string | null;

  @ApiProperty({ example: 1 })
  actions!: number;
}

export class AnnualReportObjectiveView {
  @ApiProperty({ example: 4 })
  number!: number;

  @ApiProperty({ example: '100% hồ sơ thủ tục hành chính …' })
  title!: string;

  @ApiProperty({
    example: 'not-achieved',
    enum: ['achieved', 'not-achieved', 'not-evaluable'],
    description: "The year's result once closed; before, from the cumulative figures (exact)",
  })
  verdict!: string;
}

export class AnnualReportCorrectiveActionView {
  @ApiProperty({ example: 'Phòng Kiểm soát thủ tục hành chính' })
  unit!: string;

  @ApiProperty({ example: 'Phiếu kiểm soát thiếu thời điểm chuyển bước' })
  finding!: string;

  @ApiProperty({ example: 'Cập nhật mẫu phiếu' })
  action!: string;

  @ApiProperty({ example: '2024-11-15', nullable: true, type: String })
  dueDate!: string | null;

  @ApiProperty({ example: 'closed', enum: ['open', 'planned', 'closed', 'cancelled'] })
  status!: string;
}

/** The yearly report on applying the QMS to the Department of Science and Technology, as data. */
export class AnnualQmsReportView {
  @ApiProperty({ example: 'Ủy ban nhân dân tỉnh Kon Tum' })
  organisation!: string;

  @ApiProperty({ example: 2024 })
  year!: number;

  @ApiProperty({
    example: '2024-12-20',
    description: "The report's date: the day of the last record it reports",
  })
  date!: string;

  @ApiProperty({ example: 'Ủy ban nhân dân tỉnh và Văn phòng Ủy ban nhân dân tỉnh' })
  scope!: string;

  @ApiProperty({ example: 'TCVN ISO 9001:2015' })
  standard!: string;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: "Last year's scope, when it changed",
  })
  previousScope!: string | null;

  @ApiProperty({ example: true, description: 'No decision the year before: the first year in qcycle' })
  firstYear!: boolean;

  @ApiProperty({
    type: [AnnualReportDocumentView],
    description: 'The latest version of each document of the year',
  })
  documents!: AnnualReportDocumentView[];

  @ApiProperty({ type: AnnualReportAuditView, nullable: true, description: 'null until planned' })
  audit!: AnnualReportAuditView | null;

  @ApiProperty({ type: AnnualReportReviewView, nullable: true, description: 'null until prepared' })
  review!: AnnualReportReviewView | null;

  @ApiProperty({ type: [AnnualReportObjectiveView] })
  objectives!: AnnualReportObjectiveView[];

  @ApiProperty({ type: [AnnualReportCorrectiveActionView] })
  correctiveActions!: AnnualReportCorrectiveActionView[];

  @ApiProperty({ example: 'Nguyễn Hữu Tháp' })
  signerName!: string;
}

export class AnnouncementReasonView {
  @ApiProperty({ example: 'first-year', enum: ['first-year', 'scope-changed'] })
  kind!: string;

  @ApiProperty({
    required: false,
    example: 'Văn phòng Ủy ban nhân dân tỉnh',
    description: 'scope-changed only',
  })
  previousScope?: string;
}

/** Whether and why the year announces its QMS conforms to TCVN ISO 9001:2015, and what. */
export class ConformityAnnouncementView {
  @ApiProperty({ example: 'kontum-2024' })
  cycleId!: string;

  @ApiProperty({ type: AnnouncementReasonView })
  reason!: AnnouncementReasonView;

  @ApiProperty({ example: 'Ủy ban nhân dân tỉnh và Văn phòng Ủy ban nhân dân tỉnh' })
  scope!: string;

  @ApiProperty({ example: 'TCVN ISO 9001:2015' })
  standard!: string;

  @ApiProperty({ example: 'Nguyễn Hữu Tháp' })
  signerName!: string;

  @ApiProperty({
    example: '2024-01-15',
    description: "The decision's signing date (the scope is approved with it)",
  })
  date!: string;
}
