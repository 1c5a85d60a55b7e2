import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class TemplateDraftQuery {
  @ApiProperty({ type: 'integer', example: 2027, minimum: 2000, maximum: 2100 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

/** A template as the caller's organisation would start `year` from it, to read or edit first. */
export class TemplateDraftView {
  @ApiProperty({ example: 'kontum-2024' }) templateId!: string;
  @ApiProperty({ type: 'integer', example: 2027 }) year!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "A CycleDraft: the template moved to `year`, under your organisation's code and name, its units your directory's (a template unit your directory lacks is kept while an objective names it). Edited, it is the `draft` of POST /api/v1/cycles",
  })
  draft!: Record<string, unknown>;
  @ApiProperty({
    type: [String],
    example: ['vp-ttpvhcc'],
    description:
      "Units the template's objectives are owned by that your directory does not list: give those objectives one of your units, or they are assigned to one at the year's assignment",
  })
  unitsNotInDirectory!: string[];
}
