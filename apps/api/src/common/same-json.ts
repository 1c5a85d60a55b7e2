import { isDeepStrictEqual } from 'node:util';

/**
 * Whether two values say the same once written as JSON, as a stored answer was (a resent write
 * compared with what the first one stored): undefined keys dropped, absent and null alike.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(asStored(a), asStored(b));
}

const asStored = (value: unknown): unknown =>
  value === null || value === undefined ? null : JSON.parse(JSON.stringify(value));
