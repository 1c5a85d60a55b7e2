import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/field';
import type { EvidenceFile } from '../../ui/evidence';
import { EvidenceUpload, evidenceReferences } from '../components/evidence-upload';
import { filled, ListEditor } from '../components/list-editor';
import { StepFacts, type AuditStep } from '../components/step-facts';
import { SubmitButton } from '../components/submit-button';
import { formOf, type TaskFormProps } from './form-props';

const RESULTS = ['conformity', 'observation', 'minor-nc', 'major-nc'] as const;

/** The auditor signs off one step: the result, the evidence, the finding of a nonconformity. */
export function AuditStepForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t } = useTranslation('tasks');
  const form = formOf<{ step: AuditStep }>(task);
  const [result, setResult] = useState('');
  const [evidence, setEvidence] = useState<string[]>(['']);
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const [finding, setFinding] = useState('');
  const [notes, setNotes] = useState('');
  const nonconformity = result === 'minor-nc' || result === 'major-nc';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      ...(result ? { result } : {}),
      evidence: [...filled(evidence), ...evidenceReferences(files)],
      ...(finding.trim() ? { finding: finding.trim() } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    });
  };
  const resultProblems = problems.at('result');
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <StepFacts step={form.step} />
      <fieldset className={`task-fieldset radio-group${resultProblems.length ? ' field-invalid' : ''}`}>
        <legend>{t('auditStep.result')}</legend>
        {RESULTS.map((value) => (
          <label key={value} className="radio">
            <input
              type="radio"
              name="audit-result"
              value={value}
              checked={result === value}
              onChange={() => {
                setResult(value);
                problems.edit('result');
              }}
            />
            {t(`values.${value}`)}
          </label>
        ))}
        {resultProblems.length > 0 && (
          <p className="field-error" role="alert">
            {resultProblems.map((p) => p.reason).join(' ')}
          </p>
        )}
      </fieldset>
      <ListEditor
        legend={t('auditStep.evidence')}
        itemLabel={(index) => t('auditStep.evidenceItem', { number: index + 1 })}
        addLabel={t('measurement.addEvidence')}
        values={evidence}
        onChange={(values) => {
          setEvidence(values);
          problems.edit('evidence');
        }}
        problems={problems.exact('evidence')}
        problemsAt={(index) => problems.at(`evidence[${index}]`)}
      >
        <EvidenceUpload
          cycleId={task.cycleId}
          recordType="audit-step"
          recordKey={task.id}
          files={files}
          onChange={(next) => {
            setFiles(next);
            problems.edit('evidence');
          }}
        />
      </ListEditor>
      <Field
        label={nonconformity ? t('auditStep.findingRequired') : t('auditStep.finding')}
        hint={t('auditStep.findingHint')}
        problems={problems.at('finding')}
      >
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required={nonconformity || undefined}
            value={finding}
            onChange={(e) => {
              setFinding(e.target.value);
              problems.edit('finding');
            }}
          />
        )}
      </Field>
      <Field label={t('auditStep.notes')} problems={problems.at('notes')}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value={notes}
            onChange={(e) => {
              setNotes(e.target.value);
              problems.edit('notes');
            }}
          />
        )}
      </Field>
      <div className="actions">
        <SubmitButton busy={busy} label={t('auditStep.submit')} />
      </div>
    </form>
  );
}
