import { useId, type FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/field';
import type { EvidenceFile } from '../../ui/evidence';
import { EvidenceEditor, evidenceReferences } from '../components/evidence-upload';
import { AnswerText } from '../components/form-fields';
import { Nonconformity } from '../components/nonconformity';
import { usePeople, type Person } from '../components/people';
import type { AuditStep } from '../components/step-facts';
import { ReadableValue } from '../components/readable-value';
import { SubmitButton } from '../components/submit-button';
import { formOf, type TaskFormProps } from './form-props';

interface PlanForm {
  finding: string;
  severity: string;
  /** Absent for a nonconformity not from the audit, which says its source instead. */
  step?: AuditStep;
  source?: string;
  users?: { userId: string; name: string }[];
  /** The round its verifier found not effective, when this is a later round's plan. */
  previousRound?: {
    round: number;
    plan: Record<string, unknown>;
    verification: { notes: string; evidence?: string[] };
  };
}

/** The unit head plans the correction: correction, root cause, action, owner and due date (ISO 10.2). */
export function CorrectiveActionPlanForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  const form = formOf<PlanForm>(task);
  const fromForm: Person[] = (form.users ?? []).map((u) => ({ userId: u.userId, name: u.name }));
  const { directory, me, nameOf } = usePeople(fromForm);
  const unitCode = form.step?.unitCode ?? task.unitCode;
  const byName = (a: Person, b: Person) => a.name.localeCompare(b.name, i18n.language);
  // The people of the nonconformity's unit (oneself, the unit head, among them): the workflow takes
  // no one else as the action's owner. A task-link session knows only the form's people and itself.
  const known = new Map<string, Person>();
  for (const person of [...directory, ...fromForm])
    if (!known.has(person.userId)) known.set(person.userId, person);
  if (me && !known.has(me.userId))
    known.set(me.userId, { userId: me.userId, name: me.fullName, unitCode: me.unitCode });
  const everyone = [...known.values()];
  const ofUnit = everyone.filter((p) => directory.length === 0 || p.unitCode === unitCode).sort(byName);
  const option = (person: Person) => (
    <option key={person.userId} value={person.userId}>
      {person.title ? `${person.name} (${person.title})` : person.name}
    </option>
  );
  const [correction, setCorrection] = useDraft(task.id, 'correction', '');
  const [rootCause, setRootCause] = useDraft(task.id, 'rootCause', '');
  const [action, setAction] = useDraft(task.id, 'action', '');
  const [ownerUserId, setOwnerUserId] = useDraft(task.id, 'ownerUserId', '');
  const [dueDate, setDueDate] = useDraft(task.id, 'dueDate', '');
  const [files, setFiles] = useDraft<EvidenceFile[]>(task.id, 'files', []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      correction: correction.trim(),
      rootCause: rootCause.trim(),
      action: action.trim(),
      ownerUserId,
      dueDate,
      ...(files.length > 0 ? { evidence: evidenceReferences(files) } : {}),
    });
  };
  const text = (label: string, value: string, set: (v: string) => void, path: string, hint?: string) => (
    <AnswerText
      label={label}
      hint={hint}
      path={path}
      problems={problems}
      value={value}
      onChange={set}
      multiline
      required
    />
  );
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <Nonconformity finding={form.finding} severity={form.severity} step={form.step} source={form.source} />
      {form.previousRound && (
        <PreviousRound
          previous={form.previousRound}
          nameOf={nameOf}
          // What still holds of the last plan is not typed again: its words and owner, to amend here.
          onReuse={(plan) => {
            const said = (key: string) => (typeof plan[key] === 'string' ? (plan[key] as string) : '');
            setCorrection(said('correction'));
            setRootCause(said('rootCause'));
            setAction(said('action'));
            if (ofUnit.some((person) => person.userId === said('ownerUserId')))
              setOwnerUserId(said('ownerUserId'));
          }}
        />
      )}
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
              onChange={(e) => {
                setOwnerUserId(e.target.value);
                problems.edit('ownerUserId');
              }}
            >
              <option value="">{t('form.choose')}</option>
              {ofUnit.map(option)}
            </select>
          )}
        </Field>
        <AnswerText
          label={t('corrective.dueDate')}
          path="dueDate"
          problems={problems}
          value={dueDate}
          onChange={setDueDate}
          type="date"
        />
      </div>
      <EvidenceEditor
        task={task}
        recordType="corrective-action"
        recordKey={task.workflowId}
        legend={t('evidence.legend')}
        hint={t('evidence.correctiveHint')}
        problems={problems}
        files={files}
        onFiles={setFiles}
      />
      <div className="actions">
        <SubmitButton busy={busy} label={t('corrective.submitPlan')} />
      </div>
    </form>
  );
}

/**
 * A later round's plan starts from the last one: what was tried, and why its verifier found it not
 * effective (their notes and what they checked), so that the new plan answers that (ISO 10.2.1 c–d).
 */
function PreviousRound({
  previous,
  nameOf,
  onReuse,
}: {
  previous: NonNullable<PlanForm['previousRound']>;
  nameOf: (userId: string) => string;
  onReuse: (plan: Record<string, unknown>) => void;
}) {
  const { t } = useTranslation('tasks');
  const titleId = `${useId()}-previous`;
  const { notes, evidence } = previous.verification;
  return (
    <section aria-labelledby={titleId} className="previous-round">
      <h3 id={titleId}>{t('corrective.previousRound', { round: previous.round })}</h3>
      <ReadableValue value={{ notes, ...(evidence?.length ? { evidence } : {}) }} nameOf={nameOf} />
      <details>
        <summary>{t('corrective.previousPlan', { round: previous.round })}</summary>
        <ReadableValue value={previous.plan} nameOf={nameOf} />
      </details>
      <button type="button" className="button" onClick={() => onReuse(previous.plan)}>
        {t('corrective.reusePlan', { round: previous.round })}
      </button>
    </section>
  );
}
