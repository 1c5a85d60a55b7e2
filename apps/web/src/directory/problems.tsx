import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldProblem } from '../api/client';
import { ErrorNotice } from '../ui/page-state';

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
];

export function localiseReason(t: TFunction<'directory'>, reason: string): string {
  for (const [pattern, toKey] of KNOWN_REASONS) {
    const match = reason.match(pattern);
    if (match) {
      const [key, values] = toKey(match);
      return t(key as 'problems.email', values ?? {});
    }
  }
  return reason;
}

/**
 * What the API refused about one field: its 400 field messages, and a 409 whose details name the
 * field (`{ email }` for a taken e-mail, `{ code }` for a taken unit code, `{ role }` for a role the
 * user already has).
 */
export function problemsAt(t: TFunction<'directory'>, error: unknown, path: string): FieldProblem[] {
  if (!(error instanceof ApiProblem)) return [];
  const problems = error
    .at(path)
    .map((problem) => ({ ...problem, reason: localiseReason(t, problem.reason) }));
  if (error.status === 409 && error.details && path in error.details)
    problems.push({ path, reason: t(`problems.taken.${path}` as 'problems.taken.email') });
  return problems;
}

/**
 * The form's refusal as a whole, above its buttons: "correct the marked fields" when the API named
 * fields, the directory's own conflicts in words, anything else as the shared error notice.
 */
export function FormProblem({ error, fields }: { error: unknown; fields: string[] }) {
  const { t } = useTranslation('directory');
  if (!error) return null;
  if (error instanceof ApiProblem) {
    const named = fields.some((field) => problemsAt(t, error, field).length > 0);
    if (named)
      return (
        <div className="notice notice-error" role="alert">
          {t('problems.correctFields')}
        </div>
      );
    const conflict = conflictText(t, error);
    if (conflict)
      return (
        <div className="notice notice-error" role="alert">
          {conflict}
        </div>
      );
    if (error.status === 400 && error.problems.length > 0)
      return (
        <div className="notice notice-error" role="alert">
          {error.problems.map((p) => `${p.path}: ${localiseReason(t, p.reason)}`).join(' ')}
        </div>
      );
  }
  return <ErrorNotice error={error} />;
}

/** The directory's 409s that name no field, in words. */
function conflictText(t: TFunction<'directory'>, error: ApiProblem): string | null {
  if (error.status !== 409) return null;
  const details = error.details ?? {};
  if ('members' in details)
    return t('problems.unitInUse', {
      members: Number(details.members ?? 0),
      subUnits: Number(details.subUnits ?? 0),
      unitHeads: Number(details.unitHeads ?? 0),
    });
  if (/deactivate your own account/.test(error.message)) return t('problems.ownAccount');
  if (/your own administrator role/.test(error.message)) return t('problems.ownAdminRole');
  return null;
}
