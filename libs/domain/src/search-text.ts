/**
 * What a directory search compares, for a user's name and e-mail or a unit's code and names: the
 * text in lower case, composed (NFC), then again without tone and vowel marks and with đ as d. A
 * query is compared in lower case and composed ({@link containsPattern}): one typed with its marks
 * ("Đỗ", "đặng") finds those letters, one typed without ("do", "dang") finds the names with any
 * marks, as people search a directory both ways. It works whether a name was typed composed or
 * decomposed (Unikey's "tổ hợp", pasted text), and on SQLite, whose LOWER() folds A–Z only, as on
 * PostgreSQL.
 */
export function searchText(...parts: string[]): string {
  const text = parts.join(' ').normalize('NFC').toLowerCase();
  const unmarked = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd');
  // A line break between the two: no query (one line, trimmed) matches across them.
  return `${text}\n${unmarked}`;
}

/** The `LIKE` pattern (`ESCAPE '\'`) of a query in {@link searchText}: contains it, `%` and `_` literal. */
export function containsPattern(query: string): string {
  const text = query.trim().normalize('NFC').toLowerCase();
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
