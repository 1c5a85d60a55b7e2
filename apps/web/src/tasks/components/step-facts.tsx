import { useTranslation } from 'react-i18next';
import { useUnits } from './people';

export interface AuditStep {
  id: string;
  unitCode: string;
  process: string;
  clause: string;
  auditorUserId?: string;
  result?: string;
}

/** One audit step: the unit, the process and the ISO clause. */
export function StepFacts({ step }: { step: Partial<AuditStep> | undefined }) {
  const { t, i18n } = useTranslation('tasks');
  const { unitName } = useUnits();
  if (!step) return null;
  return (
    <dl className="task-facts">
      <div>
        <dt>{t('auditPlan.unit')}</dt>
        <dd>{unitName(step.unitCode, i18n.language)}</dd>
      </div>
      <div>
        <dt>{t('auditPlan.process')}</dt>
        <dd>{step.process}</dd>
      </div>
      <div>
        <dt>{t('auditPlan.clause')}</dt>
        <dd>{step.clause}</dd>
      </div>
    </dl>
  );
}
