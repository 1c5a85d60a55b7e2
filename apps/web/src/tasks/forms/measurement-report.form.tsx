import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/field';
import { emptyFigure, FigureInput, figureOutcome, type FigureDraft } from '../components/figure-input';
import type { EvidenceFile } from '../../ui/evidence';
import { EvidenceUpload, evidenceReferences } from '../components/evidence-upload';
import { formatDay } from '../components/format';
import { filled, ListEditor } from '../components/list-editor';
import { SubmitButton } from '../components/submit-button';
import type { FormIndicator } from '../task-types';
import { formOf, type TaskFormProps } from './form-props';

interface MeasurementForm {
  indicators: FormIndicator[];
  period: { key: string; start: string; end: string };
}

/** Staff: a figure for each indicator of the period, with its evidence. */
export function MeasurementReportForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  const form = formOf<MeasurementForm>(task);
  const indicators = form.indicators ?? [];
  const [figures, setFigures] = useState<Record<string, FigureDraft>>({});
  const [evidence, setEvidence] = useState<string[]>(['']);
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      figures: indicators.map((indicator) => figureOutcome(indicator, figures[indicator.id] ?? emptyFigure)),
      evidence: [...filled(evidence), ...evidenceReferences(files)],
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  };
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      {form.period && (
        <p className="task-period">
          {t('measurement.period', {
            key: form.period.key,
            start: formatDay(form.period.start, i18n.language),
            end: formatDay(form.period.end, i18n.language),
          })}
        </p>
      )}
      <p className="field-hint">{t('measurement.hint')}</p>
      {problems.exact('figures').length > 0 && (
        <p className="field-error" role="alert">
          {problems
            .exact('figures')
            .map((p) => p.reason)
            .join(' ')}
        </p>
      )}
      {indicators.map((indicator) => (
        <FigureInput
          key={indicator.id}
          indicator={indicator}
          draft={figures[indicator.id] ?? emptyFigure}
          onChange={(draft) => setFigures({ ...figures, [indicator.id]: draft })}
          problems={problems}
        />
      ))}
      <ListEditor
        legend={t('measurement.evidence')}
        hint={t('measurement.evidenceHint')}
        itemLabel={(index) => t('measurement.evidenceItem', { number: index + 1 })}
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
          recordType="measurement"
          recordKey={task.id}
          files={files}
          onChange={(next) => {
            setFiles(next);
            problems.edit('evidence');
          }}
        />
      </ListEditor>
      <Field label={t('measurement.note')} problems={problems.at('note')}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              problems.edit('note');
            }}
          />
        )}
      </Field>
      <div className="actions">
        <SubmitButton busy={busy} label={t('measurement.submit')} />
      </div>
    </form>
  );
}
