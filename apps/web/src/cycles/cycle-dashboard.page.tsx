import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, ApiProblem, ok, taskPath } from '../api/client';
import { hasRole, useSession } from '../auth/session';
import { ErrorNotice, useLoad } from '../ui/page-state';
import { CancelCycle } from './components/cancel-cycle';
import { CycleNav, yearPages } from './components/cycle-nav';
import { RecordHistoryLink } from './components/record-history-link';
import { cycleYear } from './cycle-year';
import { DiscardRehearsal } from './components/discard-rehearsal';
import { MoveCycleDates, type MovedDates } from './components/move-cycle-dates';
import { Nonconformities } from './components/nonconformities';
import {
  byHolder,
  byUnit,
  DUE_SOON_DAYS,
  dueSoonAt,
  overdueAt,
  wholeDays,
} from './components/open-tasks-by-unit';
import { urgeAgainFrom, UrgeTask } from './components/urge-task';
import { UrgeUnit } from './components/urge-unit';
import { UnitPerformanceTable } from './components/unit-performance';
import { unitOfWork } from '../tasks/task-types';
import { useDirectoryNames, type DirectoryNames } from './components/directory-names';
import {
  HandOverAll,
  HandoverResult,
  taskTitle,
  type CycleRole,
  type HandoverOutcome,
} from './components/hand-over-all';
import { HandOverUnitWork } from './components/hand-over-unit-work';
import { RolesToHandOver } from './components/roles-to-hand-over';
import {
  cumulativeValue,
  latestPerPeriod,
  targetInWords,
  measurementValue,
  useFormat,
  describeTask,
  usePeriodLabel,
  type Format,
  type IndicatorView,
  type ObjectiveView,
  type Schemas,
} from './components/format';
import { PhaseTimeline, plannedPhaseDates, type Phase } from './components/phase-timeline';
import { YearCalendar } from './components/year-calendar';
import { StartNextYear } from './components/start-next-year';
import { StatusBadge } from './components/status-badge';
import { usePageTitle } from '../ui/page-title';
import { usePeople } from '../ui/people';
import './cycles.css';

// ECharts (about 140 kB on the wire) is loaded only with the dashboard, never with the first page;
// asked for as soon as the dashboard's code runs, beside the cycle's data, rather than once the data
// shows a figure: on 3G the charts are drawn about a second sooner (bench/slow-link.bench.ts). A
// year with nothing to chart yet fetches it once for nothing, then has it cached until a release.
const indicatorChart = () => import('./components/indicator-chart');
void indicatorChart().catch(() => undefined);
const IndicatorChart = lazy(indicatorChart);

/**
 * The phases in which a running year offers next year (its last quarter, from the internal audit
 * on): when an office drafts next year's objectives, for the leader to approve in December. The
 * API itself allows it from the approval.
 */
const NEXT_YEAR_PHASES: ReadonlySet<Phase> = new Set<Phase>([
  'internal-audit',
  'management-review',
  'closing',
]);

type OpenTask = Schemas['OpenTaskLiveView'];

/**
 * The workflow did not answer its query (no worker polling): the status, phase and open tasks the
 * API gave are the records'; what only the workflow holds (the decision, a rehearsal's shift, the
 * year's dates) is unknown now.
 */
const workflowUnanswered = (live: Schemas['CycleLiveView']) =>
  live.executionStatus === 'RUNNING' && live.status === undefined;

/**
 * How long the dashboard waits before asking an unanswering workflow again (each asking waits up to
 * the API's 10 s): the page comes back by itself, and a form being filled in on it is kept.
 */
const ASK_AGAIN_MS = 15_000;

/** The period keys of a year at a frequency: the chart's horizontal axis. */
function periodKeys(frequency: string, year: number): string[] {
  const count = { monthly: 12, quarterly: 4, 'half-yearly': 2, yearly: 1 }[frequency] ?? 0;
  return Array.from({ length: count }, (_, i) =>
    frequency === 'monthly'
      ? `${year}-${String(i + 1).padStart(2, '0')}`
      : frequency === 'quarterly'
        ? `${year}-Q${i + 1}`
        : frequency === 'half-yearly'
          ? `${year}-H${i + 1}`
          : String(year),
  );
}

async function optional<T>(call: Promise<T>): Promise<T | ApiProblem> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiProblem) return error;
    throw error;
  }
}

