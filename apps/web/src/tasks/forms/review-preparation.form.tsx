import { type FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import { AnswerText } from '../components/form-fields';
import { formatDay } from '../../ui/dates';
import { usePeople } from '../components/people';
import { ReadableValue } from '../components/readable-value';
import { cycleYear } from '../../cycles/cycle-year';
import { ReviewYear } from '../../cycles/components/figures-trend';
import { SubmitButton } from '../components/submit-button';
import { formOf, type TaskFormProps } from './form-props';

/**
 * The ISO 9.3.2 inputs this form asks for (those the records cannot hold) and those it takes notes
 * on (compiled from the records), in the order of the clause: read from the answer's schema
 * (TaskDetailView.outcomeSchema, libs/domain review-preparation.ts), the one list of them.
 */
function reviewInputs(schema: unknown): { entered: string[]; noted: string[] } {
  const node = schema as
    { required?: string[]; properties?: { notes?: { properties?: Record<string, unknown> } } } | undefined;
  return { entered: node?.required ?? [], noted: Object.keys(node?.properties?.notes?.properties ?? {}) };
}

/**
 * The Quality Representative prepares the management review: the inputs only they can give, and
 * notes on those compiled from the records, which the form shows as they stand today.
 */
export function ReviewPreparationForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  const form = formOf<{ reviewDate: string; compiled: Record<string, unknown> }>(task);
  const { nameOf, people } = usePeople();
  // 9.3.2 d: among the resources, the people's competence; the directory knows the auditors'.
  const auditors = people.filter(
    (p) => p.active && p.roles.some((role) => role === 'auditor' || role === 'lead-auditor'),
  );
  const uncertified = auditors.filter((p) => !p.auditorCertificate).map((p) => p.fullName);
  const hints: Record<string, string | undefined> = {
    resources:
      auditors.length === 0
        ? undefined
        : uncertified.length === 0
          ? t('reviewPreparation.auditorsCertified', { count: auditors.length })
          : t('reviewPreparation.auditorsUncertified', {
              certified: auditors.length - uncertified.length,
              count: auditors.length,
              names: uncertified.join(', '),
            }),
  };
  const inputs = reviewInputs(task.outcomeSchema);
  const [entered, setEntered] = useDraft<Record<string, string>>(task.id, 'entered', {});
  const [notes, setNotes] = useDraft<Record<string, string>>(task.id, 'notes', {});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const written = inputs.noted.filter((key) => notes[key]?.trim());
    onSubmit({
      ...Object.fromEntries(inputs.entered.map((key) => [key, (entered[key] ?? '').trim()])),
      ...(written.length
        ? { notes: Object.fromEntries(written.map((key) => [key, notes[key]?.trim()])) }
        : {}),
    });
  };
  // What the compiled preview holds besides the inputs this form asks for (placeholders, not facts).
  const compiled = form.compiled
    ? Object.fromEntries(Object.entries(form.compiled).filter(([key]) => !inputs.entered.includes(key)))
    : undefined;
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <p className="field-hint">
        {t('reviewPreparation.intro', { date: formatDay(form.reviewDate, i18n.language) })}
      </p>
      <fieldset className="task-fieldset">
        <legend>{t('reviewPreparation.entered')}</legend>
        {inputs.entered.map((key) => (
          <AnswerText
            key={key}
            label={t(`reviewPreparation.${key}`)}
            hint={hints[key]}
            path={key}
            problems={problems}
            value={entered[key] ?? ''}
            onChange={(value) => setEntered({ ...entered, [key]: value })}
            multiline
            required
          />
        ))}
      </fieldset>
      {compiled && (
        <section aria-labelledby="compiled-title" className="review-inputs">
          <h3 id="compiled-title">{t('reviewPreparation.compiled')}</h3>
          <ReviewYear.Provider value={cycleYear(task.cycleId)}>
            <ReadableValue value={compiled} nameOf={nameOf} />
          </ReviewYear.Provider>
        </section>
      )}
      <fieldset className="task-fieldset">
        <legend>{t('reviewPreparation.notes')}</legend>
        {inputs.noted.map((key) => (
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
