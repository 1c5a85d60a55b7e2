import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, Matches, Max, Min } from 'class-validator';
import { ORGANISATION_CODE_PATTERN } from '@qcycle/contracts';
import { TEMPLATES } from '@qcycle/domain';

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
      "A rehearsal: run the year's calendar starting now (a training run, or trying out a past year's objectives). The whole schedule moves by whole weeks so that 1 January falls at or just before today; period keys and results still name `year`. It takes the organisation's slot for that year like a real cycle, so rehearse in a training organisation (docs/workflows.md).",
  })
  @IsOptional()
  @IsBoolean()
  rehearsal?: boolean;
}
