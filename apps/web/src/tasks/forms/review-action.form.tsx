import type { FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import type { EvidenceFile } from '../../ui/evidence';
import { EvidenceEditor, evidenceReferences } from '../components/evidence-upload';
import { AnswerText, ChoiceGroup, yesNoChoices } from '../components/form-fields';
import { formatDay } from '../../ui/dates';
import { SubmitButton } from '../components/submit-button';
import { formOf, type TaskFormProps } from './form-props';

interface ReviewActionForm {
  action: { title: string; ownerUnitCode: string; dueDate: string };
}

/** The owner of a management review action reports on it: done or not, a note, evidence (ISO 9.3.3). */
export function ReviewActionForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  const { action } = formOf<ReviewActionForm>(task);
  const [done, setDone] = useDraft<'' | 'yes' | 'no'>(task.id, 'done', '');
  const [note, setNote] = useDraft(task.id, 'note', '');
  // Paper records by name, then files uploaded to the action's own record (one list, as a report's).
  const [evidence, setEvidence] = useDraft<string[]>(task.id, 'evidenceItems', ['']);
  const [files, setFiles] = useDraft<EvidenceFile[]>(task.id, 'files', []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const references = [...evidence.map((item) => item.trim()).filter(Boolean), ...evidenceReferences(files)];
    onSubmit({
      ...(done ? { done: done === 'yes' } : {}),
      note: note.trim(),
      ...(references.length ? { evidence: references } : {}),
    });
  };
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      {action && (
        <dl className="task-facts">
          <div>
            <dt>{t('reviewAction.action')}</dt>
            <dd>{action.title}</dd>
          </div>
          <div>
            <dt>{t('reviewAction.dueDate')}</dt>
            <dd>{formatDay(action.dueDate, i18n.language)}</dd>
          </div>
        </dl>
      )}
      <ChoiceGroup
        name="done"
        legend={t('reviewAction.done')}
        options={yesNoChoices(t('reviewAction.doneYes'), t('reviewAction.doneNo'))}
        value={done}
        onChange={(value) => {
          setDone(value);
          problems.edit('done');
        }}
        problems={problems.at('done')}
      />
      <AnswerText
        label={t('reviewAction.note')}
        hint={t('reviewAction.noteHint')}
        path="note"
        problems={problems}
        value={note}
        onChange={setNote}
        multiline
        required
      />
      <EvidenceEditor
        task={task}
        recordType="review-action"
        recordKey={task.id}
        legend={t('reviewAction.evidence')}
        hint={t('reviewAction.evidenceHint')}
        problems={problems}
        files={files}
        onFiles={setFiles}
        texts={{
          values: evidence,
          onChange: setEvidence,
          itemLabel: (index) => t('reviewAction.evidenceItem', { number: index + 1 }),
          addLabel: t('reviewAction.addEvidence'),
        }}
      />
      <div className="actions">
        <SubmitButton busy={busy} label={t('reviewAction.submit')} />
      </div>
    </form>
  );
}
