import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { flushSync } from 'react-dom';
import { Link } from 'react-router-dom';
import { api, ApiProblem, ok, type FieldProblem } from '../api/client';
import { useRequestId } from '../api/request-id';
import { forgetDrafts } from '../ui/draft';
import { focusOutcome } from '../ui/focus';
import { usePageTitle } from '../ui/page-title';
import { hasRole, onlyReads, useSession } from '../auth/session';
import { EvidenceNamesProvider, type EvidenceRecordType } from '../ui/evidence';
import { ErrorNotice } from '../ui/page-state';
import { cycleYear } from '../cycles/cycle-year';
import { DueDate, StatusWord } from './components/due-date';
import { formatInstant } from '../ui/dates';
import { objectiveText, periodText, taskTitleText } from './components/format';
import { PAPER_ANSWERED_KINDS } from './task-types';
import { GivenLateNotice } from './components/given-late';
import { OutcomeView } from './components/outcome-view';
import { ProblemBook } from './components/problem-book';
import { CorrectFigures, mayCorrectFigures } from './components/correct-figures';
import { TaskUnits, usePeople, useUnits } from './components/people';
import { CycleObjectives, IndicatorNames, UnitNames } from './components/readable-value';
import { indicatorName, useCycleObjectives } from './components/use-cycle-objectives';
import { mayReassign, mayUrge, ReassignTask } from './components/reassign-task';
import { TaskHistory } from './components/task-history';
import { TaskConversation } from './components/task-conversation';
import { RecordHistoryLink } from '../cycles/components/record-history-link';
import { UrgeTask } from '../cycles/components/urge-task';
import { NotFoundNotice, NotYoursNotice } from './components/task-notices';
import type { TaskFormProps } from './forms/form-props';
import { ObjectivesApprovalForm } from './forms/objectives-approval.form';
import { ObjectivesRevisionForm } from './forms/objectives-revision.form';
import { AssignmentAcceptanceForm } from './forms/assignment-acceptance.form';
import { UnitAcceptanceForm } from './forms/unit-acceptance.form';
import { MeasurementReportForm } from './forms/measurement-report.form';
import { AtRiskFollowUpForm } from './forms/at-risk-follow-up.form';
import { AuditPlanForm } from './forms/audit-plan.form';
import { AuditStepForm } from './forms/audit-step.form';
import { AuditCloseForm } from './forms/audit-close.form';
import { AuditReportApprovalForm } from './forms/audit-report-approval.form';
import { CorrectiveActionPlanForm } from './forms/corrective-action-plan.form';
import { CorrectiveActionVerificationForm } from './forms/corrective-action-verification.form';
import { ManagementReviewForm } from './forms/management-review.form';
import { ReviewActionForm } from './forms/review-action.form';
import { ReviewPreparationForm } from './forms/review-preparation.form';
import { NonconformityProposalForm } from './forms/nonconformity-proposal.form';
import { tasksChanged } from './task-changes';
import { localized, type Localized, type TaskDetail, type TaskKind } from './task-types';
import './tasks.css';
import { useBusyAction } from '../ui/submission';

/** The tasks that show the review's compiled inputs, which name indicators by id. */
const INDICATOR_NAMING_KINDS: ReadonlySet<string> = new Set(['management-review', 'review-preparation']);

const FORMS: Record<TaskKind, ComponentType<TaskFormProps>> = {
  'objectives-approval': ObjectivesApprovalForm,
  'objectives-revision': ObjectivesRevisionForm,
  'assignment-acceptance': AssignmentAcceptanceForm,
  'unit-acceptance': UnitAcceptanceForm,
  'measurement-report': MeasurementReportForm,
  'at-risk-follow-up': AtRiskFollowUpForm,
  'audit-plan': AuditPlanForm,
  'audit-step': AuditStepForm,
  'audit-close': AuditCloseForm,
  'audit-report-approval': AuditReportApprovalForm,
  'corrective-action-plan': CorrectiveActionPlanForm,
  'corrective-action-verification': CorrectiveActionVerificationForm,
  'review-preparation': ReviewPreparationForm,
  'management-review': ManagementReviewForm,
  'review-action': ReviewActionForm,
  'nonconformity-proposal': NonconformityProposalForm,
};

