import { useId, type FormEvent } from 'react';
import { UnitFilesLink } from '../../cycles/components/record-history-link';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import type { EvidenceFile } from '../../ui/evidence';
import { EvidenceEditor, evidenceReferences } from '../components/evidence-upload';
import { AnswerText, ChoiceGroup } from '../components/form-fields';
import { filled } from '../components/list-editor';
import { PreviousFinding } from '../components/previous-audit';
import { useUnits } from '../components/people';
import { StepFacts, type AuditStep } from '../components/step-facts';
import { SubmitButton } from '../components/submit-button';
import { formOf, type TaskFormProps } from './form-props';

const RESULTS = ['conformity', 'observation', 'minor-nc', 'major-nc'] as const;

/** The auditor signs off one step: the result, the evidence, the finding of a nonconformity. */
export function AuditStepForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  const { unitName } = useUnits();
  const form = formOf<{ step: AuditStep }>(task);
  const [result, setResult] = useDraft<(typeof RESULTS)[number] | ''>(task.id, 'result', '');
  const [evidence, setEvidence] = useDraft<string[]>(task.id, 'evidence', ['']);
  const [files, setFiles] = useDraft<EvidenceFile[]>(task.id, 'files', []);
  const [finding, setFinding] = useDraft(task.id, 'finding', '');
  const [notes, setNotes] = useDraft(task.id, 'notes', '');
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
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <StepFacts step={form.step} />
      {form.step?.unitCode && (
        <UnitFilesLink
          as="p"
          cycleId={task.cycleId}
          unitCode={form.step.unitCode}
          unitName={unitName(form.step.unitCode, i18n.language)}
        />
      )}
      <PreviousFindingsHere task={task} />
      <ChoiceGroup
        name="audit-result"
        legend={t('auditStep.result')}
        options={RESULTS.map((value) => ({ value, label: t(`values.${value}`) }))}
        value={result}
        onChange={(value) => {
          setResult(value);
          problems.edit('result');
        }}
        problems={problems.at('result')}
      />
      <EvidenceEditor
        task={task}
        recordType="audit-step"
        recordKey={task.id}
        legend={t('auditStep.evidence')}
        problems={problems}
        files={files}
        onFiles={setFiles}
        texts={{
          values: evidence,
          onChange: setEvidence,
          itemLabel: (index) => t('auditStep.evidenceItem', { number: index + 1 }),
          addLabel: t('measurement.addEvidence'),
        }}
      />
      <AnswerText
        label={nonconformity ? t('auditStep.findingRequired') : t('auditStep.finding')}
        hint={t('auditStep.findingHint')}
        path="finding"
        problems={problems}
        value={finding}
        onChange={setFinding}
        multiline
        required={nonconformity}
      />
      <AnswerText
        label={t('auditStep.notes')}
        path="notes"
        problems={problems}
        value={notes}
        onChange={setNotes}
        multiline
      />
      <div className="actions">
        <SubmitButton busy={busy} label={t('auditStep.submit')} />
      </div>
    </form>
  );
}

/**
 * ISO 9001 9.2.2 a: what last year's audit found in the unit this step audits, and where each
 * corrective action stands, so the auditor looks again there. Nothing is said when it found nothing
 * (or qcycle holds no audit of that year): the step is audited as any other.
 */
function PreviousFindingsHere({ task }: { task: TaskFormProps['task'] }) {
  const { t } = useTranslation('tasks');
  const findings = task.previousFindings ?? [];
  const titleId = `${useId()}-previous`;
  if (findings.length === 0) return null;
  const year = findings[0].year;
  return (
    <section aria-labelledby={titleId} className="previous-audit">
      <h3 id={titleId}>{t('auditStep.previousTitle', { year })}</h3>
      <p className="field-hint">{t('auditStep.previousHint', { year })}</p>
      <ul className="previous-findings">
        {findings.map((finding) => (
          <li key={finding.stepId}>
            <PreviousFinding finding={finding} action={finding.correctiveAction} withUnit={false} />
          </li>
        ))}
      </ul>
    </section>
  );
}
