import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { api, ok } from '../api/client';
import { hasRole, useSession } from '../auth/session';
import { ErrorNotice, useLoad } from '../ui/page-state';
import { useFormat } from './components/format';
import { Pager } from '../ui/pager';
import type { DiscardedRehearsal } from './components/discard-rehearsal';
import { yearPages } from './components/cycle-nav';
import { StartCycleForm } from './components/start-cycle-form';
import { StatusBadge } from './components/status-badge';
import { usePageTitle } from '../ui/page-title';
import './cycles.css';

const PAGE = 20;

/** The organisation's cycles, newest year first; the Quality Representative starts one here. */
export default function CyclesPage() {
  const { t } = useTranslation('cycles');
  usePageTitle(t('list.title'));
  const { user } = useSession();
  const format = useFormat();
  const [offset, setOffset] = useState(0);
  // Arrived from a rehearsal just discarded: its year is free to start again, below.
  const discarded = (useLocation().state as Partial<DiscardedRehearsal> | null)?.discardedYear;
  const { data, error, loading } = useLoad(
    () => ok(api.GET('/api/v1/cycles', { params: { query: { limit: PAGE, offset } } })),
    [offset],
  );

  return (
    <div className="cycle-page">
      <h1>{t('list.title')}</h1>
      <p className="muted">{t('list.lead')}</p>
      {discarded && (
        <div className="notice notice-ok" role="status">
          {t('discard.done', { year: discarded })}
        </div>
      )}
      {hasRole(user, 'quality-representative') && <StartCycleForm />}
      <section aria-labelledby="list-heading" aria-busy={loading}>
        <h2 id="list-heading">{t('list.heading')}</h2>
        {error ? (
          <ErrorNotice error={error} />
        ) : loading && !data ? (
          <p className="loading">{t('loading')}</p>
        ) : data && data.items.length === 0 ? (
          <p className="notice">{t('list.empty')}</p>
        ) : (
          data && (
            <>
              <div className="table-scroll">
                {/* On a phone each year a card of labelled lines, its links side by side as they fit. */}
                <table className="cycles-table stacked-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('list.year')}</th>
                      <th scope="col">{t('list.phase')}</th>
                      <th scope="col">{t('list.status')}</th>
                      <th scope="col">{t('list.started')}</th>
                      <th scope="col">{t('list.links')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((cycle) => {
                      const base = `/cycles/${encodeURIComponent(cycle.id)}`;
                      return (
                        <tr key={cycle.id}>
                          <th scope="row">
                            <Link to={base}>{t('list.yearLink', { year: cycle.year })}</Link>
                            {cycle.rehearsal && (
                              <span className="status status-warn rehearsal-mark">{t('list.rehearsal')}</span>
                            )}
                          </th>
                          <td data-label={t('list.phase')}>{t(`phase.${cycle.phase}`)}</td>
                          <td data-label={t('list.status')}>
                            <StatusBadge status={cycle.status} group="cycleStatus" />
                          </td>
                          <td data-label={t('list.started')}>{format.dateTime(cycle.startedAt)}</td>
                          <td data-label={t('list.links')}>
                            <div className="row-links">
                              <Link to={base} aria-label={t('list.dashboardOf', { year: cycle.year })}>
                                {t('nav.dashboard')}
                              </Link>
                              {yearPages(user).map(({ path, label, labelOfYear }) => (
                                <Link
                                  key={path}
                                  to={`${base}/${path}`}
                                  aria-label={t(labelOfYear, { year: cycle.year })}
                                >
                                  {t(label)}
                                </Link>
                              ))}
                            </div>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <Pager
                total={data.total}
                limit={PAGE}
                offset={offset}
                label={t('list.pages')}
                onOffset={setOffset}
                busy={loading}
              />
            </>
          )
        )}
      </section>
    </div>
  );
}
