import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, ApiProblem, ok } from '../api/client';
import { ErrorNotice, useLoad } from '../ui/page-state';
import { CycleNav, cycleYear } from './components/cycle-nav';
import { useDirectoryNames } from './components/directory-names';
import { useFormat, type Schemas } from './components/format';
import { StatusBadge } from './components/status-badge';
import './cycles.css';

type AuditStep = Schemas['AuditStepView'];

interface AuditPlan {
  scope?: string;
  criteria?: string[];
  methods?: string;
  from?: string;
  to?: string;
  steps?: { id: string; unitCode: string; process: string; clause: string; auditorUserId: string }[];
}

/** The internal audit (ISO 9.2): the plan, a checklist per unit, findings and corrective actions. */
export default function CycleAuditPage() {
  const { cycleId = '' } = useParams();
  const { t } = useTranslation('cycles');
  const format = useFormat();
  const names = useDirectoryNames();
  const { data, error, loading } = useLoad(
    () => ok(api.GET('/api/v1/cycles/{cycleId}/audit', { params: { path: { cycleId } } })),
    [cycleId],
  );

  const heading = (
    <>
      <CycleNav cycleId={cycleId} />
      <h1>{t('audit.title', { year: cycleYear(cycleId) })}</h1>
    </>
  );
  if (loading && !data)
    return (
      <div className="cycle-page">
        {heading}
        <p className="loading">{t('loading')}</p>
      </div>
    );
  if (error instanceof ApiProblem && error.status === 404)
    return (
      <div className="cycle-page">
        {heading}
        <div className="notice" role="status">
          <p>
            <strong>{t('audit.notPlanned')}</strong>
          </p>
          <p>{t('audit.notPlannedHint')}</p>
        </div>
      </div>
    );
  if (error || !data)
    return (
      <div className="cycle-page">
        {heading}
        <ErrorNotice error={error} />
      </div>
    );

  const plan = (data.plan ?? {}) as AuditPlan;
  const byUnit = new Map<string, AuditStep[]>();
  for (const step of data.steps) byUnit.set(step.unitCode, [...(byUnit.get(step.unitCode) ?? []), step]);
  const signed = data.steps.filter((s) => s.signedOffAt).length;

  return (
    <div className="cycle-page">
      {heading}
      <dl className="facts">
        <div>
          <dt>{t('audit.status')}</dt>
          <dd>
            <StatusBadge status={data.status} group="auditStatus" />
          </dd>
        </div>
        <div>
          <dt>{t('audit.leadAuditor')}</dt>
          <dd>{names.person(data.leadAuditorUserId)}</dd>
        </div>
        <div>
          <dt>{t('audit.progress')}</dt>
          <dd>
            {t('audit.progressValue', {
              signed: format.number(signed),
              total: format.number(data.steps.length),
            })}
          </dd>
        </div>
        {data.closedAt && (
          <div>
            <dt>{t('audit.closedAt')}</dt>
            <dd>{format.dateTime(data.closedAt)}</dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="plan-heading" className="card">
        <h2 id="plan-heading">{t('audit.plan')}</h2>
        {data.plan ? (
          <dl className="plan">
            <dt>{t('audit.scope')}</dt>
            <dd>{plan.scope ?? '—'}</dd>
            <dt>{t('audit.criteria')}</dt>
            <dd>
              {plan.criteria?.length ? (
                <ul>
                  {plan.criteria.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              ) : (
                '—'
              )}
            </dd>
            <dt>{t('audit.methods')}</dt>
            <dd>{plan.methods ?? '—'}</dd>
            <dt>{t('audit.dates')}</dt>
            <dd>{t('audit.dateRange', { from: format.date(plan.from), to: format.date(plan.to) })}</dd>
            <dt>{t('audit.team')}</dt>
            <dd>
              <ul>
                <li>
                  {names.person(data.leadAuditorUserId)} — {t('audit.leadRole')}
                </li>
                {[...new Set(data.steps.map((s) => s.auditorUserId))]
                  .filter((id) => id !== data.leadAuditorUserId)
                  .map((id) => (
                    <li key={id}>{names.person(id)}</li>
                  ))}
              </ul>
            </dd>
          </dl>
        ) : (
          <p className="notice">{t('audit.planPending')}</p>
        )}
      </section>

      <section aria-labelledby="checklist-heading">
        <h2 id="checklist-heading">{t('audit.checklist')}</h2>
        {data.steps.length === 0 && <p className="notice">{t('audit.noSteps')}</p>}
        {[...byUnit.entries()].map(([unit, steps]) => (
          <div key={unit} className="audit-unit">
            <h3>{names.unit(unit)}</h3>
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.process')}</th>
                    <th scope="col">{t('audit.clause')}</th>
                    <th scope="col">{t('audit.auditor')}</th>
                    <th scope="col">{t('audit.result')}</th>
                    <th scope="col">{t('audit.finding')}</th>
                  </tr>
                </thead>
                <tbody>
                  {steps.map((step) => (
                    <tr key={step.id}>
                      <td>{step.process}</td>
                      <td>{step.clause}</td>
                      <td>{names.person(step.auditorUserId)}</td>
                      <td>
                        {step.signedOffAt ? (
                          <>
                            <StatusBadge status={step.result} group="auditResult" />
                            <br />
                            <span className="muted small">
                              {t('audit.signedOff', { date: format.dateTime(step.signedOffAt) })}
                            </span>
                          </>
                        ) : (
                          <StatusBadge status="pending" group="auditResult" />
                        )}
                      </td>
                      <td>
                        {step.finding ?? '—'}
                        {step.evidence?.length ? (
                          <p className="muted small">
                            {t('audit.evidence')}: {step.evidence.join('; ')}
                          </p>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </section>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t('audit.correctiveActions')}</h2>
        {data.correctiveActions.length === 0 ? (
          <p className="notice">{t('audit.noActions')}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audit.unit')}</th>
                  <th scope="col">{t('audit.severity')}</th>
                  <th scope="col">{t('audit.finding')}</th>
                  <th scope="col">{t('audit.actionPlan')}</th>
                  <th scope="col">{t('audit.due')}</th>
                  <th scope="col">{t('audit.actionStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {data.correctiveActions.map((action) => (
                  <tr key={action.id}>
                    <td>{names.unit(action.unitCode)}</td>
                    <td>
                      <StatusBadge status={action.severity} group="auditResult" />
                    </td>
                    <td>{action.finding}</td>
                    <td>
                      {action.correction || action.rootCause || action.action ? (
                        <dl className="compact">
                          <dt>{t('audit.correction')}</dt>
                          <dd>{action.correction ?? '—'}</dd>
                          <dt>{t('audit.rootCause')}</dt>
                          <dd>{action.rootCause ?? '—'}</dd>
                          <dt>{t('audit.action')}</dt>
                          <dd>{action.action ?? '—'}</dd>
                        </dl>
                      ) : (
                        <span className="muted">{t('audit.notPlannedYet')}</span>
                      )}
                    </td>
                    <td>{format.date(action.dueDate)}</td>
                    <td>
                      <StatusBadge status={action.status} group="actionStatus" />
                      {action.effective !== null && (
                        <p className="small">
                          {action.effective ? t('audit.effective') : t('audit.notEffective')}
                        </p>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {data.report && (
        <section aria-labelledby="report-heading" className="card">
          <h2 id="report-heading">{t('audit.report')}</h2>
          <p className="prewrap">{data.report}</p>
        </section>
      )}
    </div>
  );
}
