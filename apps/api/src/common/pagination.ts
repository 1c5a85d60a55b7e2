import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
/**
 * The furthest a list pages: far beyond any organisation's directory, cycles or events, and small
 * enough for every database (SQLite answered 1e307 with "datatype mismatch", a 500).
 */
export const MAX_PAGE_OFFSET = 1_000_000;

/**
 * Every list is paginated with limit/offset (not cursors): directories and cycle lists are small and
 * sorted by a stable key, and an admin screen wants "page 3 of 7". Query parameters arrive as strings.
 */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_PAGE_OFFSET, default: 0, example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_OFFSET)
  offset?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function pageWindow(query: PageQueryDto): { limit: number; offset: number } {
  return { limit: query.limit ?? 20, offset: query.offset ?? 0 };
}

/** The paging fields of every list answer (the concrete page classes add `items`). */
export class PageInfoView {
  @ApiProperty({ example: 42, description: 'How many match the filters in all' })
  total!: number;

  @ApiProperty({ example: 20 })
  limit!: number;

  @ApiProperty({ example: 0 })
  offset!: number;
}
