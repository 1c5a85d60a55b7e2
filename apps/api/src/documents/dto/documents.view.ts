import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PageInfoView, PageQueryDto } from '../../common/pagination';
import { DOCUMENT_TYPES } from '../document-register.service';

export class DocumentListQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'kontum-2024' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'cycleId must be a cycle id such as kontum-2024' })
  cycleId?: string;

  @ApiPropertyOptional({ enum: DOCUMENT_TYPES, example: 'objectives-decision' })
  @IsOptional()
  @IsIn(DOCUMENT_TYPES as unknown as string[])
  type?: string;

  @ApiPropertyOptional({ type: 'integer', example: 2024 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2999)
  year?: number;

  @ApiPropertyOptional({
    enum: ['true'],
    example: 'true',
    description:
      'true: only the versions awaiting their number on sending (printed with a blank `Số:` line, `dispatchSymbol` set, and no `dispatchNumber` recorded yet), what the văn thư has still to number; absent: all',
  })
  @IsOptional()
  @IsIn(['true'], { message: 'awaitingNumber must be true, or left out' })
  awaitingNumber?: 'true';
}

/** One version of a generated document in the register (ISO 7.5.3); the files are downloaded apart. */
export class DocumentVersionView {
  @ApiProperty({ example: 'kontum-2024.objectives-decision.v1' })
  id!: string;

  @ApiProperty({ example: 'kontum-2024' })
  cycleId!: string;

  @ApiProperty({ example: 2024 })
  year!: number;

  @ApiProperty({ enum: DOCUMENT_TYPES, example: 'objectives-decision' })
  type!: string;

  @ApiProperty({ example: 1, description: 'Same records, same version; a changed record, the next one' })
  version!: number;

  @ApiProperty({ example: '123/QĐ-UBND', description: 'Number and symbol (a plan carries its decision’s)' })
  number!: string;

  @ApiProperty({ example: 'Quyết định số 123/QĐ-UBND' })
  title!: string;

  @ApiProperty({ example: 'QD-123-UBND-2024', description: 'Download name without the extension' })
  fileBaseName!: string;

  @ApiProperty({
    example: 'decisions/quality-cycle/kontum/2024/approval',
    description: 'The record it was generated from: table/id',
  })
  sourceRecord!: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the content: the document model as canonical JSON' })
  contentSha256!: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the PDF file' })
  pdfSha256!: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the DOCX file' })
  docxSha256!: string;

  @ApiProperty({ nullable: true, type: String, description: 'User who approved (signed) it in qcycle' })
  approvedBy!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Nguyễn Hữu Tháp',
    description: 'The signer as printed',
  })
  approvedByName!: string | null;

  @ApiProperty({ example: '2024-01-15', description: 'The document’s date (signing date)' })
  issuedOn!: string;

  @ApiProperty({ description: 'User whose request generated this version first' })
  registeredBy!: string;

  @ApiProperty({ example: '2024-01-15T03:00:00.000Z' })
  registeredAt!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '/BC-UBND',
    description:
      'What follows the digits of the number the clerical office gives it on sending (its blank `Số:         /BC-UBND` line); null when it takes none: numbered when issued (the decision, its plan) or not a Decree 30 document (the nonconformity form)',
  })
  dispatchSymbol!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '15/BC-UBND',
    description:
      'The number and symbol the clerical office gave the signed paper when it sent it (PUT /documents/{id}/dispatch); null until recorded. The files stay as issued.',
  })
  dispatchNumber!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '2024-12-20', description: 'The day it was sent' })
  dispatchedOn!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b',
    description: 'Who recorded the number and date in qcycle (the Quality Representative)',
  })
  dispatchedBy!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '2024-12-20T08:30:00.000Z', description: 'When' })
  dispatchRecordedAt!: string | null;
}

/** What issuing a year-end report answers: the version the register holds for its content now. */
export class IssuedDocumentView extends DocumentVersionView {
  @ApiProperty({
    example: true,
    description:
      'true when this request issued the version (also when it is sent again with the same x-request-id); false when the same content had been issued already',
  })
  issuedNow!: boolean;
}

export class DocumentVersionPage extends PageInfoView {
  @ApiProperty({ type: [DocumentVersionView] })
  items!: DocumentVersionView[];
}

export class PlanIndicatorView {
  @ApiProperty({ example: 'obj-4-on-time' })
  id!: string;

  @ApiProperty({ example: { vi: 'Hồ sơ giải quyết đúng hạn', en: 'Dossiers settled on time' } })
  label!: { vi: string; en: string };

  @ApiProperty({ nullable: true, type: String, example: 'trên 80%' })
  target!: string | null;
}

export class ObjectivePlanView {
  @ApiProperty({ example: 'Rà soát, cập nhật quy trình…' })
  what!: string;

  @ApiProperty()
  resources!: string;

  @ApiProperty()
  who!: string;

  @ApiProperty()
  when!: string;

  @ApiProperty()
  howEvaluated!: string;
}

export class PlanObjectiveView {
  @ApiProperty({ example: 'obj-4' })
  id!: string;

  @ApiProperty({ example: 4 })
  number!: number;

  @ApiProperty({ example: { vi: '100% hồ sơ thủ tục hành chính …', en: '100% of dossiers …' } })
  title!: { vi: string; en: string };

  @ApiProperty({ example: 'vp-kiemsoat-tthc' })
  ownerUnitCode!: string;

  @ApiProperty({ example: 'monthly' })
  frequency!: string;

  @ApiProperty({ type: [PlanIndicatorView] })
  indicators!: PlanIndicatorView[];

  @ApiProperty({
    type: ObjectivePlanView,
    description: 'ISO 6.2.2: what, resources, who, when, how evaluated',
  })
  plan!: ObjectivePlanView;
}

/** The objectives' implementation plan (ISO 6.2.2) as the decision approved it. */
export class PlanView {
  @ApiProperty({ example: 'kontum-2024' })
  cycleId!: string;

  @ApiProperty({ example: '123/QĐ-UBND', description: 'The decision the plan is attached to' })
  documentNumber!: string;

  @ApiProperty({ example: '2024-01-15' })
  signingDate!: string;

  @ApiProperty({ type: [PlanObjectiveView] })
  objectives!: PlanObjectiveView[];
}
