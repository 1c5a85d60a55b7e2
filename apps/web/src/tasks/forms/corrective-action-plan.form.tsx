import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/field';
import { Nonconformity } from '../components/nonconformity';
import { usePeople, type Person } from '../components/people';
import type { AuditStep } from '../components/step-facts';
import { SubmitButton } from '../components/submit-button';
import { formOf, type TaskFormProps } from './form-props';

interface PlanForm {
  finding: string;
  severity: string;
  step: AuditStep;
  users?: { userId: string; name: string }[];
}

/** The unit head plans the correction: correction, root cause, action, owner and due date (ISO 10.2). */
export function CorrectiveActionPlanForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t } = useTranslation('tasks');
  const form = formOf<PlanForm>(task);
  const fromForm: Person[] = (form.users ?? []).map((u) => ({ userId: u.userId, name: u.name }));
  const { directory, me } = usePeople(fromForm);
  const unitCode = form.step?.unitCode ?? task.unitCode;
  // The form's people, else the unit's people the directory shows, and always oneself (the unit head).
  const candidates: Person[] = [
    ...fromForm,
    ...(fromForm.length === 0 ? directory.filter((p) => p.unitCode === unitCode) : []),
  ];
  if (me && !candidates.some((p) => p.userId === me.userId))
    candidates.unshift({ userId: me.userId, name: me.fullName });
  const [correction, setCorrection] = useState('');
  const [rootCause, setRootCause] = useState('');
  const [action, setAction] = useState('');
  const [ownerUserId, setOwnerUserId] = useState('');
  const [dueDate, setDueDate] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      correction: correction.trim(),
      rootCause: rootCause.trim(),
      action: action.trim(),
      ownerUserId,
      dueDate,
    });
  };
  const text = (label: string, value: string, set: (v: string) => void, path: string, hint?: string) => (
    <Field label={label} hint={hint} problems={problems.at(path)}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          aria-required="true"
          value={value}
          onChange={(e) => set(e.target.value)}
        />
      )}
    </Field>
  );
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <Nonconformity finding={form.finding} severity={form.severity} step={form.step} />
      {text(
        t('corrective.correction'),
        correction,
        setCorrection,
        'correction',
        t('corrective.correctionHint'),
      )}
      {text(t('corrective.rootCause'), rootCause, setRootCause, 'rootCause')}
      {text(t('corrective.action'), action, setAction, 'action')}
      <div className="form-pair">
        <Field
          label={t('corrective.owner')}
          hint={t('corrective.ownerHint')}
          problems={problems.at('ownerUserId')}
        >
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={ownerUserId}
              onChange={(e) => setOwnerUserId(e.target.value)}
            >
              <option value="">{t('form.choose')}</option>
              {candidates.map((person) => (
                <option key={person.userId} value={person.userId}>
                  {person.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('corrective.dueDate')} problems={problems.at('dueDate')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="date"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={dueDate}
              onChange={(e) => setDueDate(e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="actions">
        <SubmitButton busy={busy} label={t('corrective.submitPlan')} />
      </div>
    </form>
  );
}
