/**
 * The API words its refusals in English (class-validator and the directory service). The reasons a
 * directory form can meet are few and known, so they are said again in the reader's language; an
 * unknown one is shown as the API wrote it rather than hidden.
 */
const KNOWN_REASONS: [RegExp, (match: RegExpMatchArray) => [string, Record<string, unknown>?]][] = [
  [/must be an email/, () => ['problems.email']],
  [/longer than or equal to 1 characters|should not be empty/, () => ['problems.required']],
  [/longer than or equal to (\d+) characters/, (m) => ['problems.tooShort', { n: Number(m[1]) }]],
  [/shorter than or equal to (\d+) characters/, (m) => ['problems.tooLong', { n: Number(m[1]) }]],
  [/at most (\d+) bytes/, (m) => ['problems.tooManyBytes', { n: Number(m[1]) }]],
  [/lower-case letters, digits and dashes/, () => ['problems.codeFormat']],
  [/must be a unit code/, () => ['problems.unitFormat']],
  [/^no unit (\S+) in your organisation/, (m) => ['problems.noUnit', { code: m[1] }]],
  [/units cannot form a loop/, () => ['problems.loop']],
  [/a unit-head role needs the unit it leads/, () => ['problems.unitHeadNeedsUnit']],
  [/only a unit-head role has a unit/, () => ['problems.onlyUnitHeadHasUnit']],
  [/must be one of/, () => ['problems.choice']],
  [/must not be blank/, () => ['problems.required']],
  [/must be a date YYYY-MM-DD/, () => ['problems.date']],
  [/has not come yet/, () => ['problems.dayToCome']],
  [/is not a day of the calendar/, () => ['problems.notADay']],
];

/** A translation function of the `directory` namespace (react-i18next's `t`). */
export type Translate = (key: string, values: Record<string, unknown>) => string;

export function localiseReason(t: Translate, reason: string): string {
  for (const [pattern, toKey] of KNOWN_REASONS) {
    const match = reason.match(pattern);
    if (match) {
      const [key, values] = toKey(match);
      return t(key, values ?? {});
    }
  }
  return reason;
}
