import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { CYCLE_SIGNING_MODES, type CycleSigningMode } from '@qcycle/domain';

/** How next year's cycle starts from the stored draft; everything else is the draft's. */
export class StartNextYearDto {
  @ApiPropertyOptional({
    default: false,
    description: "A rehearsal: next year's calendar starting now (as POST /api/v1/cycles)",
  })
  @IsOptional()
  @IsBoolean()
  rehearsal?: boolean;

  @ApiPropertyOptional({
    example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b',
    description:
      "Who signs next year's decision (a leader of your organisation); without it the leader the draft names, else the only leader (422 naming signerUserId otherwise)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  signerUserId?: string;

  @ApiPropertyOptional({ enum: CYCLE_SIGNING_MODES, example: 'KT.' })
  @IsOptional()
  @IsIn(CYCLE_SIGNING_MODES, { message: `signingMode must be one of ${CYCLE_SIGNING_MODES.join(', ')}` })
  signingMode?: CycleSigningMode;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    minItems: 1,
    maxItems: 50,
    description:
      "Next year's objectives as edited, in place of the draft's (each an Objective, as in the draft GET answers): the draft is checked as the leader would receive it; 422 DRAFT_INVALID lists every problem with its path (`objectives[2].title.vi`), and nothing starts",
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  objectives?: Record<string, unknown>[];

  // The decision's other words, each in place of the draft's (last year's, the year moved on): a
  // law replaced since, a new recipient. Checked with the objectives (422 DRAFT_INVALID naming
  // `legalBases[1]`); the shapes here, the contents there.
  @ApiPropertyOptional({
    type: 'object',
    properties: { vi: { type: 'string' }, en: { type: 'string' } },
    description:
      'Where the system applies ("áp dụng tại …"), in Vietnamese and English, in place of the draft\'s',
  })
  @IsOptional()
  @IsObject()
  scope?: { vi: string; en: string };

  @ApiPropertyOptional({
    maxLength: 300,
    example: 'Chánh Văn phòng Ủy ban nhân dân tỉnh',
    description: "The Quality Representative's title (Articles 2 and 4), in place of the draft's",
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  qualityRepresentativeTitle?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', maxLength: 2000 },
    maxItems: 30,
    description: 'The legal bases ("Căn cứ …"), each word for word, in place of the draft\'s',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  legalBases?: string[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', maxLength: 300 },
    maxItems: 50,
    description: 'The recipients ("Nơi nhận"), in place of the draft\'s',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  recipients?: string[];
}

export class CarriedReviewActionView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/review/action/1' }) actionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'vp-ttpvhcc' }) ownerUnitCode!: string;
  @ApiProperty() ownerUserId!: string;
  @ApiProperty({ example: '2025-06-30' }) dueDate!: string;
  @ApiProperty({ enum: ['open', 'done', 'not-done'], description: 'As it stood at the close' })
  status!: 'open' | 'done' | 'not-done';
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ type: [String] }) evidence?: string[];
  @ApiPropertyOptional() reportedBy?: string;
  @ApiPropertyOptional() reportedAt?: string;
  @ApiPropertyOptional({
    description: "Not done by the close: listed in next year's review inputs (ISO 9.3.2 a)",
  })
  carriedForward?: boolean;
}

/** Next year's draft: from this year's approved decision while the year runs, prepared at its close. */
export class NextYearDraftView {
  @ApiProperty({ example: 'kontum-2024', description: 'This year’s cycle' }) cycleId!: string;
  @ApiProperty({ example: 'kontum-2025' }) nextCycleId!: string;
  @ApiProperty({ type: 'integer', example: 2025 }) year!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "A CycleDraft (as GET /api/v1/templates/{id}/draft): this year's approved objectives, moved to next year, under the organisation's name and units as the directory lists them now",
  })
  draft!: Record<string, unknown>;
  @ApiProperty({
    description:
      "true: prepared at this year's close, with the review's actions. false: this year still runs, the draft is made from its approved decision; the review's actions reach next year's review at this year's close",
  })
  final!: boolean;
  @ApiProperty({
    type: [String],
    example: [],
    description:
      "Units next year's objectives are owned by that the directory no longer lists: give those objectives one of the directory's units (`objectives` of POST), or they are assigned to one at next year's assignment",
  })
  unitsNotInDirectory!: string[];
  @ApiProperty({
    type: [CarriedReviewActionView],
    description: "This year's review actions with their status at the close (none before the close)",
  })
  previousActions!: CarriedReviewActionView[];
  @ApiProperty({
    example: '2025-01-22T01:00:00.000Z',
    description:
      'When the close prepared it; before the close, when the decision it is made from was recorded',
  })
  preparedAt!: string;
  @ApiPropertyOptional({
    description: "When next year's cycle was started (from this draft, or with POST /api/v1/cycles)",
  })
  startedAt?: string;
  @ApiPropertyOptional() startedBy?: string;
}
