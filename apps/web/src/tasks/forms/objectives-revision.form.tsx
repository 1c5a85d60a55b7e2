import { type FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../ui/field';
import { DecisionWordingEditor, DecisionWordingView } from '../../cycles/components/decision-wording-editor';
import type { DraftWording } from '../../cycles/decision-wording';
import { AnswerText } from '../components/form-fields';
import { AnnotatedDraftScans } from '../components/annotated-draft-scans';
import { DecisionDraftFiles } from '../components/decision-draft-files';
import { ObjectivesDraft } from '../components/objectives-draft';
import { numbered, ObjectivesEditor } from '../components/objectives-editor';
import { SubmitButton } from '../components/submit-button';
import type { FormObjective } from '../task-types';
import { formOf, type TaskFormProps } from './form-props';

/**
 * The Quality Representative: the leader's comments, the draft — read as the decision would, or
 * revised ("Sửa dự thảo"): objective by objective, and the decision's other words (its legal bases,
 * scope, recipients, the Quality Representative's title) — and a note of what changed. What was
 * revised is sent, the objectives and the words each only when changed; otherwise the draft
 * goes back as it is, with the note.
 */
export function ObjectivesRevisionForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t } = useTranslation('tasks');
  // A round opened before forms carried the decision's words has none: its objectives are revised alone.
  const form = formOf<{
    round: number;
    comments: string;
    /** The scan of the draft the leader wrote on, when the return named one. */
    evidence?: string[];
    objectives: FormObjective[];
    wording?: DraftWording;
  }>(task);
  const year = /(\d{4})$/.exec(task.cycleId)?.[1];
  const [note, setNote] = useDraft(task.id, 'note', '');
  // Kept as a draft in the tab like the note: an evening's revision survives a reload.
  const [revised, setRevised] = useDraft<FormObjective[] | null>(task.id, 'objectives', null);
  const [wording, setWording] = useDraft<DraftWording | null>(task.id, 'wording', null);
  const objectivesChanged =
    revised !== null && JSON.stringify(revised) !== JSON.stringify(form.objectives ?? []);
  const wordingChanged =
    revised !== null && wording !== null && JSON.stringify(wording) !== JSON.stringify(form.wording);
  const changed = objectivesChanged || wordingChanged;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      note: note.trim(),
      ...(objectivesChanged ? { objectives: numbered(revised) } : {}),
      // The decision's words as revised, in place of the round's.
      ...(wordingChanged ? wording : {}),
    });
  };
  const edit = () => {
    setRevised(form.objectives ?? []);
    setWording(form.wording ?? null);
  };
  const discard = () => {
    setRevised(null);
    setWording(null);
  };
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <section aria-labelledby="leader-comments-title" className="task-quote">
        <h3 id="leader-comments-title">{t('revision.comments')}</h3>
        <blockquote>{form.comments || <span className="muted">{t('values.empty')}</span>}</blockquote>
        <AnnotatedDraftScans evidence={form.evidence} />
      </section>
      {revised === null ? (
        <>
          <details className="task-details">
            <summary>{t('revision.showDraft')}</summary>
            <ObjectivesDraft objectives={form.objectives ?? []} year={year} />
            {form.wording && <DecisionWordingView wording={form.wording} />}
            <DecisionDraftFiles taskId={task.id} />
          </details>
          <div className="actions">
            <button type="button" className="button" onClick={edit}>
              {t('revision.edit')}
            </button>
          </div>
        </>
      ) : (
        <section aria-labelledby="revision-objectives-title">
          <h3 id="revision-objectives-title">{t('revision.objectivesTitle')}</h3>
          {wording !== null && (
            <DecisionWordingEditor
              hint={t('revision.wordingHint')}
              wording={wording}
              onChange={setWording}
              problems={problems}
            />
          )}
          <ObjectivesEditor objectives={revised} onChange={setRevised} problems={problems} />
          <details className="task-details">
            <summary>{t('revision.preview')}</summary>
            <ObjectivesDraft objectives={numbered(revised)} year={year} />
          </details>
          <div className="actions">
            <button type="button" className="button button-quiet" onClick={discard}>
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
