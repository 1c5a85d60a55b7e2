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
import { periodText } from '../components/format';
import { filled } from '../components/list-editor';
import { SubmitButton } from '../components/submit-button';
import type { FormIndicator } from '../task-types';
import { formOf, type TaskFormProps } from './form-props';

interface MeasurementForm {
  indicators: FormIndicator[];
  period: { key: string; start: string; end: string };
}

/**
 * Staff: a figure for each indicator of the period, with its evidence; for a period already due when
 * the task opened, optionally the day and number of the paper report it was made in.
 */
export function MeasurementReportForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  const form = formOf<MeasurementForm>(task);
  const indicators = form.indicators ?? [];
  const [figures, setFigures] = useDraft<Record<string, FigureDraft>>(task.id, 'figures', {});
  const [evidence, setEvidence] = useDraft<string[]>(task.id, 'evidence', ['']);
  const [files, setFiles] = useDraft<EvidenceFile[]>(task.id, 'files', []);
  const [note, setNote] = useDraft(task.id, 'note', '');
  // Only a task that opened already overdue may say its report was made on paper (docs/objectives.md).
  const paperAllowed = task.openedAfterDue === true;
  const [onPaper, setOnPaper] = useDraft(task.id, 'onPaper', false);
  const [paperDate, setPaperDate] = useDraft(task.id, 'paperDate', '');
  const [paperReference, setPaperReference] = useDraft(task.id, 'paperReference', '');
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
      // Sent as typed, empty included: the workflow names what is missing by the field.
      ...(paperAllowed && onPaper
        ? { paperReport: { date: paperDate, reference: paperReference.trim() } }
        : {}),
    });
  };
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      {form.period && (
        <p className="task-period">
          {t('measurement.period', {
            period: periodText(form.period.key, t),
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
      {paperAllowed && (
        <fieldset className="task-fieldset">
          <legend>{t('measurement.paper.legend')}</legend>
          <div className="checkbox-field">
            <input
              id={`${task.id}-on-paper`}
              type="checkbox"
              checked={onPaper}
              onChange={(event) => {
                setOnPaper(event.target.checked);
                problems.edit('paperReport');
              }}
              aria-describedby={`${task.id}-on-paper-hint`}
            />
            <label htmlFor={`${task.id}-on-paper`}>{t('measurement.paper.onPaper')}</label>
            <p id={`${task.id}-on-paper-hint`} className="field-hint">
              {t('measurement.paper.hint')}
            </p>
          </div>
          <FieldError problems={problems.exact('paperReport')} />
          {onPaper && (
            <div className="form-pair">
              <AnswerText
                label={t('measurement.paper.date')}
                hint={
                  form.period
                    ? t('measurement.paper.dateHint', { end: formatDay(form.period.end, i18n.language) })
                    : undefined
                }
                path="paperReport.date"
                problems={problems}
                value={paperDate}
                onChange={setPaperDate}
                type="date"
                min={form.period?.end}
                required
              />
              <AnswerText
                label={t('measurement.paper.reference')}
                hint={t('measurement.paper.referenceHint')}
                path="paperReport.reference"
                problems={problems}
                value={paperReference}
                onChange={setPaperReference}
                required
              />
            </div>
          )}
        </fieldset>
      )}
      <div className="actions">
        <SubmitButton busy={busy} label={t('measurement.submit')} />
      </div>
    </form>
  );
}
