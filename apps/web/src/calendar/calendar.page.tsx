import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiProblem, ok } from '../api/client';
import { hasRole, useSession } from '../auth/session';
import { useReturnFocus } from '../directory/return-focus';
import { vietnamToday } from '../ui/dates';
import { ErrorNotice, useLoad } from '../ui/page-state';
import { usePageTitle } from '../ui/page-title';
import { CalendarForm } from './calendar-form';
import { HolidaysSection, SettingsSummary, VersionFacts, VersionsSection } from './calendar-summary';
import './calendar.css';

/** The year in Vietnam now (the organisation's year, wherever the reader is). */
const thisYear = () => Number(vietnamToday().slice(0, 4));

/** What the last save said: its new version, or that another save came first. */
type Outcome = { saved: number } | { conflict: true } | null;

/**
 * The organisation's working calendar of a year (/calendar/<year>, this year without one): the
 * version in force (or the default), its holidays, the cycle's dates and the reminder allowances,
 * and the versions saved, each readable (?version=N). The administrator and the Quality
 * Representative save a new version — a Quality Representative adopting qcycle mid-year must, before
 * the year's cycle can start; the external auditor reads it.
 */
export default function CalendarPage() {
  const { t } = useTranslation('calendar');
  const { user } = useSession();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const year = params.year ?? String(thisYear());
  const requested = search.get('version');
  const version = requested && /^[1-9]\d{0,5}$/.test(requested) ? Number(requested) : undefined;
  const mayRead = hasRole(user, 'admin', 'quality-representative', 'external-auditor');
  const mayEdit = hasRole(user, 'admin', 'quality-representative');
  usePageTitle(t('title', { year }));

  const { data, error, loading, reload } = useLoad(async () => {
    if (!mayRead) return null;
    const path = { year };
    return Promise.all([
      ok(api.GET('/api/v1/calendars/{year}', { params: { path, query: version ? { version } : {} } })),
      ok(api.GET('/api/v1/calendars/{year}/versions', { params: { path } })),
    ]);
  }, [year, version, mayRead]);

  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const editButton = useReturnFocus();

  // Another year: what was being edited or said was of the one before.
  useEffect(() => {
    setEditing(false);
    setOutcome(null);
  }, [year]);

  // Another version of the same year is the same address to the router (usePageFocus): its heading
  // takes the focus here once it has loaded, as a new page's would, unless the page moved there
  // itself after a save, whose outcome has the focus.
  const shownVersion = useRef(version);
  const movedBySave = useRef(false);
  useEffect(() => {
    if (loading || shownVersion.current === version) return;
    shownVersion.current = version;
    setEditing(false);
    if (movedBySave.current) movedBySave.current = false;
    else {
      // What the last save said is of the version in force, not of the one now read.
      setOutcome(null);
      heading.current?.focus();
    }
  }, [loading, version]);
  /** After a save (or a save that met another): the version in force, reloaded, and the outcome focused. */
  const showInForce = (said: Outcome) => {
    setEditing(false);
    setOutcome(said);
    if (version) {
      movedBySave.current = true;
      setSearch({}, { replace: true });
    } else reload();
  };
  // What the save said takes the focus once it is on the page: an effect after the render that shows
  // it, not a guess of how many frames that render takes on a slow machine.
  const said = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) said.current?.focus();
  }, [outcome]);

  const title = (
    <h1 ref={heading} tabIndex={-1}>
      {t('title', { year })}
    </h1>
  );
  const forbidden = !mayRead || (error instanceof ApiProblem && error.status === 403);
  if (forbidden)
    return (
      <div className="calendar">
        {title}
        <div className="notice notice-warn" role="alert">
          {t('notAllowed')}
        </div>
      </div>
    );

  const [calendar, versions] = data ?? [];
  const earlier = calendar && calendar.version !== calendar.currentVersion;
  return (
    <div className="calendar">
      {title}
      <p className="muted">{t('lead')}</p>
      <YearPicker year={year} />
      {outcome && (
        <div
          ref={said}
          tabIndex={-1}
          className={`notice ${'saved' in outcome ? 'notice-ok' : 'notice-error'}`}
          role={'saved' in outcome ? 'status' : 'alert'}
        >
          {'saved' in outcome ? t('saved', { version: outcome.saved, year }) : t('conflict', { year })}
        </div>
      )}
      {error ? <ErrorNotice error={error} /> : null}
      {loading && !calendar && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      {calendar && versions && (
        <>
          <VersionFacts calendar={calendar} />
          {earlier && (
            <div className="notice notice-warn">
              {t('version.viewingEarlier', { version: calendar.version, current: calendar.currentVersion })}{' '}
              <Link to={`/calendar/${year}`}>{t('version.backToCurrent')}</Link>
            </div>
          )}
          {calendar.yearsWithoutOfficialList.length > 0 && (
            <div className="notice notice-warn">
              {t('noOfficialList', { years: calendar.yearsWithoutOfficialList.join(', ') })}
            </div>
          )}
          {!mayEdit ? (
            <p className="muted">{t('readOnly')}</p>
          ) : editing ? (
            <CalendarForm
              year={calendar.year}
              settings={calendar.settings}
              currentVersion={calendar.currentVersion}
              startOfYearDefaults={calendar.startOfYearDefaults}
              onCancel={() => {
                setEditing(false);
                editButton.restore();
              }}
              // The version saved is now the one in force: shown, rather than the earlier one it came from.
              onSaved={(saved) => showInForce({ saved: saved.version })}
              onConflict={() => showInForce({ conflict: true })}
            />
          ) : (
            <div className="actions">
              <button
                id="calendar-edit"
                type="button"
                className="button button-primary"
                onClick={() => {
                  editButton.remember('calendar-edit');
                  setOutcome(null);
                  setEditing(true);
                }}
              >
                {earlier ? t('edit.openFrom', { version: calendar.version }) : t('edit.open')}
              </button>
            </div>
          )}
          {!editing && <SettingsSummary calendar={calendar} />}
          <HolidaysSection calendar={calendar} />
          <VersionsSection
            year={calendar.year}
            versions={versions.items}
            shown={calendar.version}
            current={calendar.currentVersion}
          />
        </>
      )}
    </div>
  );
}

/** Last year, this year and next year (and the year shown, when it is another), as links. */
function YearPicker({ year }: { year: string }) {
  const { t } = useTranslation('calendar');
  const now = thisYear();
  const years = [...new Set([now - 1, now, now + 1, Number(year)])]
    .filter((y) => Number.isInteger(y) && y >= 2000 && y <= 2100)
    .sort((a, b) => a - b);
  return (
    <nav className="view-tabs" aria-label={t('years.label')}>
      {years.map((y) => (
        <Link
          key={y}
          to={`/calendar/${y}`}
          aria-current={String(y) === year ? 'page' : undefined}
          className={String(y) === year ? 'view-tab view-tab-current' : 'view-tab'}
        >
          {t('years.year', { year: y })}
        </Link>
      ))}
    </nav>
  );
}
