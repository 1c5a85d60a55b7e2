import { type FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import { AnswerText } from '../components/form-fields';
import { SubmitButton } from '../components/submit-button';
import { useCycleObjectives } from '../components/use-cycle-objectives';
import { localized } from '../task-types';
import { formOf, type TaskFormProps } from './form-props';
import { periodText } from '../components/format';

/** The Quality Representative follows up an objective at risk: its status, and what is done about it. */
export function AtRiskFollowUpForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  const form = formOf<{ status: string; periodKey: string }>(task);
  const objective = useCycleObjectives(task.cycleId, !!task.objectiveId).find(
    (o) => o.id === task.objectiveId,
  );
  const [note, setNote] = useDraft(task.id, 'note', '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ note: note.trim() });
  };
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <dl className="task-facts">
        <div>
          <dt>{t('page.objective')}</dt>
          <dd>
            {objective
              ? `${t('objectiveNumber', { number: objective.number })}: ${localized(objective.title, i18n.language)}`
              : task.objectiveId}
          </dd>
        </div>
        <div>
          <dt>{t('atRisk.status')}</dt>
          <dd>
            <span className="status status-warn">{t(`values.${form.status ?? 'at-risk'}`)}</span>
          </dd>
        </div>
        {form.periodKey && (
          <div>
            <dt>{t('page.period')}</dt>
            <dd>{periodText(form.periodKey, t)}</dd>
          </div>
        )}
      </dl>
      <AnswerText
        label={t('atRisk.note')}
        hint={t('atRisk.noteHint')}
        path="note"
        problems={problems}
        value={note}
        onChange={setNote}
        multiline
        required
      />
      <div className="actions">
        <SubmitButton busy={busy} label={t('atRisk.submit')} />
      </div>
    </form>
  );
}
