import { useRef, type FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import { Field, FieldError } from '../../ui/field';
import { personName } from '../../ui/person-names';
import { CellControl } from '../components/cell-control';
import { AnswerText, CellText } from '../components/form-fields';
import { useCertificateWords } from '../../ui/auditor-certificate';
import { formatDay } from '../../ui/dates';
import { filled, ListEditor } from '../components/list-editor';
import { usePeople, useUnits } from '../components/people';
import { PreviousAudit, PreviousFindingsAt, usePreviousAudit } from '../components/previous-audit';
import { merged } from '../components/problem-book';
import { SubmitButton } from '../components/submit-button';
import { formOf, type TaskFormProps } from './form-props';
import { DateInput } from '../../ui/date-input';

interface AuditPlanForm {
  window: { from: string; to: string };
  auditors: { userId: string; unitCode?: string | null; name?: string }[];
  unitCodes: string[];
}

interface StepDraft {
  id: string;
  unitCode: string;
  process: string;
  clause: string;
  auditorUserId: string;
}

/** The lead auditor: scope, criteria, methods, dates and the steps — never an auditor on their own unit. */
export function AuditPlanForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  const form = formOf<AuditPlanForm>(task);
  const unitCodes = form.unitCodes ?? [];
  const { unitName } = useUnits();
  const { people } = usePeople();
  const nameOfAuditor = (auditor: AuditPlanForm['auditors'][number]) =>
    personName(people, auditor.userId, { title: false, fallback: auditor.name });
  // The form's auditors, their unit from the form, else from the organisation's people.
  const auditors = (form.auditors ?? [])
    .map((a) => ({
      ...a,
      unitCode: a.unitCode || people.find((p) => p.userId === a.userId)?.unitCode || null,
    }))
    .sort((a, b) => nameOfAuditor(a).localeCompare(nameOfAuditor(b), i18n.language));
  const next = useRef(1);
  /** A step with an id none of `taken` has: a draft given back after a reload holds s1, s2, … already. */
  const newStep = (taken: StepDraft[] = [], facts: Partial<StepDraft> = {}): StepDraft => {
    let id = `s${next.current++}`;
    while (taken.some((step) => step.id === id)) id = `s${next.current++}`;
    return { id, unitCode: '', process: '', clause: '', auditorUserId: '', ...facts };
  };
  const [scope, setScope] = useDraft(task.id, 'scope', '');
  const [criteria, setCriteria] = useDraft<string[]>(task.id, 'criteria', ['TCVN ISO 9001:2015']);
  const [methods, setMethods] = useDraft(task.id, 'methods', '');
  const [from, setFrom] = useDraft(task.id, 'from', form.window?.from ?? '');
  const [to, setTo] = useDraft(task.id, 'to', form.window?.to ?? '');
  const [steps, setSteps] = useDraft<StepDraft[]>(task.id, 'steps', () => [newStep()]);
  const addStep = useRef<HTMLButtonElement>(null);
  const previousAudit = usePreviousAudit(task.cycleId);
  /**
   * ISO 9.2.2 a: last year's findings not yet planned become steps of this plan, their unit, process
   * and clause as last year's; the auditor is chosen here (never one of the unit). A step left empty
   * gives its place to them.
   */
  const planAgain = (findings: { unitCode: string; process: string; clause: string }[]) => {
    const kept = steps.filter((s) => s.unitCode || s.process.trim() || s.clause.trim() || s.auditorUserId);
    const added: StepDraft[] = [];
    for (const { unitCode, process, clause } of findings)
      added.push(newStep([...kept, ...added], { unitCode, process, clause }));
    setSteps([...kept, ...added]);
    problems.edit('steps');
  };

  /**
   * ISO 9001 7.2: the internal-auditor certificate the directory has for an auditor; null when it has
   * none, undefined when the people list is not known here (a task-link session): then nothing is said.
   */
  const certificateWords = useCertificateWords();
  const certificateOf = (userId: string) => {
    const person = people.find((p) => p.userId === userId);
    return person ? (person.auditorCertificate ?? null) : undefined;
  };
  const auditorLabel = (auditor: AuditPlanForm['auditors'][number]) => {
    const name = nameOfAuditor(auditor);
    const unit = auditor.unitCode ? unitName(auditor.unitCode, i18n.language) : '';
    const label = unit ? `${name} — ${unit}` : name;
    return certificateOf(auditor.userId) === null ? `${label} (${t('auditPlan.noCertificate')})` : label;
  };
  const uncertified = auditors.filter((a) => certificateOf(a.userId) === null);
  /** ISO 9.2.2 c: an auditor never audits their own unit, so they are not offered for it. */
  const auditorsFor = (unitCode: string) =>
    auditors.filter((a) => !unitCode || !a.unitCode || a.unitCode !== unitCode);

  const change = (index: number, patch: Partial<StepDraft>) => {
    for (const field of Object.keys(patch)) problems.edit(`steps[${index}].${field}`);
    setSteps(
      steps.map((step, i) => {
        if (i !== index) return step;
        const changed = { ...step, ...patch };
        if (
          patch.unitCode !== undefined &&
          !auditorsFor(changed.unitCode).some((a) => a.userId === changed.auditorUserId)
        )
          changed.auditorUserId = '';
        return changed;
      }),
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      scope: scope.trim(),
      criteria: filled(criteria),
      methods: methods.trim(),
      from,
      to,
      steps: steps.map((s) => ({
        ...s,
        process: s.process.trim(),
        clause: s.clause.trim(),
        // An auditor found (once the names came) to be of the step's unit is not kept.
        auditorUserId: auditorsFor(s.unitCode).some((a) => a.userId === s.auditorUserId)
          ? s.auditorUserId
          : '',
      })),
    });
  };

  /** The units the plan does not audit yet: the programme is to cover the system's whole scope. */
  const unplannedUnits = unitCodes.filter((code) => !steps.some((step) => step.unitCode === code));

  const windowHint = form.window
    ? t('auditPlan.window', {
        from: formatDay(form.window.from, i18n.language),
        to: formatDay(form.window.to, i18n.language),
      })
    : undefined;

  return (
    <form className="task-form" onSubmit={submit} noValidate>
      <AnswerText
        label={t('auditPlan.scope')}
        path="scope"
        problems={problems}
        value={scope}
        onChange={setScope}
        multiline
      />
      <ListEditor
        legend={t('auditPlan.criteria')}
        itemLabel={(index) => t('auditPlan.criterion', { number: index + 1 })}
        addLabel={t('auditPlan.addCriterion')}
        values={criteria}
        onChange={(values) => {
          setCriteria(values);
          problems.edit('criteria');
        }}
        problems={problems.exact('criteria')}
        problemsAt={(index) => problems.at(`criteria[${index}]`)}
      />
      <AnswerText
        label={t('auditPlan.methods')}
        hint={t('auditPlan.methodsHint')}
        path="methods"
        problems={problems}
        value={methods}
        onChange={setMethods}
        multiline
      />
      <div className="form-pair">
        <Field label={t('auditPlan.from')} hint={windowHint} problems={problems.at('from')}>
          {({ id, describedBy, invalid }) => (
            <DateInput
              id={id}
              min={form.window?.from}
              max={form.window?.to}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={from}
              onChange={(day) => {
                setFrom(day);
                problems.edit('from');
              }}
            />
          )}
        </Field>
        <AnswerText
          label={t('auditPlan.to')}
          path="to"
          problems={problems}
          type="date"
          min={form.window?.from}
          max={form.window?.to}
          value={to}
          onChange={setTo}
        />
      </div>

      <PreviousAudit state={previousAudit} units={unitCodes} steps={steps} onPlanAgain={planAgain} />

      {people.length > 0 && auditors.length > 0 && (
        <section aria-labelledby="audit-team-title" className="audit-team">
          <h3 id="audit-team-title">{t('auditPlan.team')}</h3>
          <ul>
            {auditors.map((auditor) => {
              const held = certificateOf(auditor.userId);
              return (
                <li key={auditor.userId}>
                  <strong>{nameOfAuditor(auditor)}</strong>
                  {held === undefined ? null : held ? (
                    `: ${certificateWords(held)}`
                  ) : (
                    <>
                      {': '}
                      <span className="badge badge-warn">{t('auditPlan.noCertificate')}</span>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
          {uncertified.length > 0 && (
            <p className="field-hint">
              {t('auditPlan.noCertificateHint', {
                count: uncertified.length,
                names: uncertified.map(nameOfAuditor).join(', '),
              })}
            </p>
          )}
        </section>
      )}

      <fieldset className="task-fieldset">
        <legend>{t('auditPlan.steps')}</legend>
        <p className="field-hint">{t('auditPlan.stepsHint')}</p>
        <FieldError problems={problems.exact('steps')} />
        <div className="table-scroll">
          {/* On a phone each step a card of its labelled fields, rather than fields cut off at the edge. */}
          <table className="steps-table stacked-table">
            <thead>
              <tr>
                <th scope="col" className="step-col-number">
                  #
                </th>
                <th scope="col" className="step-col-unit">
                  {t('auditPlan.unit')}
                </th>
                <th scope="col">{t('auditPlan.process')}</th>
                <th scope="col" className="step-col-clause">
                  {t('auditPlan.clause')}
                </th>
                <th scope="col" className="step-col-auditor">
                  {t('auditPlan.auditor')}
                </th>
                <th scope="col" className="step-col-remove">
                  <span className="visually-hidden">{t('list.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {steps.map((step, index) => {
                const at = (field: string) => problems.at(`steps[${index}].${field}`);
                const n = index + 1;
                return (
                  <tr key={step.id} data-testid={`step-row-${n}`}>
                    <th scope="row">
                      {/* On a desk the number under the column's head "#"; on a phone, where the
                          heads are not shown, the card's heading "Bước 1" in its place. */}
                      <span className="step-number" aria-hidden="true">
                        {n}
                      </span>
                      <span className="step-heading visually-hidden">
                        {t('auditPlan.step', { number: n })}
                      </span>
                      <FieldError problems={problems.exact(`steps[${index}]`)} />
                    </th>
                    <td data-label={t('auditPlan.unit')}>
                      <CellControl
                        hideLabel
                        label={t('auditPlan.unitOf', { number: n })}
                        problems={at('unitCode')}
                      >
                        {({ id, describedBy, invalid }) => (
                          <select
                            id={id}
                            aria-describedby={describedBy}
                            aria-invalid={invalid || undefined}
                            value={step.unitCode}
                            onChange={(e) => change(index, { unitCode: e.target.value })}
                          >
                            <option value="">{t('form.choose')}</option>
                            {unitCodes.map((code) => (
                              <option key={code} value={code}>
                                {unitName(code, i18n.language)}
                              </option>
                            ))}
                          </select>
                        )}
                      </CellControl>
                      <PreviousFindingsAt state={previousAudit} unitCode={step.unitCode} />
                    </td>
                    <td data-label={t('auditPlan.process')}>
                      <CellText
                        label={t('auditPlan.processOf', { number: n })}
                        problems={at('process')}
                        value={step.process}
                        onChange={(process) => change(index, { process })}
                      />
                    </td>
                    <td data-label={t('auditPlan.clause')}>
                      <CellText
                        label={t('auditPlan.clauseOf', { number: n })}
                        problems={at('clause')}
                        className="input-short"
                        placeholder="8.5.1"
                        value={step.clause}
                        onChange={(clause) => change(index, { clause })}
                      />
                    </td>
                    <td data-label={t('auditPlan.auditor')}>
                      <CellControl
                        hideLabel
                        label={t('auditPlan.auditorOf', { number: n })}
                        problems={merged(at('auditorUserId'), at('id'))}
                      >
                        {({ id, describedBy, invalid }) => (
                          <select
                            id={id}
                            aria-describedby={describedBy}
                            aria-invalid={invalid || undefined}
                            value={
                              auditorsFor(step.unitCode).some((a) => a.userId === step.auditorUserId)
                                ? step.auditorUserId
                                : ''
                            }
                            onChange={(e) => change(index, { auditorUserId: e.target.value })}
                          >
                            <option value="">{t('form.choose')}</option>
                            {auditorsFor(step.unitCode).map((auditor) => (
                              <option key={auditor.userId} value={auditor.userId}>
                                {auditorLabel(auditor)}
                              </option>
                            ))}
                          </select>
                        )}
                      </CellControl>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button-quiet"
                        onClick={() => {
                          setSteps(steps.filter((_, i) => i !== index));
                          // The button goes with its step: focus goes on to "add a step", not to the page's top.
                          requestAnimationFrame(() => addStep.current?.focus());
                        }}
                        disabled={steps.length === 1}
                      >
                        {t('list.remove')}
                        <span className="visually-hidden"> {t('auditPlan.stepN', { number: n })}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="field-hint" data-testid="audit-coverage">
          {unplannedUnits.length > 0
            ? t('auditPlan.unitsNotPlanned', {
                count: unplannedUnits.length,
                names: unplannedUnits.map((code) => unitName(code, i18n.language)).join(', '),
              })
            : t('auditPlan.allUnitsPlanned', { count: unitCodes.length })}
        </p>
        <button
          ref={addStep}
          type="button"
          className="button"
          onClick={() => setSteps([...steps, newStep(steps)])}
        >
          {t('auditPlan.addStep')}
        </button>
      </fieldset>
      <div className="actions">
        <SubmitButton busy={busy} label={t('auditPlan.submit')} />
      </div>
    </form>
  );
}
