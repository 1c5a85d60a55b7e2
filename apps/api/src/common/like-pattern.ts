/** A value made literal inside a LIKE pattern (with `ESCAPE '\'`): its `%`, `_` and `\` match only themselves. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
