import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router-dom';
import { api } from '../api/client';
import { hasRole, useSession } from '../auth/session';
import { LanguageSwitch } from './language-switch';
import { NotificationBell } from '../notifications/notification-bell';
import { PrintHeading } from './print-heading';
import { onTasksChanged } from '../tasks/task-changes';

/**
 * Overdue tasks read to tell whether all of them were given after their due date (a year adopted or
 * approved late): then the count is amber, as those rows are in My tasks, not red. More than these
 * is red whatever they are.
 */
const OVERDUE_READ = 20;

/**
 * How many open and overdue tasks the signed-in user has, for the navigation. Not asked by a session
 * opened from an e-mailed link: it has no navigation, and the API refuses it every route but its task.
 */
function useTaskCounts(asked: boolean) {
  const location = useLocation();
  const [counts, setCounts] = useState<{ open: number; overdue: number; allGivenLate: boolean } | null>(null);
  const [changes, setChanges] = useState(0);
  useEffect(() => onTasksChanged(() => setChanges((n) => n + 1)), []);
  useEffect(() => {
    if (!asked) return;
    let live = true;
    Promise.all([
      api.GET('/api/v1/me/tasks', { params: { query: { limit: 1 } } }),
      api.GET('/api/v1/me/tasks', { params: { query: { limit: OVERDUE_READ, due: 'overdue' } } }),
    ]).then(([open, overdue]) => {
      if (live && open.data && overdue.data)
        setCounts({
          open: open.data.total,
          overdue: overdue.data.total,
          allGivenLate:
            overdue.data.total <= overdue.data.items.length &&
            overdue.data.items.every((task) => task.openedAfterDue),
        });
    });
    return () => {
      live = false;
    };
  }, [asked, location.pathname, changes]);
  return counts;
}

/** The frame of every signed-in page: who you are, where to go, language, sign out. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const linkSession = user?.authenticatedBy === 'task-link';
  const counts = useTaskCounts(!linkSession);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          qcycle
        </Link>
        {!linkSession && (
          <nav aria-label={t('nav.label')} className="nav">
            <NavLink to="/" end>
              {t('nav.myTasks')}
              {counts && (
                <span
                  className={`badge${counts.overdue === 0 ? '' : counts.allGivenLate ? ' badge-warn' : ' badge-danger'}`}
                >
                  <span className="visually-hidden">{t('nav.openCount')}: </span>
                  {counts.open}
                </span>
              )}
            </NavLink>
            {hasRole(
              user,
              'quality-representative',
              'leader',
              'auditor',
              'lead-auditor',
              'external-auditor',
              'unit-head',
              'admin',
              'clerk',
            ) && <NavLink to="/cycles">{t('nav.cycles')}</NavLink>}
            {hasRole(user, 'admin', 'quality-representative', 'external-auditor') && (
              <NavLink to="/calendar">{t('nav.calendar')}</NavLink>
            )}
            {hasRole(user, 'admin') && <NavLink to="/directory">{t('nav.directory')}</NavLink>}
          </nav>
        )}
        <div className="topbar-end">
          {!linkSession && <NotificationBell />}
          <LanguageSwitch />
          {linkSession ? (
            <span className="who" title={user?.email}>
              {user?.fullName}
            </span>
          ) : (
            // Their own page: who they are signed in as, and their password.
            <Link className="who who-link" to="/account" title={`${user?.email ?? ''} — ${t('nav.account')}`}>
              <span className="who-name">{user?.fullName}</span>
              <span className="who-short">{t('nav.account')}</span>
            </Link>
          )}
          <button type="button" className="button button-quiet" onClick={() => signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <PrintHeading organisationCode={linkSession ? null : (user?.organisationCode ?? null)} />
        {children}
      </main>
    </div>
  );
}
