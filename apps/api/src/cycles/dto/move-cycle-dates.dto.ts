import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class DateWindowDto {
  @ApiProperty({ example: '2027-10-12', description: 'First day, YYYY-MM-DD (Vietnam time)' })
  @Matches(ISO_DATE, { message: 'from must be a date YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2027-10-30', description: 'Last day, YYYY-MM-DD (Vietnam time)' })
  @Matches(ISO_DATE, { message: 'to must be a date YYYY-MM-DD' })
  to!: string;
}

// @ValidateNested alone lets a missing or array value through; @IsObject makes it a JSON object.
export class MoveCycleDatesDto {
  @ApiPropertyOptional({
    type: DateWindowDto,
    description: 'The new internal audit window (refused once the audit has started)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DateWindowDto)
  auditWindow?: DateWindowDto;

  @ApiPropertyOptional({
    example: '2027-12-20',
    description: 'The new management review date, YYYY-MM-DD (refused once the review has started)',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'reviewDate must be a date YYYY-MM-DD' })
  reviewDate?: string;

  @ApiProperty({
    example: 'Đoàn thanh tra của tỉnh làm việc trong tháng 10; dời đánh giá nội bộ sang tháng 11',
    description: 'Why, for the record',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

export class DateWindowView {
  @ApiProperty({ example: '2027-10-12' })
  from!: string;

  @ApiProperty({ example: '2027-10-30' })
  to!: string;
}

export class CycleDatesMovedView {
  @ApiProperty({ type: DateWindowView, description: 'The audit window the cycle goes by now' })
  auditWindow!: DateWindowView;

  @ApiProperty({ example: '2027-12-20', description: 'The management review date the cycle goes by now' })
  reviewDate!: string;

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  movedBy!: string;

  @ApiProperty({ example: '2027-09-28T02:15:00.000Z' })
  movedAt!: string;
}
