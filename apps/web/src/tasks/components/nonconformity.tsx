import { useTranslation } from 'react-i18next';
import { StepFacts, type AuditStep } from './step-facts';

/** The nonconformity an action answers: severity, finding, and the audit step that raised it. */
export function Nonconformity({
  finding,
  severity,
  step,
}: {
  finding?: string;
  severity?: string;
  step?: AuditStep;
}) {
  const { t } = useTranslation('tasks');
  return (
    <section className="task-quote" aria-labelledby="nc-title">
      <h3 id="nc-title">{t('corrective.nonconformity')}</h3>
      {severity && (
        <p>
          <span className="status status-danger">{t(`values.${severity}`)}</span>
        </p>
      )}
      <blockquote>{finding || <span className="muted">{t('values.empty')}</span>}</blockquote>
      <StepFacts step={step} />
    </section>
  );
}
