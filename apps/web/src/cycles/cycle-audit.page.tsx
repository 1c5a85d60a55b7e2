import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, ApiProblem, ok, taskPath } from '../api/client';
import { hasRole, useSession } from '../auth/session';
import { EvidenceNamesProvider } from '../ui/evidence';
import { ErrorNotice, useLoad } from '../ui/page-state';
import { CorrectiveActionRecord } from './components/corrective-action-record';
import { RecordHistoryLink, UnitFilesLink } from './components/record-history-link';
import { CycleNav } from './components/cycle-nav';
import { cycleYear } from './cycle-year';
import { useDirectoryNames, type DirectoryNames } from './components/directory-names';
import { useFormat, type Schemas } from './components/format';
import { DataTable, EvidenceList, Fact, PendingNotice, ReadableList } from './components/page-parts';
import { StatusBadge } from './components/status-badge';
import { UrgeTask } from './components/urge-task';
import { usePageTitle } from '../ui/page-title';
import { usePeople } from '../ui/people';
import { useCertificateWords } from '../ui/auditor-certificate';
import { PreviousFindingsFollowUp, ReauditMark, usePreviousAudit } from '../tasks/components/previous-audit';
import './cycles.css';

type AuditStep = Schemas['AuditStepView'];
type AuditStepTask = Schemas['AuditStepTaskView'];

interface AuditPlan {
  scope?: string;
  criteria?: string[];
  methods?: string;
  from?: string;
  to?: string;
  steps?: { id: string; unitCode: string; process: string; clause: string; auditorUserId: string }[];
}

/**
 * Who the API lets open an audit step's task (GET /tasks/{id}) whatever their unit: the audit team,
 * those who oversee the year, the certification body's auditor.
 */
const STEP_TASK_READERS = [
  'auditor',
  'lead-auditor',
  'quality-representative',
  'leader',
  'external-auditor',
] as const;

