import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';

/** The pages of one cycle: dashboard, internal audit, review and report, documents, history. */
export function CycleNav({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation('cycles');
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
      <NavLink to={`${base}/history`}>{t('nav.history')}</NavLink>
    </nav>
  );
}
