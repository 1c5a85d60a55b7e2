import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldProblem } from '../api/client';
import { ErrorNotice } from '../ui/page-state';
import { localiseReason } from './problem-reasons';

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
  // Others (your own account, your own administrator role) come in the page's language from the API.
  return null;
}
