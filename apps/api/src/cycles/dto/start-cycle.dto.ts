import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ORGANISATION_CODE_PATTERN } from '@qcycle/contracts';
import { CYCLE_SIGNING_MODES, TEMPLATES, type CycleSigningMode } from '@qcycle/domain';

const TEMPLATE_IDS = TEMPLATES.map((t) => t.id);

export class StartCycleDto {
  @ApiProperty({
    example: 'kontum',
    description: 'Your organisation code: lower-case letters, digits and dashes',
  })
  @Matches(ORGANISATION_CODE_PATTERN, {
    message: 'organisationCode must be lower-case letters, digits and dashes (2–40)',
  })
  organisationCode!: string;

  @ApiProperty({ type: 'integer', example: 2024, minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({
    enum: TEMPLATE_IDS,
    default: 'kontum-2024',
    example: 'kontum-2024',
    description:
      'The ready-made draft to start from (GET /api/v1/templates), moved to `year`; ignored when `draft` is given',
  })
  @IsOptional()
  @IsIn(TEMPLATE_IDS, { message: `templateId must be one of ${TEMPLATE_IDS.join(', ')}` })
  templateId?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { year: 2024, objectives: ['…'], signer: { name: 'Nguyễn Hữu Tháp', title: 'Phó Chủ tịch' } },
    description:
      "The Quality Representative's own draft (a CycleDraft, as a template's): checked like a draft going to the leader; 422 DRAFT_INVALID lists every problem",
  })
  @IsOptional()
  @IsObject()
  draft?: Record<string, unknown>;

  @ApiPropertyOptional({
    default: false,
    example: false,
    description:
      "A rehearsal: run the year's calendar starting now (a training run, or trying out a past year's objectives). The whole schedule moves by whole weeks so that 1 January falls at or just before today; period keys and results still name `year`. It holds the organisation's slot for that year like a real cycle until, once ended, it is discarded (POST /api/v1/cycles/{cycleId}/discard; docs/workflows.md).",
  })
  @IsOptional()
  @IsBoolean()
  rehearsal?: boolean;

  @ApiPropertyOptional({
    example: '2024-10-01',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    description:
      'With `rehearsal`: the date of `year` the rehearsal begins on (default 1 January). The schedule moves so that this date falls at or just before today: what comes before it is already past (its reports open at once), e.g. 1 October to train the internal audit. A date outside `year`, or without `rehearsal` → 422 naming rehearsalFrom.',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'rehearsalFrom must be a date YYYY-MM-DD' })
  rehearsalFrom?: string;

  @ApiPropertyOptional({
    example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b',
    description:
      "Who signs the decision and approves the objectives: an active user of your organisation with the leader role (GET /api/v1/people). Without it, the leader the draft names as its signer, or the organisation's only leader; several leaders and none named by the draft → 422 naming signerUserId. A user who is not a leader → 422 naming signerUserId.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  signerUserId?: string;

  @ApiPropertyOptional({
    enum: CYCLE_SIGNING_MODES,
    example: 'KT.',
    description:
      "How the signer signs: `TM.` the Chairman for the Committee, `KT.` a Vice Chairman in the Chairman's place. Without it, as the draft's signature block says.",
  })
  @IsOptional()
  @IsIn(CYCLE_SIGNING_MODES, { message: `signingMode must be one of ${CYCLE_SIGNING_MODES.join(', ')}` })
  signingMode?: CycleSigningMode;
}
