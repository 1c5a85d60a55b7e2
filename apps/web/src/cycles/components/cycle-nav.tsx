import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { hasRole, useSession, type Me } from '../../auth/session';
import { EVENT_LOG_READERS } from './record-history-link';

/**
 * A year's pages beyond its dashboard, in the order the year runs: internal audit, review and
 * report, documents, then the year's files and its history for those the API lets read the event
 * log (a unit head or a staff member would open a page that only says they may not). Each a path under the cycle's, with
 * its names' keys in the `cycles` catalogue.
 */
export function yearPages(user: Me | null): YearPage[] {
  return [
    { path: 'audit', label: 'nav.audit', labelOfYear: 'list.auditOf' },
    { path: 'review', label: 'nav.review', labelOfYear: 'list.reviewOf' },
    { path: 'documents', label: 'nav.documents', labelOfYear: 'list.documentsOf' },
    ...(hasRole(user, ...EVENT_LOG_READERS)
      ? ([
          { path: 'evidence', label: 'nav.evidence', labelOfYear: 'list.evidenceOf' },
          { path: 'history', label: 'nav.history', labelOfYear: 'list.historyOf' },
        ] as const)
      : []),
  ];
}

/** One of {@link yearPages}: its name alone, and with the year's (`{ year }`) where years are listed. */
export interface YearPage {
  path: string;
  label: `nav.${string}`;
  labelOfYear: `list.${string}Of`;
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
