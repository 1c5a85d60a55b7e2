import { type FormEvent } from 'react';
import { useDraft } from '../../ui/draft';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/field';
import { usePeople, useUnits } from '../components/people';
import type { AuditStep } from '../components/step-facts';
import { SubmitButton } from '../components/submit-button';
import { formOf, type TaskFormProps } from './form-props';

/** The lead auditor closes the audit: every step and its result, then the report. */
export function AuditCloseForm({ task, problems, busy, onSubmit }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  // A report returned by its approver comes back with their comments and the text to revise.
  const form = formOf<{ steps: AuditStep[]; round: number; comments: string; report: string }>(task);
  const steps = form.steps ?? [];
  const { unitName } = useUnits();
  const { nameOf } = usePeople();
  const [report, setReport] = useDraft(task.id, 'report', form.report ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ report: report.trim() });
  };
  return (
    <form className="task-form" onSubmit={submit} noValidate>
      {form.round !== undefined && <p className="muted">{t('auditClose.round', { round: form.round })}</p>}
      {form.comments && (
        <section aria-labelledby="audit-close-comments">
          <h3 id="audit-close-comments">{t('auditClose.comments')}</h3>
          <p style={{ whiteSpace: 'pre-wrap' }}>{form.comments}</p>
        </section>
      )}
      <h3>{t('auditClose.steps')}</h3>
      {steps.length === 0 ? (
        <p className="muted">{t('values.none')}</p>
      ) : (
        <div className="table-scroll">
          {/* On a phone each step a card: its unit, then its process, clause, auditor and result. */}
          <table className="stacked-table">
            <thead>
              <tr>
                <th scope="col">{t('auditPlan.unit')}</th>
                <th scope="col">{t('auditPlan.process')}</th>
                <th scope="col">{t('auditPlan.clause')}</th>
                <th scope="col">{t('auditPlan.auditor')}</th>
                <th scope="col">{t('auditStep.result')}</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((step) => (
                <tr key={step.id}>
                  <td>{unitName(step.unitCode, i18n.language)}</td>
                  <td data-label={t('auditPlan.process')}>{step.process}</td>
                  <td data-label={t('auditPlan.clause')}>{step.clause}</td>
                  <td data-label={t('auditPlan.auditor')}>{nameOf(step.auditorUserId)}</td>
                  <td data-label={t('auditStep.result')}>
                    {step.result ? (
                      <span
                        className={`status ${step.result.endsWith('-nc') ? 'status-danger' : 'status-ok'}`}
                      >
                        {t(`values.${step.result}`)}
                      </span>
                    ) : (
                      <span className="status status-warn">{t('auditClose.notSigned')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Field
        label={t('auditClose.report')}
        hint={t('auditClose.reportHint')}
        problems={problems.at('report')}
      >
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            className="textarea-tall"
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required="true"
            value={report}
            onChange={(e) => {
              setReport(e.target.value);
              problems.edit('report');
            }}
          />
        )}
      </Field>
      <div className="actions">
        <SubmitButton busy={busy} label={t('auditClose.submit')} />
      </div>
    </form>
  );
}
