import { type FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import { Field, FieldError } from '../../ui/field';
import { useUnits } from '../components/people';
import { SubmitButton } from '../components/submit-button';
import { localized, type Localized } from '../task-types';
import { formOf, type TaskFormProps } from './form-props';

interface AssignmentForm {
  objectives: { id: string; number: number; title: Localized; proposedUnitCode?: string }[];
  units?: { code: string; name?: Localized }[];
}

/** The Chief of Office: each objective measured by people goes to one unit; then accept. */
export function AssignmentAcceptanceForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  const form = formOf<AssignmentForm>(task);
  const objectives = [...(form.objectives ?? [])].sort((a, b) => a.number - b.number);
  const { units: directory } = useUnits();
  const units =
    form.units && form.units.length > 0
      ? form.units.map((u) => ({ code: u.code, name: u.name ?? { vi: u.code, en: u.code } }))
      : directory;
  const [chosen, setChosen] = useDraft<Record<string, string>>(task.id, 'chosen', () =>
    Object.fromEntries(objectives.map((o) => [o.id, o.proposedUnitCode ?? ''])),
  );
  const nameOf = (code: string) => {
    const unit = units.find((u) => u.code === code);
    return unit ? localized(unit.name, i18n.language) : code;
  };
  // The proposed unit is offered even when the directory cannot be read (a task-link session).
  const optionsFor = (proposed?: string) => {
    const list = units.map((u) => ({ code: u.code, label: localized(u.name, i18n.language) }));
    if (proposed && !list.some((u) => u.code === proposed)) list.unshift({ code: proposed, label: proposed });
    return list;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      accepted: true,
      delegations: objectives.map((o) => ({ objectiveId: o.id, unitCode: chosen[o.id] ?? '' })),
    });
  };
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <p className="field-hint">{t('assignment.hint')}</p>
      <FieldError problems={problems.exact('delegations')} />
      <ol className="task-rows">
        {objectives.map((objective, index) => (
          <li key={objective.id} className="task-row">
            <p className="task-row-title">
              {t('objectiveNumber', { number: objective.number })}:{' '}
              {localized(objective.title, i18n.language)}
            </p>
            <Field
              label={t('assignment.unitFor', { number: objective.number })}
              hint={
                objective.proposedUnitCode
                  ? t('assignment.proposed', { unit: nameOf(objective.proposedUnitCode) })
                  : undefined
              }
              problems={problems.at(`delegations[${index}]`)}
            >
              {({ id, describedBy, invalid }) => (
                <select
                  id={id}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  value={chosen[objective.id] ?? ''}
                  onChange={(e) => setChosen({ ...chosen, [objective.id]: e.target.value })}
                >
                  <option value="">{t('form.choose')}</option>
                  {optionsFor(objective.proposedUnitCode).map((u) => (
                    <option key={u.code} value={u.code}>
                      {u.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </li>
        ))}
      </ol>
      <FieldError problems={problems.at('accepted')} />
      <div className="actions">
        <SubmitButton busy={busy} label={t('assignment.submit')} />
      </div>
    </form>
  );
}
