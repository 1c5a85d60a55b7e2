import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../api/client';
import { Field } from '../../ui/field';
import type { PersonView } from '../../ui/people';
import { useUnits } from './people';

/**
 * Whom to give a task (or all of someone's tasks) to: a labelled select of `candidates`, by unit (the
 * units' order, then those of no unit), then by name, each with their title. The callers decide who
 * is a candidate (`reassignCandidates`); the workflow decides in the end.
 */
export function PersonPicker({
  candidates,
  value,
  disabled,
  label,
  hint,
  problems,
  onChange,
}: {
  candidates: readonly PersonView[];
  value: string;
  disabled: boolean;
  label: ReactNode;
  hint?: ReactNode;
  problems?: FieldProblem[];
  onChange: (userId: string) => void;
}) {
  const { t, i18n } = useTranslation('tasks');
  const { units, unitName } = useUnits();
  const groups = [...units.map((u) => u.code), null]
    .map((code) => ({
      code,
      people: candidates
        .filter(
          (p) =>
            (p.unitCode ?? null) === code || (code === null && !units.some((u) => u.code === p.unitCode)),
        )
        .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi')),
    }))
    .filter((group) => group.people.length > 0);
  return (
    <Field label={label} hint={hint} problems={problems}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        >
          <option value="">{t('reassign.choose')}</option>
          {groups.map((group) => (
            <optgroup
              key={group.code ?? '-'}
              label={group.code ? unitName(group.code, i18n.language) : t('reassign.noUnit')}
            >
              {group.people.map((person) => (
                <option key={person.userId} value={person.userId}>
                  {person.title ? `${person.fullName} — ${person.title}` : person.fullName}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </Field>
  );
}
