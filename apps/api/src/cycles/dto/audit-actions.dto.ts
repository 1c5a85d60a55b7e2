import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { AUDIT_RESULTS, type AuditResult } from '@qcycle/domain';

export class SignOffStepDto {
  @ApiProperty({ enum: AUDIT_RESULTS, example: 'minor-nc' })
  @IsIn(AUDIT_RESULTS as unknown as string[], {
    message: `result must be one of ${AUDIT_RESULTS.join(', ')}`,
  })
  result!: AuditResult;

  @ApiProperty({ type: [String], example: ['Sổ theo dõi hồ sơ tháng 5/2024', 'Phỏng vấn cán bộ một cửa'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  evidence!: string[];

  @ApiPropertyOptional({ example: 'Đơn vị hợp tác tốt' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;

  @ApiPropertyOptional({
    example: '3 hồ sơ trễ hạn không có văn bản xin lỗi',
    description: 'Required for minor-nc and major-nc',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  finding?: string;
}

export class CloseAuditDto {
  @ApiProperty({ example: 'Báo cáo kết quả đánh giá nội bộ năm 2024: 12 bước, 1 điểm không phù hợp nhẹ…' })
  @IsString()
  @MinLength(10)
  @MaxLength(20000)
  report!: string;
}
