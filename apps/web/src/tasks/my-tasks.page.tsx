import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ok, taskPath } from '../api/client';
import { formatInstant } from '../ui/dates';
import { ErrorNotice, useLoad } from '../ui/page-state';
import { Pager } from '../ui/pager';
import { usePageTitle } from '../ui/page-title';
import { DocumentsToNumber } from './components/documents-to-number';
import { PapersToScan } from './components/papers-to-scan';
import { DueDate, StatusWord } from './components/due-date';
import { cycleText, taskTitleText } from './components/format';
import { usePeople } from './components/people';
import { RehearsalMark } from './components/rehearsal-mark';
import { localized, TASK_KINDS, type TaskKind } from './task-types';
import './tasks.css';

const PAGE_SIZE = 20;
type Tab = 'open' | 'completed';
type Due = '' | 'soon' | 'overdue';

/** My tasks: open ones by due date (overdue first and said so), filters, the completed ones, paging. */
export default function MyTasksPage() {
  const { t, i18n } = useTranslation('tasks');
  const { nameOf, me } = usePeople();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'completed' ? 'completed' : 'open';
  const kind = (TASK_KINDS as readonly string[]).includes(params.get('kind') ?? '')
    ? (params.get('kind') as TaskKind)
    : '';
  const cycleId = params.get('cycle') ?? '';
  const due: Due =
    tab === 'open' && (params.get('due') === 'soon' || params.get('due') === 'overdue')
      ? (params.get('due') as Due)
      : '';
  const page = Math.max(1, Number(params.get('page')) || 1);

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  usePageTitle(t('inbox.title'));

  const { data, error, loading } = useLoad(
    () =>
      ok(
        api.GET('/api/v1/me/tasks', {
          params: {
            query: {
              // The completed tab: everything with nothing more to do (a follow-up may have resolved itself).
              status: tab === 'completed' ? 'done' : 'open',
              limit: PAGE_SIZE,
              offset: (page - 1) * PAGE_SIZE,
              ...(kind ? { kind } : {}),
              ...(cycleId ? { cycleId } : {}),
              ...(due ? { due } : {}),
            },
          },
        }),
      ),
    [tab, kind, cycleId, due, page],
  );

  // Cycles to filter by: the organisation's (when the API lists them to this user) and those of the tasks seen.
  const [cycles, setCycles] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void api.GET('/api/v1/cycles', { params: { query: { limit: 50 } } }).then(({ data: found }) => {
      if (live && found) setCycles(found.items.map((c) => c.id));
    });
    return () => {
      live = false;
    };
  }, []);
  const cycleOptions = useMemo(
    () =>
      [
        ...new Set([
          ...cycles,
          ...(data?.items ?? []).map((task) => task.cycleId),
          ...(cycleId ? [cycleId] : []),
        ]),
      ]
        .sort()
        .reverse(),
    [cycles, data, cycleId],
  );

  const total = data?.total ?? 0;
  const filtered = !!(kind || cycleId || due);

  return (
    <section className="my-tasks" aria-labelledby="my-tasks-title" aria-busy={loading}>
      <h1 id="my-tasks-title">{t('inbox.title')}</h1>
      <DocumentsToNumber />
      <PapersToScan />
      <div className="inbox-tabs" role="group" aria-label={t('inbox.show')}>
        {(['open', 'completed'] as const).map((value) => (
          <button
            key={value}
            type="button"
            className={`button${tab === value ? ' button-primary' : ''}`}
            aria-pressed={tab === value}
            onClick={() => set({ tab: value === 'open' ? '' : value, due: '' })}
          >
            {t(`inbox.tab.${value}`)}
          </button>
        ))}
      </div>
      <form
        className="inbox-filters"
        role="search"
        aria-label={t('inbox.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field">
          <label htmlFor="filter-kind">{t('inbox.kind')}</label>
          <select id="filter-kind" value={kind} onChange={(e) => set({ kind: e.target.value })}>
            <option value="">{t('inbox.allKinds')}</option>
            {TASK_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`kind.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-cycle">{t('inbox.cycle')}</label>
          <select id="filter-cycle" value={cycleId} onChange={(e) => set({ cycle: e.target.value })}>
            <option value="">{t('inbox.allCycles')}</option>
            {cycleOptions.map((value) => (
              <option key={value} value={value}>
                {cycleText(value, t)}
              </option>
            ))}
          </select>
        </div>
        {tab === 'open' && (
          <div className="field">
            <label htmlFor="filter-due">{t('inbox.due')}</label>
            <select id="filter-due" value={due} onChange={(e) => set({ due: e.target.value })}>
              <option value="">{t('inbox.dueAny')}</option>
              <option value="soon">{t('inbox.dueSoon')}</option>
              <option value="overdue">{t('inbox.dueOverdue')}</option>
            </select>
          </div>
        )}
        {filtered && (
          <button
            type="button"
            className="button button-quiet inbox-clear"
            onClick={() => set({ kind: '', cycle: '', due: '' })}
          >
            {t('inbox.clear')}
          </button>
        )}
      </form>

      {error !== undefined && <ErrorNotice error={error} />}
      <p className="muted" role="status" aria-live="polite">
        {loading ? t('page.loading') : data ? t('inbox.count', { n: total }) : ''}
      </p>
      {data && data.items.length === 0 && (
        <div className="card inbox-empty">
          <p>
            {filtered
              ? t('inbox.emptyFiltered')
              : tab === 'open'
                ? t('inbox.emptyOpen')
                : t('inbox.emptyCompleted')}
          </p>
        </div>
      )}
      {/* What the amber mark means, where the page shows one: not a delay of the person's. */}
      {data?.items.some((task) => task.overdue && task.openedAfterDue) && (
        <p className="notice inbox-given-late-note" role="note">
          <strong>{t('due.givenLate')}:</strong> {t('inbox.givenLateNote')}
        </p>
      )}
      {data && data.items.length > 0 && (
        <table className="inbox-table stacked-table">
          <caption className="visually-hidden">{t(`inbox.tab.${tab}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inbox.col.task')}</th>
              <th scope="col">{t('inbox.col.kind')}</th>
              <th scope="col">{t('inbox.col.cycle')}</th>
              <th scope="col">{t('inbox.col.due')}</th>
              <th scope="col">{t('inbox.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((task) => (
              <tr
                key={task.id}
                className={
                  task.overdue ? (task.openedAfterDue ? 'inbox-given-late' : 'inbox-overdue') : undefined
                }
              >
                <td className="inbox-title">
                  <Link to={taskPath(task.id)}>
                    {taskTitleText(localized(task.title, i18n.language), task.periodKey, t)}
                  </Link>
                  {/* In the inbox as a delegate (a unit head, or the one a task was reassigned from). */}
                  {me && task.assigneeUserId !== me.userId && (
                    <span className="inbox-for-other muted">
                      {t('inbox.forOther', { who: nameOf(task.assigneeUserId) })}
                    </span>
                  )}
                  {/* Being talked about: the messages are on the task's page ("Trao đổi về việc"). */}
                  {task.commentCount > 0 && task.lastCommentedAt && (
                    <span className="inbox-comments muted">
                      {t('inbox.comments', {
                        count: task.commentCount,
                        when: formatInstant(task.lastCommentedAt, i18n.language),
                      })}
                    </span>
                  )}
                </td>
                <td data-label={t('inbox.col.kind')}>{t(`kind.${task.kind}`)}</td>
                <td data-label={t('inbox.col.cycle')}>
                  {cycleText(task.cycleId, t)}
                  {task.rehearsal && <RehearsalMark />}
                </td>
                <td data-label={t('inbox.col.due')}>
                  <DueDate dueAt={task.dueAt} overdue={task.overdue} givenLate={task.openedAfterDue} />
                </td>
                <td data-label={t('inbox.col.status')}>
                  <StatusWord status={task.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {/* The page in the address (?page=2), so that back and a shared link land on it. */}
      <Pager
        total={total}
        limit={PAGE_SIZE}
        offset={(page - 1) * PAGE_SIZE}
        label={t('inbox.paging')}
        onOffset={(offset) => set({ page: offset ? String(offset / PAGE_SIZE + 1) : '' })}
        busy={loading}
      />
    </section>
  );
}
