import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { ORGANISATION_CODE_PATTERN } from '@qcycle/contracts';

export class StartCycleDto {
  @ApiProperty({ example: 'kontum', description: 'Organisation code: lower-case letters, digits and dashes' })
  @Matches(ORGANISATION_CODE_PATTERN, { message: 'organisationCode must be lower-case letters, digits and dashes (2–40)' })
  organisationCode!: string;

  @ApiProperty({ example: 2024, minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}