/** The internal audit (ISO 9.2): the plan, a checklist per unit, findings and corrective actions. */
export default function CycleAuditPage() {
  const { cycleId = '' } = useParams();
  const { t } = useTranslation('cycles');
  usePageTitle(t('audit.title', { year: cycleYear(cycleId) }));
  const format = useFormat();
  const names = useDirectoryNames();
  const { data, error, loading } = useLoad(
    () => ok(api.GET('/api/v1/cycles/{cycleId}/audit', { params: { path: { cycleId } } })),
    [cycleId],
  );
  const previousAudit = usePreviousAudit(cycleId);
  const { user } = useSession();
  // Each step links to its task (its form, answer, messages) for those who may open it; a session of
  // an e-mailed link opens its own task only.
  const opensSteps = hasRole(user, ...STEP_TASK_READERS) && user?.authenticatedBy !== 'task-link';
  // Who chases a step not signed off: the Quality Representative, and the lead auditor of this audit.
  const mayChase =
    !!user &&
    user.authenticatedBy !== 'task-link' &&
    (hasRole(user, 'quality-representative') || user.userId === data?.leadAuditorUserId);

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
        <PendingNotice title={t('audit.notPlanned')} hint={t('audit.notPlannedHint')} />
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
    // The files the steps' and the corrective actions' evidence name, as the API lists them with the audit.
    <EvidenceNamesProvider cycleId={undefined} records={[]} known={data.files}>
      <div className="cycle-page">
        {heading}
        <dl className="facts">
          <Fact label={t('audit.status')}>
            <StatusBadge status={data.status} group="auditStatus" />
          </Fact>
          <Fact label={t('audit.leadAuditor')}>{names.person(data.leadAuditorUserId)}</Fact>
          <Fact label={t('audit.progress')}>
            {t('audit.progressValue', {
              signed: format.number(signed),
              total: format.number(data.steps.length),
            })}
          </Fact>
          {data.closedAt && <Fact label={t('audit.closedAt')}>{format.dateTime(data.closedAt)}</Fact>}
        </dl>

        <section aria-labelledby="plan-heading" className="card">
          <h2 id="plan-heading">{t('audit.plan')}</h2>
          {data.plan ? (
            <dl className="plan">
              <dt>{t('audit.scope')}</dt>
              <dd>{plan.scope ?? '—'}</dd>
              <dt>{t('audit.criteria')}</dt>
              <dd>
                <ReadableList items={plan.criteria} />
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
                    <Competence userId={data.leadAuditorUserId} />
                  </li>
                  {[...new Set(data.steps.map((s) => s.auditorUserId))]
                    .filter((id) => id !== data.leadAuditorUserId)
                    .map((id) => (
                      <li key={id}>
                        {names.person(id)}
                        <Competence userId={id} />
                      </li>
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
              <UnitFilesLink as="p" cycleId={cycleId} unitCode={unit} unitName={names.unit(unit)} />
              <DataTable
                className="stacked-table"
                columns={[
                  t('audit.process'),
                  t('audit.clause'),
                  t('audit.auditor'),
                  t('audit.result'),
                  t('audit.finding'),
                ]}
              >
                {steps.map((step) => (
                  <tr key={step.id}>
                    <td>
                      {opensSteps ? <Link to={taskPath(step.id)}>{step.process}</Link> : step.process}
                      <ReauditMark state={previousAudit} step={step} />
                    </td>
                    <td data-label={t('audit.clause')}>{step.clause}</td>
                    <td data-label={t('audit.auditor')}>{names.person(step.auditorUserId)}</td>
                    <td data-label={t('audit.result')}>
                      {step.signedOffAt ? (
                        <>
                          <StatusBadge status={step.result} group="auditResult" />
                          <br />
                          <span className="muted small">
                            {t('audit.signedOff', { date: format.dateTime(step.signedOffAt) })}
                          </span>
                        </>
                      ) : (
                        <>
                          <StatusBadge status="pending" group="auditResult" />
                          {step.task?.status === 'open' && (
                            <StepTaskState
                              step={step}
                              task={step.task}
                              unitName={names.unit(unit)}
                              names={names}
                              mayUrge={
                                mayChase &&
                                step.task.assigneeUserId !== user?.userId &&
                                !names.isInactive(step.task.assigneeUserId)
                              }
                            />
                          )}
                        </>
                      )}
                      <RecordHistoryLink cycleId={cycleId} subject={step.id} as="div" className="small">
                        {t('history.ofStep')}
                      </RecordHistoryLink>
                    </td>
                    <td data-label={t('audit.finding')}>
                      {step.finding ?? '—'}
                      {step.evidence?.length ? (
                        <div className="muted small">
                          {t('audit.evidence')}: <EvidenceList items={step.evidence} />
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </DataTable>
            </div>
          ))}
        </section>

        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t('audit.correctiveActions')}</h2>
          {data.correctiveActions.length === 0 ? (
            <p className="notice">{t('audit.noActions')}</p>
          ) : (
            <DataTable
              className="stacked-table"
              columns={[
                t('audit.unit'),
                t('audit.severity'),
                t('audit.finding'),
                t('audit.actionPlan'),
                t('audit.due'),
                t('audit.actionStatus'),
              ]}
            >
              {data.correctiveActions.map((action) => (
                <tr key={action.id}>
                  <td>{names.unit(action.unitCode)}</td>
                  <td data-label={t('audit.severity')}>
                    <StatusBadge status={action.severity} group="auditResult" />
                  </td>
                  <td data-label={t('audit.finding')}>{action.finding}</td>
                  <td data-label={t('audit.actionPlan')}>
                    <CorrectiveActionRecord
                      answers={action}
                      owner={action.ownerUserId ? names.person(action.ownerUserId) : undefined}
                    />
                  </td>
                  <td data-label={t('audit.due')}>{format.date(action.dueDate)}</td>
                  <td data-label={t('audit.actionStatus')}>
                    <StatusBadge status={action.status} group="actionStatus" />
                    {action.carriedForward && (
                      <p className="small">
                        {t('audit.carriedForward', { year: Number(cycleYear(cycleId)) + 1 })}
                      </p>
                    )}
                    <RecordHistoryLink cycleId={cycleId} subject={action.id} as="p" className="small" />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>

        <PreviousFindingsFollowUp state={previousAudit} steps={data.steps} />

        {data.report && (
          <section aria-labelledby="report-heading" className="card">
            <h2 id="report-heading">{t('audit.report')}</h2>
            <p className="prewrap">{data.report}</p>
          </section>
        )}
      </div>
    </EvidenceNamesProvider>
  );
}

/**
 * An audit team member's competence as the directory has it now (ISO 9001 7.2): their internal-auditor
 * certificate, or that none is on record. Nothing while the people are not known (a task-link session).
 */
function Competence({ userId }: { userId: string }) {
  const { t } = useTranslation('cycles');
  const certificateWords = useCertificateWords();
  const person = usePeople().find((p) => p.userId === userId);
  if (!person) return null;
  const held = person.auditorCertificate;
  return <div className="muted small">{held ? certificateWords(held) : t('audit.noCertificate')}</div>;
}

/**
 * A step not yet signed off, as its task stands: when it is due (overdue marked), who holds it if it
 * was handed over, its messages, and for those who chase it "Đôn đốc" (its auditor mailed, once a
 * day at most), or when it was last urged.
 */
function StepTaskState({
  step,
  task,
  unitName,
  names,
  mayUrge,
}: {
  step: AuditStep;
  task: AuditStepTask;
  unitName: string;
  names: DirectoryNames;
  mayUrge: boolean;
}) {
  const { t } = useTranslation('cycles');
  const format = useFormat();
  return (
    <div className="muted small step-task">
      {task.dueAt && <div>{t('audit.stepDue', { date: format.dateTime(task.dueAt) })}</div>}
      {task.overdue && <span className="status status-warn">{t('audit.stepOverdue')}</span>}
      {task.assigneeUserId !== step.auditorUserId && (
        <div>{t('audit.stepHeldBy', { name: names.person(task.assigneeUserId) })}</div>
      )}
      {task.commentCount > 0 && <div>{t('audit.stepMessages', { count: task.commentCount })}</div>}
      {mayUrge ? (
        <UrgeTask
          taskId={step.id}
          taskName={`${step.process} — ${unitName}`}
          assigneeName={names.person(task.assigneeUserId)}
          urgedAt={task.urgedAt ?? undefined}
          now={Date.now()}
        />
      ) : (
        task.urgedAt && <div>{t('audit.stepUrged', { date: format.dateTime(task.urgedAt) })}</div>
      )}
    </div>
  );
}
