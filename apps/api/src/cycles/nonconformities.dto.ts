import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import {
  NONCONFORMITY_SEVERITIES,
  NONCONFORMITY_SOURCES,
  OPENABLE_NONCONFORMITY_SOURCES,
  type NonconformitySeverity,
  type NonconformitySource,
  type OpenableNonconformitySource,
} from '@qcycle/domain';
import { NamedEvidenceFileView } from '../evidence/dto/evidence.dto';

/** The Quality Representative opens a nonconformity not found by the internal audit (ISO 10.2.1). */
export class OpenNonconformityDto {
  @ApiProperty({
    enum: OPENABLE_NONCONFORMITY_SOURCES,
    example: 'complaint',
    description: 'Where it comes from (audit findings are opened by the audit itself)',
  })
  @IsIn(OPENABLE_NONCONFORMITY_SOURCES, {
    message: `source must be one of ${OPENABLE_NONCONFORMITY_SOURCES.join(', ')}`,
  })
  source!: OpenableNonconformitySource;

  @ApiProperty({ example: 'Công dân phản ánh hồ sơ bị trả lại không nêu lý do.', maxLength: 4000 })
  @IsString()
  @Matches(/\S/, { message: 'description must not be blank' })
  @MaxLength(4000)
  description!: string;

  @ApiProperty({ example: 'vp-ttpvhcc', description: "The unit concerned: one of the cycle's units" })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  unitCode!: string;

  @ApiProperty({ enum: NONCONFORMITY_SEVERITIES, example: 'minor-nc' })
  @IsIn(NONCONFORMITY_SEVERITIES, { message: 'severity must be minor-nc or major-nc' })
  severity!: NonconformitySeverity;

  @ApiPropertyOptional({
    example: 'head.tonghop',
    description:
      "Who verifies the corrective action's effectiveness; the Quality Representative when left out",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  verifierUserId?: string;

  @ApiPropertyOptional({ example: 'obj-4', description: 'For a missed objective: which one' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  objectiveId?: string;

  @ApiPropertyOptional({ example: '2024-01', description: 'For a missed objective: the period' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(16)
  periodKey?: string;
}

export class NonconformityOpenedView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/nonconformity/1' }) id!: string;
  @ApiProperty({ enum: NONCONFORMITY_SOURCES }) source!: NonconformitySource;
  @ApiProperty() unitCode!: string;
  @ApiProperty({ enum: NONCONFORMITY_SEVERITIES }) severity!: NonconformitySeverity;
  @ApiProperty() raisedBy!: string;
  @ApiProperty() verifierUserId!: string;
  @ApiProperty() openedAt!: string;
}

/** One nonconformity of the cycle, whatever its source, with its corrective action's state. */
export class CycleNonconformityView {
  @ApiProperty({ description: "The corrective action's id (its workflow id)" }) id!: string;
  @ApiProperty({ enum: NONCONFORMITY_SOURCES }) source!: NonconformitySource;
  @ApiProperty({ description: 'minor-nc | major-nc' }) severity!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty({ description: 'What was found (the audit finding, the complaint…)' }) description!: string;
  @ApiProperty({ description: 'open | planned | closed' }) status!: string;
  @ApiProperty() rounds!: number;
  @ApiProperty({ type: Boolean, nullable: true }) effective!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) raisedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Who verifies effectiveness' })
  verifierUserId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'An audit finding: the audit' }) auditId!:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: "An audit finding: the step's record id" })
  stepId!: string | null;
  @ApiProperty({ type: String, nullable: true }) objectiveId!: string | null;
  @ApiProperty({ type: String, nullable: true }) periodKey!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The last plan (ISO 10.2.1 a): null before it' })
  correction!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The last plan (ISO 10.2.1 b)' })
  rootCause!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The last plan (ISO 10.2.1 c)' })
  action!: string | null;
  @ApiProperty({ type: String, nullable: true }) ownerUserId!: string | null;
  @ApiProperty({ type: String, nullable: true }) dueDate!: string | null;
  @ApiProperty({
    type: [String],
    description:
      "What the last plan rests on: files uploaded to the corrective action's record as `evidence:<id>`, paper records as written",
  })
  evidence!: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The verifier's notes on the last plan's effect (ISO 10.2 d); null until verified",
  })
  verificationNotes!: string | null;
  @ApiProperty({
    type: [String],
    description:
      'What the verifier checked (ISO 10.2.2 b): files as `evidence:<id>`, records as written; empty until verified',
  })
  verificationEvidence!: string[];
  @ApiProperty() openedAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Last year's corrective action this one continues (open at that year's close)",
  })
  carriedFrom!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Carried forward at this year's close: next year's corrective action that continues it",
  })
  continuedAs!: string | null;
}

export class CycleNonconformityList {
  @ApiProperty({ type: [CycleNonconformityView] }) items!: CycleNonconformityView[];
  @ApiProperty({
    type: [NamedEvidenceFileView],
    description:
      "The uploaded files the items' evidence names, by name; a file no longer on record is left out",
  })
  files!: NamedEvidenceFileView[];
}
