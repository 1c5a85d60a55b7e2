import { type FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../ui/field';
import { AnswerText } from '../components/form-fields';
import { DecisionDraftFiles } from '../components/decision-draft-files';
import { ObjectivesDraft } from '../components/objectives-draft';
import { numbered, ObjectivesEditor } from '../components/objectives-editor';
import { SubmitButton } from '../components/submit-button';
import type { FormObjective } from '../task-types';
import { formOf, type TaskFormProps } from './form-props';

/**
 * The Quality Representative: the leader's comments, the draft — read as the decision would, or
 * revised objective by objective ("Sửa các mục tiêu") — and a note of what changed. The objectives
 * are sent only when they were revised; otherwise the draft goes back as it is, with the note.
 */
export function ObjectivesRevisionForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t } = useTranslation('tasks');
  const form = formOf<{ round: number; comments: string; objectives: FormObjective[] }>(task);
  const year = /(\d{4})$/.exec(task.cycleId)?.[1];
  const [note, setNote] = useDraft(task.id, 'note', '');
  // Kept as a draft in the tab like the note: an evening's revision survives a reload.
  const [revised, setRevised] = useDraft<FormObjective[] | null>(task.id, 'objectives', null);
  const changed = revised !== null && JSON.stringify(revised) !== JSON.stringify(form.objectives ?? []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ note: note.trim(), ...(changed ? { objectives: numbered(revised) } : {}) });
  };
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <section aria-labelledby="leader-comments-title" className="task-quote">
        <h3 id="leader-comments-title">{t('revision.comments')}</h3>
        <blockquote>{form.comments || <span className="muted">{t('values.empty')}</span>}</blockquote>
      </section>
      {revised === null ? (
        <>
          <details className="task-details">
            <summary>{t('revision.showDraft')}</summary>
            <ObjectivesDraft objectives={form.objectives ?? []} year={year} />
            <DecisionDraftFiles taskId={task.id} />
          </details>
          <div className="actions">
            <button type="button" className="button" onClick={() => setRevised(form.objectives ?? [])}>
              {t('revision.edit')}
            </button>
          </div>
        </>
      ) : (
        <section aria-labelledby="revision-objectives-title">
          <h3 id="revision-objectives-title">{t('revision.objectivesTitle')}</h3>
          <ObjectivesEditor objectives={revised} onChange={setRevised} problems={problems} />
          <details className="task-details">
            <summary>{t('revision.preview')}</summary>
            <ObjectivesDraft objectives={numbered(revised)} year={year} />
          </details>
          <div className="actions">
            <button type="button" className="button button-quiet" onClick={() => setRevised(null)}>
              {t('revision.discard')}
            </button>
          </div>
        </section>
      )}
      <AnswerText
        label={t('revision.note')}
        hint={changed ? t('revision.noteHintChanged') : t('revision.noteHint')}
        path="note"
        problems={problems}
        value={note}
        onChange={setNote}
        multiline
        required
      />
      <FieldError problems={problems.exact('objectives')} />
      <div className="actions">
        <SubmitButton busy={busy} label={t('revision.submit')} />
      </div>
    </form>
  );
}
