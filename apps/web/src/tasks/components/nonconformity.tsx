import { useTranslation } from 'react-i18next';
import { StepFacts, type AuditStep } from './step-facts';

/**
 * The nonconformity an action answers: severity, finding, and the audit step that raised it, or its
 * source when it did not come from the audit (a missed objective, a complaint…).
 */
export function Nonconformity({
  finding,
  severity,
  step,
  source,
}: {
  finding?: string;
  severity?: string;
  step?: AuditStep;
  source?: string;
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
      {source && (
        <p>
          {t('corrective.source')}: {t(`corrective.sources.${source}`, { defaultValue: source })}
        </p>
      )}
      <blockquote>{finding || <span className="muted">{t('values.empty')}</span>}</blockquote>
      <StepFacts step={step} />
    </section>
  );
}
