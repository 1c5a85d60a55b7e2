import { type FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../ui/field';
import { AnswerText } from '../components/form-fields';
import { ObjectivesDraft } from '../components/objectives-draft';
import { SubmitButton } from '../components/submit-button';
import type { FormObjective } from '../task-types';
import { formOf, type TaskFormProps } from './form-props';

/** The Quality Representative: the leader's comments, the draft, and a note of what changed. */
export function ObjectivesRevisionForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t } = useTranslation('tasks');
  const form = formOf<{ round: number; comments: string; objectives: FormObjective[] }>(task);
  const [note, setNote] = useDraft(task.id, 'note', '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ note: note.trim() });
  };
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <section aria-labelledby="leader-comments-title" className="task-quote">
        <h3 id="leader-comments-title">{t('revision.comments')}</h3>
        <blockquote>{form.comments || <span className="muted">{t('values.empty')}</span>}</blockquote>
      </section>
      <details className="task-details">
        <summary>{t('revision.showDraft')}</summary>
        <ObjectivesDraft objectives={form.objectives ?? []} year={/(\d{4})$/.exec(task.cycleId)?.[1]} />
      </details>
      <AnswerText
        label={t('revision.note')}
        hint={t('revision.noteHint')}
        path="note"
        problems={problems}
        value={note}
        onChange={setNote}
        multiline
        required
      />
      <FieldError problems={problems.at('objectives')} />
      <div className="actions">
        <SubmitButton busy={busy} label={t('revision.submit')} />
      </div>
    </form>
  );
}
