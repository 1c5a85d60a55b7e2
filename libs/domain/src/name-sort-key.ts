/**
 * A person's name as a key whose plain byte order is the order Vietnamese sorts names in (as
 * `Intl.Collator('vi')` does): the letters with ă, â, đ, ê, ô, ơ and ư as letters of their own (Đ
 * after D, Ư after U), then the tones (none, huyền, hỏi, ngã, sắc, nặng), then lower case before
 * upper. Stored beside the name (`users.name_sort_key`), it lets either database page a list of
 * people by name with a plain index — PostgreSQL's and SQLite's collations put "Võ" before "Đinh" —
 * and sorting in code compares the same keys (`sortByName` of the API), so "by name" is one order.
 *
 * The key is printable ASCII, so UTF-16 (JavaScript), UTF-8 bytes (SQLite's BINARY) and PostgreSQL's
 * "C" collation all compare it alike. Three parts, as a collator's levels: each character's letter,
 * then each letter's tone, then each letter's case; `!` ends a part, below every character of one, so
 * "An" sorts before "An Bình". A space comes before other punctuation, and both before digits and
 * letters, as in the collator; characters it does not know (other scripts) sort as punctuation.
 */
export function nameSortKey(name: string): string {
  const letters: string[] = [];
  const tones: string[] = [];
  const cases: string[] = [];
  // Ð (U+00D0, the Icelandic eth) stands for Đ in names converted from the old Vietnamese fonts: the
  // same glyph, and the same letter to whoever typed it (a collator reads it as a marked D).
  const typed = name.replace(/ð/g, 'đ').replace(/Ð/g, 'Đ');
  for (const cluster of typed.normalize('NFD').match(/\P{M}\p{M}*/gu) ?? []) {
    const base = cluster[0];
    const lower = base.toLowerCase();
    const marks = [...cluster.slice(1)];
    const modifier = marks.find((mark) => LETTER_MARKS.includes(mark)) ?? '';
    const ownLetter = ALPHABET.indexOf(lower + modifier);
    // A mark Vietnamese makes no letter of (ĕ, ç, ñ) leaves the letter it is on.
    const letter = ownLetter >= 0 ? ownLetter : ALPHABET.indexOf(lower);
    if (letter >= 0) letters.push(String.fromCharCode(FIRST_LETTER + letter));
    else if (/[0-9]/.test(base)) letters.push(base);
    else letters.push(/\s/.test(base) ? SPACE : PUNCTUATION);
    const tone = TONE_MARKS.findIndex((mark) => marks.includes(mark));
    const foreign =
      (modifier !== '' && ownLetter < 0) ||
      marks.some((mark) => !LETTER_MARKS.includes(mark) && !TONE_MARKS.includes(mark));
    // Such a mark sorts after the five tones.
    tones.push(String(tone >= 0 ? tone + 1 : foreign ? 6 : 0));
    cases.push(base !== lower ? '1' : '0');
  }
  return `${letters.join('')}!${tones.join('')}!${cases.join('')}`;
}

/** The Vietnamese alphabet, with the Latin letters it borrows, in order; a marked letter decomposed. */
const ALPHABET = [
  'a',
  'a\u0306', // ă
  'a\u0302', // â
  'b',
  'c',
  'd',
  'đ',
  'e',
  'e\u0302', // ê
  'f',
  'g',
  'h',
  'i',
  'j',
  'k',
  'l',
  'm',
  'n',
  'o',
  'o\u0302', // ô
  'o\u031b', // ơ
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'u\u031b', // ư
  'v',
  'w',
  'x',
  'y',
  'z',
];
/** The marks that make a letter of their own: breve (ă), circumflex (â, ê, ô), horn (ơ, ư). */
const LETTER_MARKS = ['\u0306', '\u0302', '\u031b'];
/** The five tone marks in the order names sort by: huyền, hỏi, ngã, sắc, nặng. */
const TONE_MARKS = ['\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
/** Letters take 33 characters from `A` (0x41); digits are `0`–`9`, below them. */
const FIRST_LETTER = 0x41;
const SPACE = '#';
const PUNCTUATION = '$';
