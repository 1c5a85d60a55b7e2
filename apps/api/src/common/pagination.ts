import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';

export const MAX_PAGE_SIZE = 100;
/**
 * The furthest a list pages: far beyond any organisation's directory, cycles or events, and small
 * enough for every database (SQLite answered 1e307 with "datatype mismatch", a 500).
 */
export const MAX_PAGE_OFFSET = 1_000_000;

/**
 * Every list is paginated with limit/offset: directories and cycle lists are small and sorted by a
 * stable key, and an admin screen wants "page 3 of 7". The two lists that grow without bound (an
 * inbox, a cycle's event log) also take a keyset cursor (`CursorPageQueryDto`). Query parameters
 * arrive as strings.
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

/** A cursor is base64url text; what it holds is the list's business (the sort key of a row). */
const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,600}$/;

/**
 * Keyset paging for the lists that grow without bound: `after` is the `nextCursor` of the previous
 * page, and the next page starts right after that row in the list's order, read by index. Rows added
 * or removed elsewhere in the list between two pages neither repeat a row nor skip one that was
 * there, which an offset cannot promise. `offset` still works and, with `after`, skips that many
 * rows after the cursor.
 */
export class CursorPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    type: 'string',
    pattern: CURSOR_PATTERN.source,
    example: 'WyIyMDI0LTAyLTI5VDE3OjAwOjAwLjAwMFoiLCJ0YXNrLWlkIl0',
    description:
      "Keyset cursor: the previous page's nextCursor (opaque). The page starts after that row, so rows added between pages are neither repeated nor skipped. 422 RULE_VIOLATED naming after when it is not a cursor of this list.",
  })
  @IsOptional()
  @Matches(CURSOR_PATTERN, { message: 'after must be the nextCursor of the previous page' })
  after?: string;
}

/** The paging fields of a list that also pages by cursor. */
export class CursorPageInfoView extends PageInfoView {
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'WyIyMDI0LTAyLTI5VDE3OjAwOjAwLjAwMFoiLCJ0YXNrLWlkIl0',
    description: 'Pass as after for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

export interface CursorPage<T> extends Page<T> {
  nextCursor: string | null;
}

/** The sort key of a row (its values in ORDER BY order, the last one unique) as an opaque cursor. */
export function encodeCursor(key: (string | null)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key a cursor holds; 422 naming `after` when it is not a cursor with that many values. */
export function decodeCursor(after: string, size: number): (string | null)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    Array.isArray(key) &&
    key.length === size &&
    key.every((value) => value === null || (typeof value === 'string' && !value.includes('\u0000'))) &&
    typeof key[size - 1] === 'string';
  if (!valid) throw invalidCursor();
  return key as (string | null)[];
}

/** 422 naming `after`: a well-formed cursor that this list did not issue. */
export function invalidCursor(): QcycleError {
  return new QcycleError(
    QcycleErrorCode.RuleViolated,
    'invalidCursor',
    {},
    {
      fields: { after: ['not a cursor of this list: pass the nextCursor of its previous page'] },
    },
  );
}
