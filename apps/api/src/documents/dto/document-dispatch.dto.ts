import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The number and date the clerical office gave a registered version when it sent the signed paper. */
export class RecordDispatchDto {
  @ApiProperty({
    example: '15/BC-UBND',
    description:
      "The number written on the paper: the office's running number, then the version's own symbol as its blank line prints it (`dispatchSymbol` in the register); another symbol is 422",
  })
  @IsString()
  @MaxLength(60)
  number!: string;

  @ApiProperty({
    example: '2024-12-20',
    description:
      "The day it was sent, YYYY-MM-DD (Vietnam time): a calendar day, not before the version's `issuedOn`, not after today (else 422)",
  })
  @Matches(ISO_DATE, { message: 'dispatchedOn must be a date YYYY-MM-DD' })
  dispatchedOn!: string;

  @ApiPropertyOptional({
    example: 'Văn thư ghi nhầm số; sổ văn bản đi ghi số 16',
    description:
      'Why a number or date already recorded is corrected, for the event log: required for a correction (422 without), optional the first time',
  })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason?: string;
}
