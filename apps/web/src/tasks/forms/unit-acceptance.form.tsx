import { type FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../ui/dates';
import { Field, FieldError } from '../../ui/field';
import { usePeople } from '../../ui/people';
import { namesToChoose } from '../../ui/person-names';
import { SubmitButton } from '../components/submit-button';
import { useCycleObjectives } from '../components/use-cycle-objectives';
import { localized } from '../task-types';
import { formOf, type TaskFormProps } from './form-props';

interface UnitForm {
  objectiveIds: string[];
  staff: { userId: string; name: string }[];
  /** When the unit is deemed to accept if nobody answers (absent on cycles started before). */
  deemedAcceptedAt?: string;
}

/** The unit head: the unit's objectives, each optionally passed to one of the unit's staff; accept. */
export function UnitAcceptanceForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  const form = formOf<UnitForm>(task);
  const objectiveIds = form.objectiveIds ?? [];
  const people = usePeople();
  // The unit's staff the form names, by the name the organisation's people give them now.
  const staff = namesToChoose(
    people,
    (form.staff ?? []).map((person) => ({ userId: person.userId, fallback: person.name })),
  ).sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  const known = useCycleObjectives(task.cycleId, objectiveIds.length > 0);
  const [chosen, setChosen] = useDraft<Record<string, string>>(task.id, 'chosen', {});
  const titleOf = (id: string) => {
    const objective = known.find((o) => o.id === id);
    return objective
      ? `${t('objectiveNumber', { number: objective.number })}: ${localized(objective.title, i18n.language)}`
      : id;
  };
  const delegations = objectiveIds
    .filter((id) => chosen[id])
    .map((id) => ({ objectiveId: id, userId: chosen[id] }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ accepted: true, ...(delegations.length > 0 ? { staffDelegations: delegations } : {}) });
  };
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <p className="field-hint">{t('unitAcceptance.hint')}</p>
      {form.deemedAcceptedAt && (
        <p className="field-hint">
          {t('unitAcceptance.deemed', { at: formatInstant(form.deemedAcceptedAt, i18n.language) })}
        </p>
      )}
      <FieldError problems={problems.exact('staffDelegations')} />
      <ol className="task-rows">
        {objectiveIds.map((id) => {
          const index = delegations.findIndex((d) => d.objectiveId === id);
          return (
            <li key={id} className="task-row">
              <p className="task-row-title">{titleOf(id)}</p>
              <Field
                label={t('unitAcceptance.staffFor', { objective: titleOf(id) })}
                problems={index >= 0 ? problems.at(`staffDelegations[${index}]`) : []}
              >
                {({ id: controlId, describedBy, invalid }) => (
                  <select
                    id={controlId}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    value={chosen[id] ?? ''}
                    onChange={(e) => setChosen({ ...chosen, [id]: e.target.value })}
                  >
                    <option value="">{t('unitAcceptance.keep')}</option>
                    {staff.map((person) => (
                      <option key={person.userId} value={person.userId}>
                        {person.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </li>
          );
        })}
      </ol>
      {staff.length === 0 && <p className="muted">{t('unitAcceptance.noStaff')}</p>}
      <div className="actions">
        <SubmitButton busy={busy} label={t('unitAcceptance.submit')} />
      </div>
    </form>
  );
}