export default function CycleDashboardPage() {
  const { cycleId = '' } = useParams();
  const { t, i18n } = useTranslation('cycles');
  usePageTitle(t('dashboard.title', { year: cycleYear(cycleId) }));
  const { user } = useSession();
  const format = useFormat();
  const names = useDirectoryNames();
  const isQualityRepresentative = hasRole(user, 'quality-representative');
  // Urges sent from this page, for the year's tasks by unit to count them.
  const [urges, setUrges] = useState(0);

  const { data, error, loading, reload } = useLoad(async () => {
    const path = { params: { path: { cycleId } } };
    const [cycle, objectives, moves] = await Promise.all([
      ok(api.GET('/api/v1/cycles/{cycleId}', path)),
      optional(ok(api.GET('/api/v1/cycles/{cycleId}/objectives', path))),
      // The dates moved, for the Quality Representative who moves them (the event log is for the
      // QR, leader and auditors; the phases entered come with the cycle, for everyone).
      isQualityRepresentative
        ? optional(
            ok(
              api.GET('/api/v1/cycles/{cycleId}/events', {
                params: { path: { cycleId }, query: { type: 'cycle.dates-moved', limit: 100 } },
              }),
            ),
          )
        : undefined,
    ]);
    return { cycle, objectives, moves };
  }, [cycleId, isQualityRepresentative]);

  const entered = useMemo(
    () =>
      Object.fromEntries(
        (data?.cycle.phasesEntered ?? []).map(({ phase, enteredAt }) => [phase, enteredAt]),
      ) as Partial<Record<Phase, string>>,
    [data],
  );

  // The dates the cycle goes by after the Quality Representative last moved them (cycle.dates-moved).
  const lastMove = useMemo(() => {
    if (!data?.moves || data.moves instanceof ApiProblem) return undefined;
    return (data.moves.items.at(-1)?.payload as { after?: MovedDates } | undefined)?.after;
  }, [data]);

  const unanswered = data ? workflowUnanswered(data.cycle.live) : false;
  useEffect(() => {
    if (!unanswered) return;
    let stopped = false;
    let timer: number;
    // The cycle alone, until its workflow answers; then the whole page, once.
    const askAgain = async () => {
      const cycle = await ok(api.GET('/api/v1/cycles/{cycleId}', { params: { path: { cycleId } } })).catch(
        () => undefined,
      );
      if (stopped) return;
      if (cycle && !workflowUnanswered(cycle.live)) reload();
      else timer = window.setTimeout(() => void askAgain(), ASK_AGAIN_MS);
    };
    timer = window.setTimeout(() => void askAgain(), ASK_AGAIN_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
    // Again after each load: one whose workflow still did not answer asks again in turn.
  }, [unanswered, data, cycleId, reload]);

  if (loading && !data) return <p className="loading">{t('loading')}</p>;
  if (error)
    return (
      <>
        <h1>{t('dashboard.title', { year: cycleYear(cycleId) })}</h1>
        <ErrorNotice error={error} />
        <Link to="/cycles">{t('nav.all')}</Link>
      </>
    );
  if (!data) return null;

  const { cycle, objectives } = data;
  const live = cycle.live;
  const phase = (live.phase ?? cycle.phase) as Phase | undefined;
  const status = live.status ?? cycle.status;
  // What only the workflow holds is said to be unknown now, not guessed ("not signed", the year's own
  // dates, phases behind a plan of the year's own dates).
  const planned = unanswered ? null : plannedPhaseDates(cycle.year, live.scheduleShiftMs ?? 0, live.dates);
  const { rehearsal } = cycle;
  const language = i18n.language === 'en' ? 'en' : 'vi';
  // The open tasks as their records have them, against this page's clock when it was drawn.
  const openTasks = live.openTasks ?? [];
  const headsUnitOf = (task: OpenTask) => !!task.unitCode && !!user?.headOfUnits.includes(task.unitCode);
  const headsWorkOf = (task: OpenTask) => {
    const unit = unitOfWork(task);
    return unit !== null && !!user?.headOfUnits.includes(unit);
  };
  const mayUrge: MayUrge = (task) =>
    status === 'running' &&
    !!user &&
    user.authenticatedBy !== 'task-link' &&
    task.assigneeUserId !== user.userId &&
    !names.isInactive(task.assigneeUserId) &&
    (isQualityRepresentative || headsWorkOf(task));
  const mayOpen: MayOpen = (task) =>
    !!user &&
    (task.assigneeUserId === user.userId ||
      hasRole(user, 'quality-representative', 'leader', 'external-auditor') ||
      headsUnitOf(task));
  const lists: OpenTaskLists = {
    assigneeName: assigneeNames(objectives instanceof ApiProblem ? [] : objectives, names),
    names,
    format,
    now: Date.now(),
    mayUrge,
    mayOpen,
    onUrged: () => setUrges((urges) => urges + 1),
    cycleId,
    onUrgedTogether: () => {
      setUrges((urges) => urges + 1);
      reload();
    },
  };

  return (
    <div className="cycle-page">
      <CycleNav cycleId={cycleId} />
      <h1>{t('dashboard.title', { year: cycle.year })}</h1>
      <dl className="facts">
        <div>
          <dt>{t('facts.status')}</dt>
          <dd>
            <StatusBadge status={status} group="cycleStatus" />
          </dd>
        </div>
        <div>
          <dt>{t('facts.phase')}</dt>
          <dd>{phase ? t(`phase.${phase}`) : '—'}</dd>
        </div>
        <div>
          <dt>{t('facts.started')}</dt>
          <dd>{format.dateTime(cycle.startedAt)}</dd>
        </div>
        <div>
          <dt>{t('facts.decision')}</dt>
          <dd>{unanswered ? t('facts.notReadNow') : (live.decisionNumber ?? t('facts.noDecision'))}</dd>
        </div>
        {rehearsal && (
          <div>
            <dt>{t('facts.rehearsal')}</dt>
            <dd>
              {/* A rehearsal of a year still to come runs on that year's own dates. */}
              {unanswered
                ? t('facts.notReadNow')
                : live.scheduleShiftMs
                  ? t('facts.rehearsalShift', {
                      days: format.number(Math.round(live.scheduleShiftMs / 86_400_000)),
                    })
                  : t('facts.rehearsalUnshifted')}
            </dd>
          </div>
        )}
      </dl>
      {unanswered && (
        <p className="notice" role="status">
          {t('dashboard.liveUnavailable')}
        </p>
      )}

      <PhaseTimeline phase={phase} status={status} entered={entered} planned={planned} format={format} />
      {live.dates && status !== 'cancelled' && <YearCalendar cycleId={cycleId} year={cycle.year} />}

      <section aria-labelledby="objectives-heading">
        <h2 id="objectives-heading">{t('objectives.title')}</h2>
        {objectives instanceof ApiProblem ? (
          objectives.status === 404 ? (
            <p className="notice">{t('objectives.notApproved')}</p>
          ) : (
            <ErrorNotice error={objectives} />
          )
        ) : objectives.length === 0 ? (
          <p className="notice">{t('objectives.notApproved')}</p>
        ) : (
          objectives.map((objective) => (
            <ObjectiveCard
              key={objective.id}
              objective={objective}
              year={cycle.year}
              language={language}
              format={format}
              names={names}
            />
          ))
        )}
      </section>

      <TasksOfInactivePeople
        cycleId={cycleId}
        tasks={openTasks}
        roles={live.roles ?? []}
        names={names}
        format={format}
        canHandOver={isQualityRepresentative && status === 'running'}
        onHandedOver={async () => {
          reload();
        }}
      />

      {isQualityRepresentative && status === 'running' && (
        <RolesToHandOver
          cycleId={cycleId}
          roles={live.roles ?? []}
          tasks={openTasks}
          names={names}
          onHandedOver={async () => {
            reload();
          }}
        />
      )}

      <OverdueTasks tasks={openTasks} lists={lists} />
      <DueSoonTasks tasks={openTasks} lists={lists} />
      {status === 'running' && !!user && user.authenticatedBy !== 'task-link' && (
        <HandOverUnitWork
          cycleId={cycleId}
          // The Quality Representative any unit's, a unit head the units they head (as the API allows).
          tasks={isQualityRepresentative ? openTasks : openTasks.filter(headsWorkOf)}
          unitWork={(live.unitWork ?? []).filter(
            (unit) => isQualityRepresentative || user.headOfUnits.includes(unit.unitCode),
          )}
          names={names}
          standingIn={isQualityRepresentative ? user.userId : undefined}
          onHandedOver={async () => {
            reload();
          }}
        />
      )}
      <YearTasksByUnit cycleId={cycleId} names={names} urges={urges} />

      <section aria-labelledby="more-heading">
        <h2 id="more-heading">{t('dashboard.more')}</h2>
        <ul className="link-list">
          {yearPages(user).map(({ path, label }) => (
            <li key={path}>
              <Link to={`/cycles/${encodeURIComponent(cycleId)}/${path}`}>{t(label)}</Link>
            </li>
          ))}
        </ul>
      </section>

      {isQualityRepresentative &&
        status === 'running' &&
        phase !== 'management-review' &&
        phase !== 'closing' && (
          <MoveCycleDates cycleId={cycleId} lastMove={lastMove} format={format} onMoved={reload} />
        )}

      <Nonconformities
        cycleId={cycleId}
        canOpen={isQualityRepresentative && status === 'running' && phase !== 'closing'}
      />

      {isQualityRepresentative && status === 'running' && (
        <CancelCycle cycleId={cycleId} rehearsal={rehearsal} onCancelled={reload} />
      )}

      {isQualityRepresentative &&
        rehearsal &&
        (status === 'cancelled' || status === 'closed') &&
        live.executionStatus !== 'RUNNING' && <DiscardRehearsal cycleId={cycleId} year={cycle.year} />}

      {(isQualityRepresentative || hasRole(user, 'admin')) &&
        (status === 'closed' ||
          (status === 'running' && phase !== undefined && NEXT_YEAR_PHASES.has(phase))) && (
          <StartNextYear cycleId={cycleId} year={cycle.year} rehearsal={rehearsal} />
        )}
    </div>
  );
}

function ObjectiveCard({
  objective,
  year,
  language,
  format,
  names,
}: {
  objective: ObjectiveView;
  year: number;
  language: 'vi' | 'en';
  format: Format;
  names: DirectoryNames;
}) {
  const { t } = useTranslation('cycles');
  const headingId = `objective-${objective.id}`;
  return (
    <article className="card objective" aria-labelledby={headingId} data-testid={`objective-${objective.id}`}>
      <header className="objective-head">
        <h3 id={headingId}>
          {t('objectives.number', { number: objective.number })}: {objective.title[language]}
        </h3>
        <StatusBadge status={objective.status} />
      </header>
      <p className="muted objective-meta">
        {t(`frequency.${objective.frequency}`, { defaultValue: objective.frequency })}
        {' · '}
        {t('objectives.unit')}: {names.unit(objective.unitCode ?? objective.ownerUnitCode)}
        {' · '}
        {t('objectives.assignee')}: {names.person(objective.assigneeUserId, objective.assigneeName)}
        {objective.statusAt && (
          <>
            {' · '}
            {t('objectives.statusAt', { date: format.dateTime(objective.statusAt) })}
          </>
        )}
      </p>
      {objective.indicators.map((indicator) => (
        <IndicatorBlock
          key={indicator.id}
          indicator={indicator}
          frequency={objective.frequency}
          year={year}
          language={language}
          format={format}
          names={names}
        />
      ))}
    </article>
  );
}

function IndicatorBlock({
  indicator,
  frequency,
  year,
  language,
  format,
  names,
}: {
  indicator: IndicatorView;
  frequency: string;
  year: number;
  language: 'vi' | 'en';
  format: Format;
  names: DirectoryNames;
}) {
  const { t } = useTranslation('cycles');
  const { cycleId = '' } = useParams();
  const periodLabel = usePeriodLabel();
  const figures = latestPerPeriod(indicator.measurements);
  const latest = figures.at(-1);
  const cumulative = cumulativeValue(indicator, figures);
  const show = useCallback(
    (value: number | boolean | null | undefined) => {
      if (value === null || value === undefined) return '—';
      if (typeof value === 'boolean') return value ? t('judged.achieved') : t('judged.notAchieved');
      return indicator.kind === 'ratio' ? format.percent(value) : format.number(value);
    },
    [format, indicator.kind, t],
  );
  /** A period's figure as written in the table's columns: the cases and the share, or the value. */
  const reportedText = (
    m: Parameters<typeof measurementValue>[0] & { numerator: number | null; denominator: number | null },
  ) =>
    indicator.kind === 'ratio'
      ? `${format.number(m.numerator)}/${format.number(m.denominator)} (${show(measurementValue(m))})`
      : show(indicator.kind === 'judged' ? m.achieved : measurementValue(m));
  const keys = periodKeys(frequency, year);
  const byPeriod = new Map(figures.map((m) => [m.periodKey, m]));
  const values = keys.map((key) => {
    const m = byPeriod.get(key);
    return m ? measurementValue(m) : null;
  });
  const periods = keys.map(periodLabel);
  const target = indicator.target;
  const targetText = target
    ? targetInWords(target, indicator.kind, language, t, format)
    : t('indicator.noTarget');
  const reported = figures.map((m) => `${periodLabel(m.periodKey)}: ${show(measurementValue(m))}`).join('; ');
  const ariaLabel = t('chart.summary', {
    label: indicator.label[language],
    target: targetText,
    values: reported || t('chart.noValues'),
  });
  const formatAxis = useCallback(
    (value: number) => (indicator.kind === 'ratio' ? format.percent(value) : format.number(value)),
    [format, indicator.kind],
  );
  const chartTarget = useMemo(
    () => (target ? { value: target.value, label: t('chart.target', { target: targetText }) } : null),
    [target, targetText, t],
  );
  // A new array each render would redraw the chart: keep them while the figures are the same.
  const valuesKey = values.join(',');
  const stableValues = useMemo(() => values, [valuesKey]);
  const stablePeriods = useMemo(() => periods, [periods.join('|')]);

  return (
    <section
      className="indicator"
      aria-label={indicator.label[language]}
      data-testid={`indicator-${indicator.id}`}
    >
      <h4>{indicator.label[language]}</h4>
      <dl className="figures">
        <div>
          <dt>{t('indicator.target')}</dt>
          <dd>{targetText}</dd>
        </div>
        <div>
          <dt>{t('indicator.latest')}</dt>
          <dd>
            {latest ? (
              <>
                {show(measurementValue(latest))}{' '}
                <span className="muted">
                  ({periodLabel(latest.periodKey)}
                  {latest.kind === 'ratio' && latest.numerator !== null && latest.denominator !== null
                    ? `, ${format.number(latest.numerator)}/${format.number(latest.denominator)}`
                    : ''}
                  {latest.late ? `, ${t('indicator.late')}` : ''})
                </span>
              </>
            ) : (
              t('indicator.none')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('indicator.cumulative')}</dt>
          <dd>{show(cumulative)}</dd>
        </div>
        <div>
          <dt>{t('indicator.reported')}</dt>
          <dd>{t('indicator.reportedCount', { count: figures.length, total: keys.length })}</dd>
        </div>
      </dl>
      {indicator.kind !== 'judged' && figures.length > 0 && (
        <figure className="chart-figure" data-testid={`chart-${indicator.id}`}>
          <Suspense fallback={<div className="indicator-chart chart-loading">{t('loading')}</div>}>
            <IndicatorChart
              periods={stablePeriods}
              values={stableValues}
              target={chartTarget}
              format={formatAxis}
              seriesName={indicator.label[language]}
              ariaLabel={ariaLabel}
            />
          </Suspense>
          <figcaption className="muted">{t('chart.caption', { target: targetText })}</figcaption>
        </figure>
      )}
      {figures.length > 0 && (
        <details className="figures-table">
          <summary>{t('chart.table')}</summary>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{indicator.label[language]}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('chart.period')}</th>
                  {indicator.kind === 'ratio' && <th scope="col">{t('chart.cases')}</th>}
                  <th scope="col">{t('chart.value')}</th>
                  <th scope="col">{t('chart.reportedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {figures.map((m) => (
                  <tr key={m.periodKey}>
                    <th scope="row">{periodLabel(m.periodKey)}</th>
                    {indicator.kind === 'ratio' && (
                      <td>
                        {format.number(m.numerator)}/{format.number(m.denominator)}
                      </td>
                    )}
                    <td>{show(indicator.kind === 'judged' ? m.achieved : measurementValue(m))}</td>
                    <td>
                      {format.dateTime(m.reportedAt)}
                      {m.late && <span className="status status-warn late-tag">{t('indicator.late')}</span>}
                      {m.paperReport && (
                        <span className="field-hint">
                          {' '}
                          (
                          {t('tasks:measurement.paper.shown', {
                            date: format.date(m.paperReport.date),
                            reference: m.paperReport.reference,
                          })}
                          )
                        </span>
                      )}
                      {/* Corrected since reported: the figures are the correction's; its report's page and
                          the history keep both, with why. */}
                      {m.corrected && (
                        <>
                          <span className="status status-info late-tag">{t('chart.corrected')}</span>
                          <span className="field-hint">
                            {' '}
                            {t('chart.correctedFrom', {
                              reported: reportedText({ ...m, ...m.corrected.asReported }),
                            })}{' '}
                            {t('chart.correctedLast', {
                              when: format.dateTime(m.corrected.lastAt),
                              who: names.person(m.corrected.lastBy),
                              reason: m.corrected.lastReason,
                            })}
                          </span>
                        </>
                      )}
                      {/* The report's whole history: given, reminded, reported, corrected, its files. */}
                      {m.taskId && (
                        <RecordHistoryLink
                          cycleId={cycleId}
                          subject={m.taskId}
                          as="span"
                          className="field-hint"
                        >
                          {t('history.ofReport')}
                        </RecordHistoryLink>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}

/**
 * Open tasks whose assignee the directory no longer has active (deactivated after they left or
 * moved): nobody will do them until the Quality Representative or the unit's head hands them over
 * from the task's page — or, the Quality Representative, all of one holder's at once (HandOverAll),
 * whose answer stays here once the panel has nothing left. The year's Quality Representative, leader
 * or lead auditor who left is listed too, open tasks or not: what the year opens for the role later
 * still goes to them until it is handed over. Shown only when there are some.
 */
function TasksOfInactivePeople({
  cycleId,
  tasks,
  roles,
  names,
  format,
  canHandOver,
  onHandedOver,
}: {
  cycleId: string;
  tasks: OpenTask[];
  /** Who holds each of the year's roles now (`live.roles`). */
  roles: readonly { role: CycleRole; holderUserId: string }[];
  names: DirectoryNames;
  format: Format;
  canHandOver: boolean;
  onHandedOver: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation('cycles');
  const people = usePeople();
  // The answer of the last hand-over made here: kept when its holder's tasks are gone (an earlier
  // one's refusals may since have been handed over: only the last is shown).
  const [outcome, setOutcome] = useState<HandoverOutcome | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const held = tasks.filter((task) => names.isInactive(task.assigneeUserId));
  // By holder: someone who left holds tens of tasks, handed over together.
  const withTasks = byHolder(held, names.person);
  const rolesLeft = roles.filter((role) => names.isInactive(role.holderUserId));
  const rolesOf = (userId: string) =>
    rolesLeft.filter((role) => role.holderUserId === userId).map((role) => role.role);
  const holders = [
    ...withTasks,
    ...[...new Set(rolesLeft.map((role) => role.holderUserId))]
      .filter((userId) => !withTasks.some((holder) => holder.userId === userId))
      .map((userId) => ({ userId, name: names.person(userId), tasks: [] as OpenTask[] })),
  ];
  const handedOver = async (answer: HandoverOutcome) => {
    setOutcome(answer);
    await onHandedOver();
    // The answer takes the focus: the form that sent it may be gone with its holder's tasks.
    requestAnimationFrame(() => resultRef.current?.focus());
  };
  if (holders.length === 0 && !outcome) return null;
  return (
    <section aria-labelledby="inactive-heading" className="notice notice-warn inactive-tasks">
      <h2 id="inactive-heading">
        {t('inactive.title')} {/* A role's holder who left may hold no task: no count of none. */}
        {held.length > 0 && <span className="badge badge-danger">{format.number(held.length)}</span>}
      </h2>
      {outcome && (
        <div
          ref={resultRef}
          tabIndex={-1}
          role="status"
          className="handover-results"
          aria-label={t('inactive.resultLabel')}
        >
          <HandoverResult outcome={outcome} />
        </div>
      )}
      {holders.length === 0 ? (
        <p className="small">{t('inactive.none')}</p>
      ) : (
        <p className="small">{t('inactive.hint')}</p>
      )}
      {holders.map((holder) => (
        <div key={holder.userId} className="inactive-holder">
          <h3>
            {holder.name}{' '}
            {holder.tasks.length > 0 && (
              <span className="badge">{t('inactive.count', { count: holder.tasks.length })}</span>
            )}
          </h3>
          {rolesOf(holder.userId).length > 0 && (
            <p className="small">
              {t('roleWork.stillHolds', {
                name: holder.name,
                roles: rolesOf(holder.userId)
                  .map((role) => t(`directory:roles.${role}`))
                  .join(', '),
              })}
            </p>
          )}
          <ul className="link-list">
            {holder.tasks.map((task) => (
              <li key={task.taskId}>
                <Link to={taskPath(task.taskId)}>{taskTitle(task, i18n.language)}</Link>
              </li>
            ))}
          </ul>
          {canHandOver && (
            <HandOverAll
              cycleId={cycleId}
              holderId={holder.userId}
              holderName={holder.name}
              tasks={holder.tasks}
              people={people}
              unitName={names.unit}
              roles={rolesOf(holder.userId)}
              onHandedOver={handedOver}
            />
          )}
        </div>
      ))}
    </section>
  );
}

/**
 * An open task's assignee by name, for the lists: as the directory names them, or someone it no
 * longer lists as the objectives give them.
 */
function assigneeNames(objectives: ObjectiveView[], names: DirectoryNames): (userId: string) => string {
  const knownName = new Map<string, string>();
  for (const objective of objectives)
    if (objective.assigneeUserId && objective.assigneeName)
      knownName.set(objective.assigneeUserId, objective.assigneeName);
  return (userId) => names.person(userId, knownName.get(userId));
}

/**
 * Whom the viewer may urge from the lists, as the API allows it (POST /tasks/{id}/urge): on a running
 * year, the Quality Representative anyone, a unit head the tasks of the units they head (the task's
 * unit, as the API reads it); never themselves, nor someone who has left (their tasks are to be
 * handed over, above).
 */
type MayUrge = (task: OpenTask) => boolean;

/**
 * Whose task pages the viewer may open from the lists, as the API shows a task (GET /tasks/{id}):
 * their own, any as Quality Representative, leader or external auditor, those of the units they head.
 */
type MayOpen = MayUrge;

/** What both lists of open tasks read besides their tasks: whose, how to write it, as of when, who may do what. */
interface OpenTaskLists {
  assigneeName: (userId: string) => string;
  names: DirectoryNames;
  format: Format;
  /** The page's clock when it was drawn. */
  now: number;
  mayUrge: MayUrge;
  mayOpen: MayOpen;
  /** Told when a row's assignee was urged. */
  onUrged: () => void;
  cycleId: string;
  /** Told when a unit's tasks were urged together: their rows are read again. */
  onUrgedTogether: () => void;
}

/**
 * Open tasks as a table per unit (the overdue ones, the ones due soon): each by its kind and title,
 * its assignee and due time, and a last column of the section's own (how late, how long left).
 */
function TasksByUnit({
  tasks,
  lists: { assigneeName, names, format, now, mayUrge, mayOpen, onUrged, cycleId, onUrgedTogether },
  lastColumn,
  lastCell,
  urgeTogether = false,
}: {
  tasks: OpenTask[];
  lists: OpenTaskLists;
  lastColumn: string;
  lastCell: (task: OpenTask) => ReactNode;
  /** A unit's tasks may be urged all at once (the overdue ones). */
  urgeTogether?: boolean;
}) {
  const { t, i18n } = useTranslation('cycles');
  // A report by its objective and period; any other task by its own title (an audit step's process and unit).
  const nameOf = (task: OpenTask) => describeTask(task.taskId, t) || taskTitle(task, i18n.language);
  return byUnit(tasks, unitOfWork, names.unit).map(({ unit, tasks: ofUnit }) => (
    <div key={unit || 'none'} className="overdue-unit">
      <h3>
        {unit ? names.unit(unit) : t('reviewInput.noUnit')}{' '}
        <span className="muted">({t('overdue.count', { count: ofUnit.length })})</span>
      </h3>
      {urgeTogether && unit && ofUnit.some(mayUrge) && (
        <UrgeUnit
          cycleId={cycleId}
          unitCode={unit}
          unitName={names.unit(unit)}
          tasks={ofUnit
            .filter((task) => mayUrge(task) && (urgeAgainFrom(task.urgedAt) ?? 0) <= now)
            .map((task) => ({
              taskId: task.taskId,
              name: nameOf(task),
              assigneeName: assigneeName(task.assigneeUserId),
            }))}
          onSent={onUrgedTogether}
        />
      )}
      <div className="table-scroll">
        {/* On a phone each task a card of labelled lines, rather than four columns a word wide. */}
        <table className="stacked-table">
          <thead>
            <tr>
              <th scope="col">{t('overdue.task')}</th>
              <th scope="col">{t('overdue.assignee')}</th>
              <th scope="col">{t('overdue.due')}</th>
              <th scope="col">{lastColumn}</th>
            </tr>
          </thead>
          <tbody>
            {ofUnit.map((task) => {
              const name = nameOf(task);
              return (
                <tr key={task.taskId}>
                  <td>
                    {mayOpen(task) ? (
                      <Link to={taskPath(task.taskId)}>
                        {t(`tasks:kind.${task.kind}`, { defaultValue: task.kind })}
                      </Link>
                    ) : (
                      t(`tasks:kind.${task.kind}`, { defaultValue: task.kind })
                    )}
                    <br />
                    <span className="muted small">{name}</span>
                  </td>
                  <td data-label={t('overdue.assignee')}>{assigneeName(task.assigneeUserId)}</td>
                  <td data-label={t('overdue.due')}>{format.dateTime(task.dueAt)}</td>
                  <td data-label={lastColumn}>
                    {lastCell(task)}
                    {mayUrge(task) && (
                      <UrgeTask
                        taskId={task.taskId}
                        taskName={name}
                        assigneeName={assigneeName(task.assigneeUserId)}
                        urgedAt={task.urgedAt}
                        now={now}
                        onSent={onUrged}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  ));
}

/**
 * Overdue tasks per unit, from the live state's open tasks (the workflow's own list): a task is
 * overdue once its due time has passed. A task given after its due time (`openedAfterDue`: a year
 * adopted or approved late) counts among them, since it still needs doing, but is marked "given
 * late" and its days are counted from when it was given: the days it has waited on its assignee, not
 * the months before qcycle asked for it (docs/web.md).
 */
function OverdueTasks({ tasks, lists }: { tasks: OpenTask[]; lists: OpenTaskLists }) {
  const { t } = useTranslation('cycles');
  const { format, now } = lists;
  const overdue = overdueAt(tasks, now);
  const givenLate = overdue.filter((task) => task.openedAfterDue).length;
  return (
    <section aria-labelledby="overdue-heading">
      <h2 id="overdue-heading">
        {t('overdue.title')}{' '}
        <span
          className={`badge ${!overdue.length ? '' : givenLate === overdue.length ? 'badge-warn' : 'badge-danger'}`}
        >
          {format.number(overdue.length)}
        </span>
      </h2>
      <p className="muted small">{t('overdue.source', { open: format.number(tasks.length) })}</p>
      {givenLate > 0 && (
        <p className="muted small overdue-given-late">
          {t('overdue.givenLateCount', { count: givenLate, formatted: format.number(givenLate) })}
        </p>
      )}
      {overdue.length === 0 ? (
        <p className="notice notice-ok">{t('overdue.none')}</p>
      ) : (
        <TasksByUnit
          tasks={overdue}
          lists={lists}
          urgeTogether
          lastColumn={t('overdue.late')}
          lastCell={(task) =>
            task.openedAfterDue ? (
              <>
                <span className="status status-warn">{t('overdue.givenLate')}</span>{' '}
                {wholeDays(Date.parse(task.openedAt), now) === 0
                  ? t('overdue.givenToday')
                  : t('overdue.sinceGiven', { count: wholeDays(Date.parse(task.openedAt), now) })}
              </>
            ) : (
              <span className="status status-danger">
                {t('overdue.days', { count: wholeDays(Date.parse(task.dueAt!), now) })}
              </span>
            )
          }
        />
      )}
    </section>
  );
}

/**
 * The open tasks due in the next seven days, per unit: whom to remind before a report or a step
 * falls overdue (the engine reminds them too, `reminderBeforeDueDays` before: docs/workflows.md).
 * Each with the whole days left ("còn 3 ngày"), or that less than a day is.
 */
function DueSoonTasks({ tasks, lists }: { tasks: OpenTask[]; lists: OpenTaskLists }) {
  const { t } = useTranslation('cycles');
  const { format, now } = lists;
  const soon = dueSoonAt(tasks, now);
  return (
    <section aria-labelledby="due-soon-heading">
      <h2 id="due-soon-heading">
        {t('dueSoon.title', { days: DUE_SOON_DAYS })}{' '}
        <span className="badge">{format.number(soon.length)}</span>
      </h2>
      {soon.length === 0 ? (
        <p className="notice">{t('dueSoon.none', { days: DUE_SOON_DAYS })}</p>
      ) : (
        <TasksByUnit
          tasks={soon}
          lists={lists}
          lastColumn={t('dueSoon.left')}
          lastCell={(task) => {
            const days = wholeDays(now, Date.parse(task.dueAt!));
            return days === 0 ? t('dueSoon.lessThanADay') : t('dueSoon.days', { count: days });
          }}
        />
      )}
    </section>
  );
}

/**
 * The year's tasks so far by unit (GET /cycles/{id}/tasks-by-unit), as the management review will
 * count them: where work was late, escalated or urged, for the Quality Representative and the units
 * to follow through the year. Read again when an urge is sent from this page.
 */
function YearTasksByUnit({
  cycleId,
  names,
  urges,
}: {
  cycleId: string;
  names: DirectoryNames;
  urges: number;
}) {
  const { t } = useTranslation('cycles');
  const { data, error } = useLoad(
    () => ok(api.GET('/api/v1/cycles/{cycleId}/tasks-by-unit', { params: { path: { cycleId } } })),
    [cycleId, urges],
  );
  return (
    <section aria-labelledby="tasks-by-unit-heading">
      <h2 id="tasks-by-unit-heading">{t('tasksByUnit.title')}</h2>
      <p className="muted small">{t('tasksByUnit.source')}</p>
      {error ? (
        <ErrorNotice error={error} />
      ) : !data ? (
        <p className="loading">{t('loading')}</p>
      ) : data.length === 0 ? (
        <p className="notice">{t('tasksByUnit.none')}</p>
      ) : (
        <UnitPerformanceTable rows={data} unitName={names.unit} />
      )}
    </section>
  );
}