/** The task page, the same from the e-mailed link and from My tasks. */
export function TaskView({ taskId, initial }: { taskId: string; initial?: TaskDetail }) {
  const { t, i18n } = useTranslation('tasks');
  const { user } = useSession();
  const [task, setTask] = useState<TaskDetail | undefined>(initial?.id === taskId ? initial : undefined);
  const [loadError, setLoadError] = useState<unknown>();
  const { busy, run } = useBusyAction();
  const formCard = useRef<HTMLElement>(null);
  const requestId = useRequestId();
  const [refusal, setRefusal] = useState<unknown>();
  const [sent, setSent] = useState<Record<string, unknown> | undefined>();
  // Typed into the form and not sent: leaving the page (a reload, closing the tab, another address)
  // asks first, instead of losing it without a word.
  const [unsent, setUnsent] = useState(false);
  useEffect(() => {
    if (!unsent) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsent]);
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  // Fields changed since the last refusal: their problems were about the value refused.
  const [edited, setEdited] = useState<ReadonlySet<string>>(() => new Set());
  const markEdited = useCallback(
    (path: string) => setEdited((known) => (known.has(path) ? known : new Set(known).add(path))),
    [],
  );
  const { nameOf, people } = usePeople(
    ((task?.form as { staff?: { userId: string; name: string }[] } | null)?.staff ?? []).map((s) => ({
      userId: s.userId,
      name: s.name,
    })),
  );

  const { unitName } = useUnits(task?.units);
  const nameOfUnit = useCallback((code: string) => unitName(code, i18n.language), [unitName, i18n.language]);
  // The review's inputs name objectives and indicators by id: the review's two tasks name them.
  const objectives = useCycleObjectives(task?.cycleId ?? '', !!task && INDICATOR_NAMING_KINDS.has(task.kind));
  // A report's own indicators are in its form (its history's corrections name them).
  const nameOfIndicator = useCallback(
    (id: string) =>
      indicatorName(
        id,
        i18n.language,
        objectives,
        (task?.form as { indicators?: { id: string; label?: Localized }[] } | null)?.indicators,
      ),
    [task?.form, objectives, i18n.language],
  );

  const load = useCallback(async () => {
    try {
      setTask(await ok(api.GET('/api/v1/tasks/{taskId}', { params: { path: { taskId } } })));
      setLoadError(undefined);
    } catch (error) {
      setLoadError(error);
    }
  }, [taskId]);

  useEffect(() => {
    if (initial?.id === taskId) return;
    void load();
  }, [initial, taskId, load]);

  // A task answered or closed has nothing left to draft.
  const closed = task !== undefined && task.status !== 'open';
  useEffect(() => {
    if (closed) forgetDrafts(taskId);
  }, [closed, taskId]);

  usePageTitle(task && taskTitleText(localized(task.title, i18n.language), task.periodKey, t));

  const submit = useCallback(
    (outcome: Record<string, unknown>) =>
      run(
        async () => {
          setRefusal(undefined);
          setEdited(new Set());
          await ok(
            api.POST('/api/v1/tasks/{taskId}/complete', {
              params: { path: { taskId } },
              body: { outcome: outcome as never },
              headers: { 'x-request-id': requestId.idFor({ taskId, outcome }) },
            }),
          );
          requestId.succeeded();
          setUnsent(false);
          forgetDrafts(taskId);
          setSent(outcome);
          tasksChanged();
          await load();
          document.getElementById('task-result')?.focus();
        },
        (error) => {
          // A session that ended is said by the sign-in dialog over the page, the form kept to send again.
          if (error instanceof ApiProblem && error.status === 401) return;
          // Committed now, not in a later task: focusOutcome looks for the summary two frames on, and
          // on a busy machine React had not drawn it yet, so the focus went to the evidence's status.
          flushSync(() => setRefusal(error));
          // Answered by someone else (another tab, a delegate) or closed meanwhile: the page shows the
          // task as it now is, with the answer that was recorded.
          if (error instanceof ApiProblem && error.status === 409) {
            setUnsent(false);
            forgetDrafts(taskId);
            void load();
          }
          // To the summary, first in the form's card: the one thing said of the refusal.
          focusOutcome(formCard.current);
        },
      ),
    [taskId, load, requestId, run],
  );

  // A fresh book each render: the form asks it for its fields' problems while it renders.
  const book = new ProblemBook(refusal, edited, markEdited);
  useLayoutEffect(() => {
    const left = book.unmatched();
    setUnmatched((previous) => (JSON.stringify(previous) === JSON.stringify(left) ? previous : left));
  });

  if (loadError instanceof ApiProblem && loadError.status === 403) return <NotYoursNotice />;
  if (loadError instanceof ApiProblem && loadError.status === 404) return <NotFoundNotice />;
  if (!task) {
    if (loadError) return <ErrorNotice error={loadError} />;
    return (
      <p className="loading" role="status">
        {t('page.loading')}
      </p>
    );
  }

  // A read-only role (the external auditor) reads the task and never acts on it: the API refuses it.
  const mayAct =
    !!user &&
    !onlyReads(user) &&
    (task.assigneeUserId === user.userId || task.delegateUserIds.includes(user.userId));
  // A leader who answers on paper and never signs in: the Quality Representative enters their answer.
  const entersOnPaper =
    !mayAct &&
    task.status === 'open' &&
    hasRole(user, 'quality-representative') &&
    PAPER_ANSWERED_KINDS.includes(task.kind);
  const completed = task.status === 'completed' || sent !== undefined;
  const outcome = task.outcome ?? sent;
  const Form = FORMS[task.kind];
  const refusalProblem = refusal instanceof ApiProblem ? refusal : undefined;
  // The cycle by its year (`kb-…-2024`); its id is only the link's target.
  const year = cycleYear(task.cycleId);

  return (
    <TaskUnits.Provider value={task.units}>
      <UnitNames.Provider value={nameOfUnit}>
        <IndicatorNames.Provider value={nameOfIndicator}>
          <CycleObjectives.Provider value={objectives}>
            {/* Read again when files may have been added: the answer sent, a correction recorded. */}
            <EvidenceNamesProvider
              cycleId={task.cycleId}
              records={evidenceRecordsOf(task)}
              known={task.files}
              refresh={`${completed}/${task.history.length}`}
            >
              <article className="task-page" aria-labelledby="task-title">
                {user?.authenticatedBy !== 'task-link' && (
                  <p className="task-breadcrumb">
                    <Link to="/">{t('page.backToMyTasks')}</Link>
                  </p>
                )}
                <h1 id="task-title">
                  {taskTitleText(localized(task.title, i18n.language), task.periodKey, t)}
                </h1>
                {task.rehearsal && (
                  <p className="notice notice-warn" role="note">
                    <strong>{t('page.rehearsal')}:</strong> {t('page.rehearsalNote')}
                  </p>
                )}
                <dl className="task-facts">
                  <div>
                    <dt>{t('page.kind')}</dt>
                    <dd>{t(`kind.${task.kind}`)}</dd>
                  </div>
                  <div>
                    <dt>{t('page.cycle')}</dt>
                    <dd>
                      {user && user.authenticatedBy !== 'task-link' ? (
                        <Link to={`/cycles/${encodeURIComponent(task.cycleId)}`}>
                          {t('page.cycleOfYear', { year })}
                        </Link>
                      ) : (
                        t('page.cycleOfYear', { year })
                      )}
                    </dd>
                  </div>
                  {task.objectiveId && (
                    <div>
                      <dt>{t('page.objective')}</dt>
                      <dd>{objectiveText(task.objectiveId, t)}</dd>
                    </div>
                  )}
                  {task.periodKey && (
                    <div>
                      <dt>{t('page.period')}</dt>
                      <dd>{periodText(task.periodKey, t)}</dd>
                    </div>
                  )}
                  <div>
                    <dt>{t('page.due')}</dt>
                    <dd>
                      <DueDate
                        dueAt={task.dueAt}
                        overdue={task.overdue && !completed}
                        givenLate={task.openedAfterDue}
                      />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('page.status')}</dt>
                    <dd>
                      <StatusWord status={completed ? 'completed' : task.status} />
                      {task.late && <span className="status status-warn">{t('page.late')}</span>}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('page.assignee')}</dt>
                    <dd>{nameOf(task.assigneeUserId)}</dd>
                  </div>
                  {/* An audit step: whom its auditor's questions go to, who chases it. */}
                  {task.leadAuditorUserId && (
                    <div>
                      <dt>{t('page.leadAuditor')}</dt>
                      <dd>{nameOf(task.leadAuditorUserId)}</dd>
                    </div>
                  )}
                  <div>
                    <dt>{t('page.openedAt')}</dt>
                    <dd>{formatInstant(task.openedAt, i18n.language)}</dd>
                  </div>
                </dl>
                <GivenLateNotice task={task} completed={completed} />

                {refusalProblem?.status === 409 && task.status !== 'open' && (
                  <div className="notice notice-warn" role="alert">
                    {t('page.answeredMeanwhile')}
                  </div>
                )}
                {completed ? (
                  <section className="card" aria-labelledby="task-result">
                    {sent && (
                      <div className="notice notice-ok" role="status">
                        {t('page.submitted')}
                      </div>
                    )}
                    <h2 id="task-result" tabIndex={-1}>
                      {t('page.outcome')}
                    </h2>
                    {outcome ? (
                      <OutcomeView task={task} outcome={outcome} nameOf={nameOf} />
                    ) : (
                      <p className="muted">{t('values.empty')}</p>
                    )}
                    {task.completedBy && (
                      <p className="muted">
                        {outcome?.onPaper === true && task.completedBy !== task.assigneeUserId
                          ? t('page.enteredOnPaper', {
                              leader: nameOf(task.assigneeUserId),
                              who: nameOf(task.completedBy),
                              when: formatInstant(task.closedAt, i18n.language),
                            })
                          : t('page.completedBy', {
                              who: nameOf(task.completedBy),
                              when: formatInstant(task.closedAt, i18n.language),
                            })}
                      </p>
                    )}
                  </section>
                ) : task.status !== 'open' ? (
                  <div className="notice notice-warn" role="status">
                    {t(`page.closed.${task.status}`)}
                  </div>
                ) : !mayAct && !entersOnPaper ? (
                  <div className="notice" role="status">
                    {t('page.readOnly', { who: nameOf(task.assigneeUserId) })}
                  </div>
                ) : (
                  <>
                    {entersOnPaper ? (
                      <div className="notice" role="note">
                        {t(`page.onPaper.${task.kind}`, { who: nameOf(task.assigneeUserId) })}
                      </div>
                    ) : (
                      user &&
                      task.assigneeUserId !== user.userId && (
                        <div className="notice" role="note">
                          {t('page.onBehalf', { who: nameOf(task.assigneeUserId) })}
                        </div>
                      )
                    )}
                    <section
                      ref={formCard}
                      className="card task-form-card"
                      aria-labelledby="task-form-title"
                      onInput={() => setUnsent(true)}
                    >
                      <h2 id="task-form-title">
                        {entersOnPaper ? t(`page.onPaperTitle.${task.kind}`) : t(`formTitle.${task.kind}`)}
                      </h2>
                      {refusal !== undefined && !(book.all.length > 0 && book.problems.length === 0) && (
                        <div id="task-refusal" className="notice notice-error" role="alert" tabIndex={-1}>
                          <p className="task-refusal-lead">
                            {refusalProblem && refusalProblem.problems.length > 0
                              ? t('page.refused')
                              : refusalProblem?.status === 409
                                ? t('page.conflict')
                                : refusalProblem?.status === 403
                                  ? t('page.notAllowed')
                                  : (refusalProblem?.message ?? t('page.networkError'))}
                          </p>
                          {unmatched.length > 0 && (
                            <ul>
                              {unmatched.map((problem, index) => (
                                <li key={index}>
                                  {problem.reason}
                                  {problem.path && <span className="muted"> ({problem.path})</span>}
                                </li>
                              ))}
                            </ul>
                          )}
                        </div>
                      )}
                      <Form
                        task={task}
                        problems={book}
                        busy={busy}
                        onSubmit={(o) => void submit(o)}
                        {...(entersOnPaper ? { onPaperFor: nameOf(task.assigneeUserId) } : {})}
                      />
                    </section>
                  </>
                )}

                {task.status === 'completed' && mayCorrectFigures(user, task) && (
                  <CorrectFigures
                    task={task}
                    onCorrected={async () => {
                      await load();
                    }}
                  />
                )}

                <TaskConversation
                  task={task}
                  nameOf={nameOf}
                  mayWrite={!completed && task.status === 'open' && !!user && !onlyReads(user)}
                  onWritten={load}
                />

                {!completed && mayUrge(user, task) && task.assigneeUserId !== user?.userId && (
                  <section className="card urge-card" aria-labelledby="urge-title">
                    <h2 id="urge-title">{t('cycles:urge.title')}</h2>
                    <p className="muted">{t('cycles:urge.lead', { name: nameOf(task.assigneeUserId) })}</p>
                    <UrgeTask
                      taskId={task.id}
                      taskName={taskTitleText(localized(task.title, i18n.language), task.periodKey, t)}
                      assigneeName={nameOf(task.assigneeUserId)}
                      urgedAt={task.urgedAt ?? undefined}
                      now={Date.now()}
                    />
                  </section>
                )}

                {!completed && mayReassign(user, task) && (
                  <ReassignTask
                    task={task}
                    people={people}
                    nameOf={nameOf}
                    onReassigned={async () => {
                      tasksChanged();
                      await load();
                    }}
                  />
                )}

                <TaskHistory
                  history={task.history}
                  nameOf={nameOf}
                  givenLate={task.openedAfterDue}
                  more={
                    // A plan or a verification is one round of its corrective action: every round's there.
                    task.kind === 'corrective-action-plan' ||
                    task.kind === 'corrective-action-verification' ? (
                      <RecordHistoryLink cycleId={task.cycleId} subject={task.workflowId}>
                        {t('history.ofCorrectiveAction')}
                      </RecordHistoryLink>
                    ) : undefined
                  }
                />
              </article>
            </EvidenceNamesProvider>
          </CycleObjectives.Provider>
        </IndicatorNames.Provider>
      </UnitNames.Provider>
    </TaskUnits.Provider>
  );
}

/** The record whose evidence files this task's answer and history may name (the API's `evidenceRecordOfTask`). */
function evidenceRecordsOf(task: TaskDetail): { recordType: EvidenceRecordType; recordKey: string }[] {
  switch (task.kind) {
    case 'measurement-report':
      return [{ recordType: 'measurement', recordKey: task.id }];
    case 'audit-step':
      return [{ recordType: 'audit-step', recordKey: task.id }];
    case 'corrective-action-plan':
    case 'corrective-action-verification':
      return [{ recordType: 'corrective-action', recordKey: task.workflowId }];
    case 'management-review':
      return [{ recordType: 'review', recordKey: task.id }];
    case 'review-action':
      return [{ recordType: 'review-action', recordKey: task.id }];
    case 'objectives-approval':
      return [{ recordType: 'approval', recordKey: task.id }];
    default:
      return [];
  }
}
