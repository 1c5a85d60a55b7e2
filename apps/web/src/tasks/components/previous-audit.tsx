import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiProblem, ok } from '../../api/client';
import { useSession } from '../../auth/session';
import { StatusBadge } from '../../cycles/components/status-badge';
import { useLoad } from '../../ui/page-state';
import { useUnits } from './people';

/** The same organisation's cycle of the year before (`kontum-2024` → `kontum-2023`), if it is one. */
export function previousCycleId(cycleId: string): { id: string; year: number } | null {
  const match = /^(.+)-(\d{4})$/.exec(cycleId);
  if (!match) return null;
  const year = Number(match[2]) - 1;
  return { id: `${match[1]}-${year}`, year };
}

const FINDINGS = ['observation', 'minor-nc', 'major-nc'] as const;

/** An auditor's finding as a sentence of ours: ended by one full stop. */
const sentence = (text: string) => `${text.trim().replace(/[.;]+$/u, '')}.`;

/**
 * ISO 9001 9.2.2 a: an audit programme takes into account the results of previous audits. Beside
 * the plan's form, last year's internal audit as its records hold it: how its steps came out, and
 * each finding with the unit, process and clause, and where its corrective action stands, so that
 * the units and processes that fell short are looked at again. A session from an e-mailed task link
 * reads only its task: then nothing is shown.
 */
export function PreviousAudit({ cycleId }: { cycleId: string }) {
  const { t, i18n } = useTranslation('tasks');
  const { user } = useSession();
  const { unitName } = useUnits();
  const previous = previousCycleId(cycleId);
  const may = !!previous && !!user && user.authenticatedBy !== 'task-link';
  const { data, error, loading } = useLoad(
    () =>
      may
        ? ok(api.GET('/api/v1/cycles/{cycleId}/audit', { params: { path: { cycleId: previous.id } } }))
        : Promise.resolve(null),
    [previous?.id, may],
  );
  if (!may || loading) return null;
  const title = t('auditPlan.previous.title', { year: previous.year });
  const none = error instanceof ApiProblem && error.status === 404;
  if (!data && !none) return null; // refused or unreachable: the form stands without it
  const steps = data?.steps ?? [];
  const count = (result: string) => steps.filter((step) => step.result === result).length;
  const findings = steps.filter((step) => (FINDINGS as readonly string[]).includes(step.result ?? ''));
  return (
    <section aria-labelledby="previous-audit-title" className="previous-audit">
      <h3 id="previous-audit-title">{title}</h3>
      {!data ? (
        <p>{t('auditPlan.previous.none', { year: previous.year })}</p>
      ) : (
        <>
          <p className="field-hint">{t('auditPlan.previous.hint')}</p>
          <p>
            {data.status !== 'closed' && (
              <>
                <StatusBadge status={data.status} group="auditStatus" />{' '}
              </>
            )}
            {t('auditPlan.previous.summary', {
              steps: steps.length,
              conformity: count('conformity'),
              observation: count('observation'),
              minor: count('minor-nc'),
              major: count('major-nc'),
            })}
          </p>
          {findings.length === 0 ? (
            <p>{t('auditPlan.previous.noFindings')}</p>
          ) : (
            <ul className="previous-findings">
              {findings.map((step) => {
                const action = data.correctiveActions.find((a) => a.stepId === step.id);
                return (
                  <li key={step.id}>
                    <StatusBadge status={step.result} group="auditResult" />{' '}
                    <strong>{unitName(step.unitCode, i18n.language)}</strong>
                    {t('auditPlan.previous.where', { process: step.process, clause: step.clause })}
                    {step.finding ? `: ${sentence(step.finding)}` : '.'}
                    {step.result !== 'observation' && (
                      <>
                        {' '}
                        {t('auditPlan.previous.action')}{' '}
                        {action ? (
                          <>
                            <StatusBadge status={action.status} group="actionStatus" />
                            {action.effective !== null &&
                              `, ${action.effective ? t('auditPlan.previous.effective') : t('auditPlan.previous.notEffective')}`}
                          </>
                        ) : (
                          t('auditPlan.previous.noAction')
                        )}
                        .
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          <p>
            <Link to={`/cycles/${encodeURIComponent(previous.id)}/audit`}>
              {t('auditPlan.previous.open', { year: previous.year })}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
