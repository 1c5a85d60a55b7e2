import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { hasRole, useSession } from '../../auth/session';
import { EVENT_LOG_READERS } from './record-history-link';

/**
 * The pages of one cycle: dashboard, internal audit, review and report, documents, and the history
 * for those the API lets read the event log (a unit head or a staff member would open a page that
 * only says they may not).
 */
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
      <NavLink to={`${base}/audit`}>{t('nav.audit')}</NavLink>
      <NavLink to={`${base}/review`}>{t('nav.review')}</NavLink>
      <NavLink to={`${base}/documents`}>{t('nav.documents')}</NavLink>
      {hasRole(user, ...EVENT_LOG_READERS) && <NavLink to={`${base}/history`}>{t('nav.history')}</NavLink>}
    </nav>
  );
}
