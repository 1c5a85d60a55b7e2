import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AnswerText } from '../components/form-fields';
import { formatDay } from '../components/format';
import { usePeople } from '../components/people';
import { ReadableValue } from '../components/readable-value';
import { SubmitButton } from '../components/submit-button';
import { formOf, type TaskFormProps } from './form-props';

/** The ISO 9.3.2 inputs the records cannot hold, in the order of the clause (libs/domain review-preparation.ts). */
const ENTERED = [
  'changesInIssues',
  'customerSatisfaction',
  'externalProviders',
  'resources',
  'risksAndOpportunities',
] as const;
/** The compiled inputs the Quality Representative may note. */
const NOTED = [
  'previousActions',
  'objectiveResults',
  'processPerformance',
  'nonconformitiesAndCorrectiveActions',
  'monitoringResults',
  'auditResults',
  'improvementOpportunities',
] as const;
/** What the compiled preview holds besides the inputs this form asks for (placeholders, not facts). */
const NOT_PREVIEWED = new Set<string>(ENTERED);

/**
 * The Quality Representative prepares the management review: the inputs only they can give, and
 * notes on those compiled from the records, which the form shows as they stand today.
 */
export function ReviewPreparationForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  const form = formOf<{ reviewDate: string; compiled: Record<string, unknown> }>(task);
  const { nameOf } = usePeople();
  const [entered, setEntered] = useState<Record<(typeof ENTERED)[number], string>>({
    changesInIssues: '',
    customerSatisfaction: '',
    externalProviders: '',
    resources: '',
    risksAndOpportunities: '',
  });
  const [notes, setNotes] = useState<Partial<Record<(typeof NOTED)[number], string>>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const written = NOTED.filter((key) => notes[key]?.trim());
    onSubmit({
      ...Object.fromEntries(ENTERED.map((key) => [key, entered[key].trim()])),
      ...(written.length
        ? { notes: Object.fromEntries(written.map((key) => [key, notes[key]?.trim()])) }
        : {}),
    });
  };
  const compiled = form.compiled
    ? Object.fromEntries(Object.entries(form.compiled).filter(([key]) => !NOT_PREVIEWED.has(key)))
    : undefined;
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <p className="field-hint">
        {t('reviewPreparation.intro', { date: formatDay(form.reviewDate, i18n.language) })}
      </p>
      <fieldset className="task-fieldset">
        <legend>{t('reviewPreparation.entered')}</legend>
        {ENTERED.map((key) => (
          <AnswerText
            key={key}
            label={t(`reviewPreparation.${key}`)}
            path={key}
            problems={problems}
            value={entered[key]}
            onChange={(value) => setEntered({ ...entered, [key]: value })}
            multiline
            required
          />
        ))}
      </fieldset>
      {compiled && (
        <section aria-labelledby="compiled-title" className="review-inputs">
          <h3 id="compiled-title">{t('reviewPreparation.compiled')}</h3>
          <ReadableValue value={compiled} nameOf={nameOf} />
        </section>
      )}
      <fieldset className="task-fieldset">
        <legend>{t('reviewPreparation.notes')}</legend>
        {NOTED.map((key) => (
          <AnswerText
            key={key}
            label={t(`reviewPreparation.note.${key}`)}
            path={`notes.${key}`}
            problems={problems}
            value={notes[key] ?? ''}
            onChange={(value) => setNotes({ ...notes, [key]: value })}
            multiline
          />
        ))}
      </fieldset>
      <div className="actions">
        <SubmitButton busy={busy} label={t('reviewPreparation.submit')} />
      </div>
    </form>
  );
}
