/**
 * What a directory search compares, for a user's name and e-mail or a unit's code and names: the
 * text in lower case, composed (NFC), then again without tone and vowel marks and with đ as d. A
 * query is compared in lower case and composed ({@link containsPattern}): one typed with its marks
 * ("Đỗ", "đặng") finds those letters, one typed without ("do", "dang") finds the names with any
 * marks, as people search a directory both ways. It works whether a name was typed composed or
 * decomposed (Unikey's "tổ hợp", pasted text), and on SQLite, whose LOWER() folds A–Z only, as on
 * PostgreSQL. Ð (U+00D0, which conversions from the old Vietnamese fonts leave for Đ) is read as Đ
 * in a name and in a query, as the names' order reads it (`nameSortKey`).
 */
export function searchText(...parts: string[]): string {
  const text = lowerCase(parts.join(' '));
  const unmarked = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd');
  // A line break between the two: no query (one line, trimmed) matches across them.
  return `${text}\n${unmarked}`;
}

/** The `LIKE` pattern (`ESCAPE '\'`) of a query in {@link searchText}: contains it, `%` and `_` literal. */
export function containsPattern(query: string): string {
  const text = lowerCase(query.trim());
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Composed, in lower case, with ð (Ð's lower case) as đ. */
function lowerCase(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ð/g, 'đ');
}
