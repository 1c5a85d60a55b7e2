import { useTranslation } from 'react-i18next';
// The editor's fields are styled with the task forms' (a lazily loaded page of its own).
import '../../tasks/tasks.css';
import { api, ApiProblem, ok } from '../../api/client';
import { FieldError } from '../../ui/field';
import { useBusyAction } from '../../ui/submission';
import { ObjectivesDraft } from '../../tasks/components/objectives-draft';
import { numbered, ObjectivesEditor } from '../../tasks/components/objectives-editor';
import { unitNameIn, type UnitName } from '../../tasks/components/people';
import type { ProblemBook } from '../../tasks/components/problem-book';
import type { FormObjective } from '../../tasks/task-types';

/** A template's draft for the year as the organisation would start from it (GET /templates/{id}/draft), being edited. */
export interface StartDraftEdit {
  templateId: string;
  year: number;
  /** The draft as read: what is sent, its objectives replaced by the edited ones. */
  draft: Record<string, unknown> & { organisation: { units: UnitName[] }; objectives: FormObjective[] };
  objectives: FormObjective[];
  unitsNotInDirectory: string[];
}

/** Whether the objectives differ from the template's: only then does the year start from its own draft. */
export const objectivesEdited = (edit: StartDraftEdit) =>
  JSON.stringify(numbered(edit.objectives)) !== JSON.stringify(edit.draft.objectives);

/**
 * The year's objectives before it starts: the template's, moved to the year and given the
 * organisation's own units, read and edited as the decision will read them, so that what goes to
 * the leader for approval is already this year's — not last year's to be returned and revised.
 */
export function StartObjectives({
  templateId,
  year,
  editing,
  onEditing,
  problems,
}: {
  templateId: string;
  year: string;
  editing: StartDraftEdit | null;
  onEditing: (edit: StartDraftEdit | null) => void;
  problems: ProblemBook;
}) {
  const { t, i18n } = useTranslation('cycles');
  const { busy, error, setError, run } = useBusyAction();
  const yearNumber = Number(year);

  const open = () =>
    void run(async () => {
      if (!/^\d{4}$/.test(year) || yearNumber < 2000 || yearNumber > 2100) {
        setError(new ApiProblem(400, 'VALIDATION', t('start.yearInvalid'), [], undefined));
        return;
      }
      const read = await ok(
        api.GET('/api/v1/templates/{templateId}/draft', {
          params: { path: { templateId }, query: { year: yearNumber } },
        }),
      );
      const draft = read.draft as StartDraftEdit['draft'];
      onEditing({
        templateId: read.templateId,
        year: read.year,
        draft,
        objectives: draft.objectives,
        unitsNotInDirectory: read.unitsNotInDirectory,
      });
    });

  if (editing === null)
    return (
      <section className="start-objectives" aria-labelledby="start-objectives-heading">
        <h3 id="start-objectives-heading">{t('start.objectives.title')}</h3>
        <p className="field-hint">{t('start.objectives.hint')}</p>
        {error !== null && (
          <p className="notice notice-error" role="alert">
            {error instanceof ApiProblem && error.message ? error.message : t('errors.network')}
          </p>
        )}
        <div className="actions">
          <button type="button" className="button" onClick={open} disabled={busy || !templateId}>
            {busy ? t('loading') : t('start.objectives.edit')}
          </button>
        </div>
      </section>
    );

  const units = editing.draft.organisation.units;
  const unitName = unitNameIn(units);
  const language = i18n.language === 'en' ? 'en' : 'vi';
  // Objectives still owned by a template unit the directory lacks: assigned at the assignment, or given one now.
  const notListed = numbered(editing.objectives).filter((objective) =>
    editing.unitsNotInDirectory.includes(objective.ownerUnitCode ?? ''),
  );
  return (
    <section className="start-objectives" aria-labelledby="start-objectives-heading">
      <h3 id="start-objectives-heading">{t('start.objectives.titleYear', { year: editing.year })}</h3>
      <p className="field-hint">{t('start.objectives.editingHint', { year: editing.year })}</p>
      {notListed.length > 0 && (
        <div className="notice notice-warn" role="status">
          {t('start.objectives.notListed', {
            count: notListed.length,
            numbers: notListed.map((objective) => objective.number).join(', '),
            units: [
              ...new Set(notListed.map((objective) => unitName(objective.ownerUnitCode, language))),
            ].join(', '),
          })}
        </div>
      )}
      <ObjectivesEditor
        objectives={editing.objectives}
        onChange={(objectives) => onEditing({ ...editing, objectives })}
        problems={problems}
        units={units}
      />
      <FieldError problems={problems.exact('objectives')} />
      <details className="task-details">
        <summary>{t('start.objectives.preview')}</summary>
        <ObjectivesDraft
          objectives={numbered(editing.objectives)}
          year={String(editing.year)}
          units={units}
        />
      </details>
      <div className="actions">
        <button type="button" className="button button-quiet" onClick={() => onEditing(null)}>
          {t('start.objectives.discard')}
        </button>
      </div>
    </section>
  );
}
