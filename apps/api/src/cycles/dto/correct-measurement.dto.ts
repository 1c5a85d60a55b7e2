import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { NestedList } from '../../common/nested-list';

/** One indicator's corrected figure, as a report gives it (a ratio's cases, a count, or a judgement). */
export class CorrectedFigureDto {
  @ApiProperty({ example: 'obj-3-reform-targets' })
  @IsString()
  @MinLength(1)
  indicatorId!: string;

  @ApiPropertyOptional({ example: 9, description: 'A ratio: the cases that met the target' })
  @IsOptional()
  @IsInt()
  @Min(0)
  numerator?: number;

  @ApiPropertyOptional({ example: 10, description: 'A ratio: the cases of the period' })
  @IsOptional()
  @IsInt()
  @Min(0)
  denominator?: number;

  @ApiPropertyOptional({
    example: 5,
    description:
      "A ratio that asks for them (objective 4): the cases still open at the period's end and already overdue",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  pendingOverdue?: number;

  @ApiPropertyOptional({ example: 2, description: 'A count' })
  @IsOptional()
  @IsInt()
  @Min(0)
  value?: number;

  @ApiPropertyOptional({ description: 'A judged indicator' })
  @IsOptional()
  @IsBoolean()
  achieved?: boolean;
}

export class CorrectMeasurementDto {
  @ApiProperty({
    type: [CorrectedFigureDto],
    description: "The period's figures as they should have been, one per indicator of the objective",
  })
  @ArrayMinSize(1)
  @NestedList(() => CorrectedFigureDto)
  figures!: CorrectedFigureDto[];

  @ApiProperty({
    example: 'Báo cáo quý I tính nhầm 1 hồ sơ của quý II',
    description: 'Why the figures are corrected, for the record',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['Sổ theo dõi hồ sơ tháng 1/2024 (bản đã đối chiếu)', 'evidence:0b6a…'],
    description:
      "What the correction rests on, as a report's evidence: texts naming paper records, or files uploaded to the report's record (`evidence:<id>`, docs/evidence.md). Optional; the report's own evidence stays the period's",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  evidence?: string[];

  @ApiPropertyOptional({
    type: [CorrectedFigureDto],
    description:
      "The period's figures as you saw them when you decided (the measurements you read). If they are others now — the reporter or the unit head corrected them meanwhile — the correction is refused with 409 CONFLICT, details.current holding the figures as they are, and nothing changes. Without it, the figures are replaced whatever they are now",
  })
  @IsOptional()
  @NestedList(() => CorrectedFigureDto)
  ifFiguresWere?: CorrectedFigureDto[];
}

export class CorrectedFigureView {
  @ApiProperty({ example: 'obj-3-reform-targets' })
  indicatorId!: string;

  @ApiPropertyOptional({ example: 9 })
  numerator?: number;

  @ApiPropertyOptional({ example: 10 })
  denominator?: number;

  @ApiPropertyOptional({ example: 2 })
  value?: number;

  @ApiPropertyOptional()
  achieved?: boolean;
}

export class MeasurementCorrectedView {
  @ApiProperty({ example: 'obj-3' })
  objectiveId!: string;

  @ApiProperty({ example: '2024-Q1' })
  periodKey!: string;

  @ApiProperty({ type: [CorrectedFigureView], description: 'The figures as they stood before' })
  previous!: CorrectedFigureView[];

  @ApiProperty({ type: [CorrectedFigureView], description: 'The figures as corrected' })
  figures!: CorrectedFigureView[];

  @ApiProperty({ example: 'Báo cáo quý I tính nhầm 1 hồ sơ của quý II' })
  reason!: string;

  @ApiPropertyOptional({
    type: [String],
    description: "The correction's own evidence, when it gave some",
  })
  evidence?: string[];

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  correctedBy!: string;

  @ApiProperty({ example: '2024-04-10T02:15:00.000Z' })
  correctedAt!: string;

  @ApiProperty({ example: 'on-track', description: "The objective's status before the correction" })
  statusBefore!: string;

  @ApiProperty({
    example: 'at-risk',
    description: "The objective's status evaluated again with the corrected figures",
  })
  status!: string;
}
