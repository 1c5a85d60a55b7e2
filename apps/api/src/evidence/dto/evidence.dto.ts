import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { EVIDENCE_FILE_TYPES } from '../evidence-file-type';
import type { NamedEvidenceFile } from '@qcycle/persistence';

/** The records that take evidence files; the record key names one of them (docs/evidence.md). */
export const EVIDENCE_RECORD_TYPES = [
  'measurement',
  'audit-step',
  'corrective-action',
  'review',
  'review-action',
  'approval',
] as const;
export type EvidenceRecordType = (typeof EVIDENCE_RECORD_TYPES)[number];

const ACCEPTED_KINDS = Object.keys(EVIDENCE_FILE_TYPES)
  .map((kind) => kind.toUpperCase())
  .join(', ');

/** The multipart form of an upload, as the OpenAPI document shows it (parsed by EvidenceService). */
export class EvidenceUploadForm {
  @ApiProperty({ enum: EVIDENCE_RECORD_TYPES, example: 'measurement', description: 'Send before `file`' })
  recordType!: EvidenceRecordType;

  @ApiProperty({
    example: 'quality-cycle/kontum/2024/monitoring/obj-4/measure/2024-03',
    description:
      'measurement: the measurement-report task id; review: the management-review task id; audit-step: the step id (= its task id); corrective-action: the corrective action id; review-action: the review action’s task id; approval: the objectives-approval task id (the scan of the signed decision). Send before `file`.',
  })
  recordKey!: string;

  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: `${ACCEPTED_KINDS}, without macros (nor a PDF with JavaScript), at most EVIDENCE_MAX_BYTES (20 MiB by default; GET /api/v1/evidence/accepted-files says this server’s)`,
  })
  file!: unknown;
}

export class EvidenceListQuery {
  @ApiProperty({ enum: EVIDENCE_RECORD_TYPES, example: 'measurement' })
  @IsIn(EVIDENCE_RECORD_TYPES, { message: `recordType must be one of ${EVIDENCE_RECORD_TYPES.join(', ')}` })
  recordType!: EvidenceRecordType;

  @ApiProperty({ example: 'quality-cycle/kontum/2024/monitoring/obj-4/measure/2024-03' })
  @IsString()
  @Length(1, 240)
  recordKey!: string;
}

export class EvidenceFileView {
  @ApiProperty({ example: '0b6a3f2e-5c1d-4e8f-9a7b-1c2d3e4f5a6b' })
  id!: string;

  @ApiProperty({
    example: 'evidence:0b6a3f2e-5c1d-4e8f-9a7b-1c2d3e4f5a6b',
    description: "Put this in a task answer's `evidence` list to link the file to the report or step",
  })
  reference!: string;

  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  sha256!: string;

  @ApiProperty({ example: 184320, description: 'Bytes' })
  size!: number;

  @ApiProperty({ example: 'application/pdf', description: 'Found in the content, not taken from the client' })
  contentType!: string;

  @ApiProperty({ example: 'Sổ theo dõi hồ sơ tháng 3.pdf' })
  fileName!: string;

  @ApiProperty({ enum: EVIDENCE_RECORD_TYPES, example: 'measurement' })
  recordType!: string;

  @ApiProperty({ example: 'quality-cycle/kontum/2024/monitoring/obj-4/measure/2024-03' })
  recordKey!: string;

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  uploadedBy!: string;

  @ApiProperty({ example: '2024-04-02T03:15:00.000Z' })
  uploadedAt!: string;

  @ApiProperty({
    type: () => EvidenceWithdrawalView,
    nullable: true,
    description:
      'A scan withdrawn as the signed copy of the decision or the minutes (the wrong paper): still on its record, no longer listed beside the document. Null for every other file',
  })
  withdrawn!: EvidenceWithdrawalView | null;

  @ApiProperty({
    type: () => EvidenceErasureView,
    nullable: true,
    description:
      'A file whose content the Quality Representative erased (a file that must not be kept): the row says what was there, its download answers 410 EVIDENCE_FILE_GONE. Null for every other file',
  })
  erased!: EvidenceErasureView | null;
}

/** Who withdrew a scan as a signed copy, when and why. */
export class EvidenceWithdrawalView {
  @ApiProperty({ example: '2024-01-08T02:30:00.000Z' })
  at!: string;

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  by!: string;

  @ApiProperty({ example: 'Quét nhầm Quyết định số 122/QĐ-UBND' })
  reason!: string;
}

/** Who erased a file's content, when and why. */
export class EvidenceErasureView {
  @ApiProperty({ example: '2024-05-03T02:15:00.000Z' })
  at!: string;

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  by!: string;

  @ApiProperty({ example: 'Tải nhầm danh sách có số định danh cá nhân của người dân' })
  reason!: string;
}

export class WithdrawSignedCopyDto {
  @ApiProperty({
    example: 'Quét nhầm Quyết định số 122/QĐ-UBND',
    description: 'Why, for the record (3 to 500 characters, not blank)',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

export class EraseEvidenceContentDto {
  @ApiProperty({
    example: 'Tải nhầm danh sách có số định danh cá nhân của người dân',
    description: 'Why the content must not be kept, for the record (3 to 500 characters, not blank)',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

/** An uploaded file a record names, by the name it was uploaded with (what a history or page shows). */
export class NamedEvidenceFileView implements NamedEvidenceFile {
  @ApiProperty({ example: '0b6a4c1e-2f3d-4e5a-9b8c-7d6e5f4a3b2c' })
  id!: string;

  @ApiProperty({ example: 'Sổ theo dõi hồ sơ tháng 1.pdf' })
  fileName!: string;

  @ApiProperty({
    example: false,
    description:
      'Its content was erased (POST /cycles/{id}/evidence/{evidenceId}/erase): named, no longer downloadable',
  })
  erased!: boolean;
}

export class EvidenceFileTypeView {
  @ApiProperty({ enum: Object.keys(EVIDENCE_FILE_TYPES), example: 'pdf' })
  kind!: string;

  @ApiProperty({ example: 'application/pdf' })
  contentType!: string;

  @ApiProperty({
    type: [String],
    example: ['pdf'],
    description: 'File-name extensions, lower case, without the dot',
  })
  extensions!: string[];

  @ApiProperty({
    example: '255044462d',
    pattern: '^([0-9a-f]{2})+$',
    description:
      'The bytes every file of this kind starts with, in hexadecimal: a client may refuse a file that does not before sending it (a web page saved as .xls). The server reads further.',
  })
  startsWith!: string;
}

export class EvidenceAcceptedFilesView {
  @ApiProperty({
    type: 'integer',
    example: 20971520,
    description:
      'The largest file this server accepts, in bytes (EVIDENCE_MAX_BYTES); a larger one answers 413',
  })
  maxBytes!: number;

  @ApiProperty({
    type: [EvidenceFileTypeView],
    description: 'The kinds of file accepted; the content decides, the name must agree with it',
  })
  types!: EvidenceFileTypeView[];
}
