import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { hasRole, useSession } from '../auth/session';
import { ErrorNotice } from '../ui/page-state';
import { forgetOrganisationUnits } from '../ui/units';
import { unitName, useAllUnits } from './directory-data';
import { EventsSection } from './events-section';
import { ImportSection } from './import-section';
import { UnitsSection } from './units-section';
import { UsersSection } from './users-section';
import { usePageTitle } from '../ui/page-title';
import './directory.css';

const VIEWS = ['users', 'import', 'units', 'events'] as const;
type View = (typeof VIEWS)[number];

/**
 * The administrator's directory: units, users and their roles, and the log of every change. One part
 * shows at a time, named in the address (?view=units), so a part can be linked and reloaded.
 */
export default function DirectoryPage() {
  const { t, i18n } = useTranslation('directory');
  const { user } = useSession();
  const organisation = useOrganisationName(user?.organisationCode, i18n.language);
  const [params] = useSearchParams();
  const requested = params.get('view');
  const view: View = VIEWS.includes(requested as View) ? (requested as View) : 'users';
  const [unitsVersion, setUnitsVersion] = useState(0);
  const { units, error: unitsError } = useAllUnits(unitsVersion);
  usePageTitle(`${t('title')}: ${t(`views.${view}`)}`);

  if (!hasRole(user, 'admin'))
    return (
      <>
        <h1>{t('title')}</h1>
        <div className="notice notice-warn" role="alert">
          {t('adminOnly')}
        </div>
      </>
    );

  return (
    <div className="directory">
      <h1>{t('title')}</h1>
      <p className="muted">{t('lead', { organisation })}</p>
      <nav className="view-tabs" aria-label={t('views.label')}>
        {VIEWS.map((name) => (
          <Link
            key={name}
            to={`/directory?view=${name}`}
            aria-current={view === name ? 'page' : undefined}
            className={view === name ? 'view-tab view-tab-current' : 'view-tab'}
          >
            {t(`views.${name}`)}
          </Link>
        ))}
      </nav>
      {unitsError ? <ErrorNotice error={unitsError} /> : null}
      {view === 'units' && (
        <UnitsSection
          allUnits={units}
          onUnitsChanged={() => {
            setUnitsVersion((v) => v + 1);
            forgetOrganisationUnits();
          }}
        />
      )}
      {view === 'users' && <UsersSection allUnits={units} />}
      {view === 'import' && (
        <ImportSection allUnits={units} onUnitsChanged={() => setUnitsVersion((v) => v + 1)} />
      )}
      {view === 'events' && <EventsSection allUnits={units} />}
    </div>
  );
}

/** The organisation's name in the reader's language; its code until the name is known. */
function useOrganisationName(code: string | undefined, language: string): string {
  const [name, setName] = useState<{ vi: string; en: string } | null>(null);
  useEffect(() => {
    if (!code) return;
    let live = true;
    void api
      .GET('/api/v1/organisations/{code}', { params: { path: { code } } })
      .then(({ data }) => live && data && setName(data.name));
    return () => {
      live = false;
    };
  }, [code]);
  return name ? unitName({ name }, language) : (code ?? '');
}
