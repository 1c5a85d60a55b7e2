import { useEffect, useRef, type FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import type { EvidenceFile } from '../../ui/evidence';
import { FieldError } from '../../ui/field';
import { emptyFigureFor, FigureInput, figureOutcome, type FigureDraft } from '../components/figure-input';
import { draftInLanguage } from '../components/target';
import { EvidenceEditor, evidenceReferences } from '../components/evidence-upload';
import { AnswerText } from '../components/form-fields';
import { formatDay } from '../../ui/dates';
import { filled } from '../components/list-editor';
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
  const [figures, setFigures] = useDraft<Record<string, FigureDraft>>(task.id, 'figures', {});
  const [evidence, setEvidence] = useDraft<string[]>(task.id, 'evidence', ['']);
  const [files, setFiles] = useDraft<EvidenceFile[]>(task.id, 'files', []);
  const [note, setNote] = useDraft(task.id, 'note', '');
  // The figures typed so far follow a switch of the page's language, written as it writes numbers.
  const typedIn = useRef(i18n.language);
  useEffect(() => {
    const from = typedIn.current;
    typedIn.current = i18n.language;
    if (from !== i18n.language)
      setFigures((typed) =>
        Object.fromEntries(
          Object.entries(typed).map(([id, draft]) => [id, draftInLanguage(draft, from, i18n.language)]),
        ),
      );
  }, [i18n.language]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      figures: indicators.map((indicator) =>
        figureOutcome(indicator, figures[indicator.id] ?? emptyFigureFor(indicator), i18n.language),
      ),
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
      <FieldError problems={problems.exact('figures')} />
      {indicators.map((indicator) => (
        <FigureInput
          key={indicator.id}
          indicator={indicator}
          draft={figures[indicator.id] ?? emptyFigureFor(indicator)}
          onChange={(draft) => setFigures({ ...figures, [indicator.id]: draft })}
          problems={problems}
        />
      ))}
      <EvidenceEditor
        task={task}
        recordType="measurement"
        recordKey={task.id}
        legend={t('measurement.evidence')}
        hint={t('measurement.evidenceHint')}
        problems={problems}
        files={files}
        onFiles={setFiles}
        texts={{
          values: evidence,
          onChange: setEvidence,
          itemLabel: (index) => t('measurement.evidenceItem', { number: index + 1 }),
          addLabel: t('measurement.addEvidence'),
        }}
      />
      <AnswerText
        label={t('measurement.note')}
        path="note"
        problems={problems}
        value={note}
        onChange={setNote}
        multiline
      />
      <div className="actions">
        <SubmitButton busy={busy} label={t('measurement.submit')} />
      </div>
    </form>
  );
}
