import { useId } from 'react';
import { useTranslation } from 'react-i18next';
// The editor's fields are styled with the task forms' (a lazily loaded page of its own).
import '../../tasks/tasks.css';
import { api, ApiProblem, ok } from '../../api/client';
import { FieldError } from '../../ui/field';
import { useBusyAction } from '../../ui/submission';
import { ObjectivesDraft } from '../../tasks/components/objectives-draft';
import { numbered, ObjectivesEditor } from '../../tasks/components/objectives-editor';
import { unitNameIn, type UnitName } from '../../tasks/components/people';
import { isAtOrUnder, type ProblemBook } from '../../tasks/components/problem-book';
import type { FormObjective } from '../../tasks/task-types';
import { DecisionWordingEditor } from './decision-wording-editor';
import { WORDING_PATHS, wordingOf, type DraftWording } from '../decision-wording';

/**
 * A year's draft before it starts, being edited: a template's as the organisation would start
 * from it (GET /templates/{id}/draft), or next year's (GET /cycles/{id}/next-year).
 */
export interface StartDraftEdit {
  /** What the draft was read from: the template's id, or the cycle whose next year it is. */
  source: string;
  year: number;
  /** The draft as read: what is sent, its objectives replaced by the edited ones. */
  draft: Record<string, unknown> & { organisation: { units: UnitName[] }; objectives: FormObjective[] };
  objectives: FormObjective[];
  /** The decision's other words as edited. */
  wording: DraftWording;
  unitsNotInDirectory: string[];
}

/** Whether the objectives differ from the draft's: only then are they sent. */
export const objectivesEdited = (edit: StartDraftEdit) =>
  JSON.stringify(numbered(edit.objectives)) !== JSON.stringify(edit.draft.objectives);

/** Whether the decision's other words differ from the draft's. */
export const wordingEdited = (edit: StartDraftEdit) =>
  JSON.stringify(edit.wording) !== JSON.stringify(wordingOf(edit.draft));

/** Whether the objectives or the decision's other words differ from the draft's. */
export const draftEdited = (edit: StartDraftEdit) => objectivesEdited(edit) || wordingEdited(edit);

/** The draft's fields the editors show refusals of, beside each (the paths `validateCycleDraft` names). */
export const DRAFT_PATHS = ['objectives', ...WORDING_PATHS];

/** Whether the API refused the edited draft itself (its problems then shown beside its fields). */
export const draftRefusedIn = (problems: ProblemBook) =>
  problems.problems.some((p) => DRAFT_PATHS.some((path) => isAtOrUnder(p.path, path)));

/** The draft as edited, to start from (`draft` of POST /cycles). */
export const editedDraft = (edit: StartDraftEdit) => ({
  ...edit.draft,
  ...edit.wording,
  objectives: numbered(edit.objectives),
});

/** The draft a year would start from, read to be edited (its objectives as they are). */
export const draftToEdit = (
  source: string,
  read: { year: number; draft: Record<string, unknown>; unitsNotInDirectory: string[] },
): StartDraftEdit => {
  const draft = read.draft as StartDraftEdit['draft'];
  return {
    source,
    year: read.year,
    draft,
    objectives: draft.objectives,
    wording: wordingOf(draft),
    unitsNotInDirectory: read.unitsNotInDirectory,
  };
};

/** A template's draft for `year`, as the organisation would start from it. */
export const templateDraftToEdit = async (templateId: string, year: number) =>
  draftToEdit(
    templateId,
    await ok(
      api.GET('/api/v1/templates/{templateId}/draft', { params: { path: { templateId }, query: { year } } }),
    ),
  );

/**
 * The year's objectives before it starts — a template's, or this year's approved ones for next
 * year — moved to the year and given the organisation's own units, read and edited as the decision
 * will read them, so that what goes to the leader for approval is already the new year's, not the
 * old one's to be returned and revised. `read` gives the draft to edit; `hint` says where it
 * comes from.
 */
export function StartObjectives({
  read,
  hint,
  editing,
  onEditing,
  problems,
  wordingHint,
}: {
  /** The draft to edit; null when refused and said where the refusal belongs (a year not valid). */
  read: () => Promise<StartDraftEdit | null>;
  hint: string;
  /** Where the decision's legal bases, scope and recipients come from, and what to check in them. */
  wordingHint: string;
  editing: StartDraftEdit | null;
  onEditing: (edit: StartDraftEdit | null) => void;
  problems: ProblemBook;
}) {
  const { t, i18n } = useTranslation('cycles');
  const { busy, error, run } = useBusyAction();
  const headingId = useId();
  const open = () =>
    void run(async () => {
      const edit = await read();
      if (edit) onEditing(edit);
    });

  if (editing === null)
    return (
      <section className="start-objectives" aria-labelledby={headingId}>
        <h3 id={headingId}>{t('start.objectives.title')}</h3>
        <p className="field-hint">{hint}</p>
        {error !== null && (
          <p className="notice notice-error" role="alert">
            {error instanceof ApiProblem && error.message ? error.message : t('errors.network')}
          </p>
        )}
        <div className="actions">
          <button type="button" className="button" onClick={open} disabled={busy}>
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
    <section className="start-objectives" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('start.objectives.titleYear', { year: editing.year })}</h3>
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
      <DecisionWordingEditor
        hint={wordingHint}
        wording={editing.wording}
        onChange={(wording) => onEditing({ ...editing, wording })}
        problems={problems}
      />
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
