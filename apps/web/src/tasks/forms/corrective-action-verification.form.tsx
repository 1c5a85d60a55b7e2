import type { FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import type { EvidenceFile } from '../../ui/evidence';
import { EvidenceEditor, evidenceReferences } from '../components/evidence-upload';
import { AnswerText, ChoiceGroup, yesNoChoices } from '../components/form-fields';
import { Nonconformity } from '../components/nonconformity';
import { usePeople } from '../components/people';
import { ReadableValue } from '../components/readable-value';
import { SubmitButton } from '../components/submit-button';
import { formOf, type TaskFormProps } from './form-props';

interface VerificationForm {
  finding: string;
  correction: string;
  rootCause: string;
  action: string;
  ownerUserId: string;
  dueDate: string;
  /** What the plan rests on, when it names anything. */
  evidence?: string[];
}

/** The auditor checks the corrective action: effective or not (ISO 10.2 d), with notes. */
export function CorrectiveActionVerificationForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t } = useTranslation('tasks');
  const { finding, ...plan } = formOf<VerificationForm>(task);
  const { nameOf } = usePeople();
  const [effective, setEffective] = useDraft<'' | 'yes' | 'no'>(task.id, 'effective', '');
  const [notes, setNotes] = useDraft(task.id, 'notes', '');
  const [files, setFiles] = useDraft<EvidenceFile[]>(task.id, 'files', []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      ...(effective ? { effective: effective === 'yes' } : {}),
      notes: notes.trim(),
      ...(files.length > 0 ? { evidence: evidenceReferences(files) } : {}),
    });
  };
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <Nonconformity finding={finding} />
      <section aria-labelledby="plan-title">
        <h3 id="plan-title">{t('corrective.plan')}</h3>
        <ReadableValue value={plan} nameOf={nameOf} />
      </section>
      <ChoiceGroup
        name="effective"
        legend={t('corrective.effective')}
        options={yesNoChoices(t('corrective.effectiveYes'), t('corrective.effectiveNo'))}
        value={effective}
        onChange={(value) => {
          setEffective(value);
          problems.edit('effective');
        }}
        problems={problems.at('effective')}
      />
      <AnswerText
        label={t('corrective.notes')}
        path="notes"
        problems={problems}
        value={notes}
        onChange={setNotes}
        multiline
        required
      />
      <EvidenceEditor
        task={task}
        recordType="corrective-action"
        recordKey={task.workflowId}
        legend={t('evidence.legend')}
        hint={t('evidence.verificationHint')}
        problems={problems}
        files={files}
        onFiles={setFiles}
        // The plan's files, shown above, are the unit head's: not offered again as the verifier's.
        alreadyNamed={plan.evidence}
      />
      <div className="actions">
        <SubmitButton busy={busy} label={t('corrective.submitVerification')} />
      </div>
    </form>
  );
}
