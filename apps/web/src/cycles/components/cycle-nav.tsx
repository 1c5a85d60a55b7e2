import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { hasRole, useSession, type Me } from '../../auth/session';
import { EVENT_LOG_READERS } from './record-history-link';

/**
 * A year's pages beyond its dashboard, in the order the year runs: internal audit, review and
 * report, documents, and the history for those the API lets read the event log (a unit head or a
 * staff member would open a page that only says they may not). Each a path under the cycle's and
 * its name's key in the `cycles` catalogue.
 */
export function yearPages(user: Me | null): { path: string; label: `nav.${string}` }[] {
  return [
    { path: 'audit', label: 'nav.audit' },
    { path: 'review', label: 'nav.review' },
    { path: 'documents', label: 'nav.documents' },
    ...(hasRole(user, ...EVENT_LOG_READERS) ? [{ path: 'history', label: 'nav.history' as const }] : []),
  ];
}

/** The pages of one cycle: all cycles, its dashboard, then {@link yearPages}. */
export function CycleNav({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation('cycles');
  const { user } = useSession();
  const base = `/cycles/${encodeURIComponent(cycleId)}`;
  return (
    <nav className="cycle-nav" aria-label={t('nav.label')}>
      <NavLink to="/cycles" end>
        {t('nav.all')}
      </NavLink>
      <NavLink to={base} end>
        {t('nav.dashboard')}
      </NavLink>
      {yearPages(user).map(({ path, label }) => (
        <NavLink key={path} to={`${base}/${path}`}>
          {t(label)}
        </NavLink>
      ))}
    </nav>
  );
}
