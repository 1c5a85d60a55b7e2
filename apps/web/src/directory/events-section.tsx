import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { Field } from '../ui/field';
import { useLoad } from '../ui/page-state';
import { formatInstant } from '../ui/dates';
import { unitName, type DirectoryEvent, type Unit } from './directory-data';
import { PagedTable } from './directory-kit';

const PAGE_SIZE = 20;
const TYPE_FILTERS = ['', 'unit.', 'user.', 'role.', 'organisation.'] as const;
const KNOWN_TYPES = [
  'organisation.created',
  'organisation.renamed',
  'unit.created',
  'unit.changed',
  'unit.deleted',
  'user.created',
  'user.changed',
  'role.granted',
  'role.revoked',
];

/** Names of the people an event page mentions (actors and the users changed), each read once. */
function usePeople(events: DirectoryEvent[] | undefined) {
  const [names, setNames] = useState<Record<string, string>>({});
  const asked = useRef(new Set<string>());
  useEffect(() => {
    if (!events) return;
    const wanted = new Set<string>();
    for (const event of events) {
      wanted.add(event.actor);
      if (typeof event.payload.userId === 'string') wanted.add(event.payload.userId);
      if (typeof event.payload.workHeadUserId === 'string') wanted.add(event.payload.workHeadUserId);
    }
    const missing = [...wanted].filter((id) => !asked.current.has(id));
    if (missing.length === 0) return;
    missing.forEach((id) => asked.current.add(id));
    void Promise.all(
      missing.map((id) =>
        api
          .GET('/api/v1/users/{id}', { params: { path: { id } } })
          .then(({ data }) => [id, data?.fullName ?? ''] as const),
      ),
    ).then((found) => setNames((known) => ({ ...known, ...Object.fromEntries(found) })));
  }, [events]);
  return names;
}

/** The directory's change log, newest first: who changed what, when and from where. */
export function EventsSection({ allUnits }: { allUnits: Unit[] }) {
  const { t, i18n } = useTranslation('directory');
  const [offset, setOffset] = useState(0);
  const [type, setType] = useState<(typeof TYPE_FILTERS)[number]>('');
  const page = useLoad(
    () =>
      ok(
        api.GET('/api/v1/directory/events', {
          params: { query: { limit: PAGE_SIZE, offset, ...(type ? { type } : {}) } },
        }),
      ),
    [offset, type],
  );
  const names = usePeople(page.data?.items);
  const person = (id: unknown) =>
    typeof id === 'string' ? names[id] || t('events.someone', { id: id.slice(0, 8) }) : '—';
  const byCode = new Map(allUnits.map((unit) => [unit.code, unit]));
  const unit = (code: unknown) =>
    typeof code === 'string' ? (byCode.has(code) ? unitName(byCode.get(code)!, i18n.language) : code) : '—';

  /**
   * What the change was, and how it came: for one made by an import, the file's row it came from;
   * for a password the person set themself, how (the mailed link, their account page).
   */
  const describe = (event: DirectoryEvent): string => {
    const {
      importedFromRow: row,
      importedFromSheet: sheet,
      passwordSetVia: via,
    } = event.payload as Record<string, unknown>;
    const said = describeChange(event);
    // A unit's change, or a unit's head its row names, came from the units' sheet.
    const unitsSheet = event.type.startsWith('unit.') || sheet === 'units';
    if (typeof row === 'number')
      return `${said} ${t(unitsSheet ? 'events.fromImportUnit' : 'events.fromImport', { row })}`;
    if (via === 'emailLink' || via === 'ownAccount') return `${said} ${t(`events.passwordSetVia.${via}`)}`;
    return said;
  };

  const describeChange = (event: DirectoryEvent): string => {
    const p = event.payload as Record<string, unknown>;
    const role = typeof p.role === 'string' ? t(`roles.${p.role}`) : '';
    const roleWithUnit = p.unitCode ? `${role} — ${unit(p.unitCode)}` : role;
    switch (event.type) {
      case 'unit.changed': {
        const said = t('events.say.unit.changed', { unit: unit(p.code), code: p.code });
        if (p.workHeadUserId === undefined) return said;
        const workHead = p.workHeadUserId
          ? t('events.workHead.chosen', { name: person(p.workHeadUserId) })
          : t('events.workHead.byName');
        return `${said} ${workHead}`;
      }
      case 'unit.created':
      case 'unit.deleted':
        return t(`events.say.${event.type}`, { unit: unit(p.code), code: p.code });
      case 'user.created':
        return t('events.say.user.created', { email: p.email, name: person(p.userId) });
      case 'user.changed': {
        const fields = Object.keys(p)
          .filter((key) => key !== 'userId' && key !== 'importedFromRow' && key !== 'passwordSetVia')
          .map((key) =>
            key === 'active'
              ? p.active
                ? t('events.fields.reactivated')
                : t('events.fields.deactivated')
              : key === 'auditorCertificate' && p.auditorCertificate === null
                ? t('events.fields.auditorCertificateRemoved')
                : t(`events.fields.${key}`, { defaultValue: key }),
          );
        return t('events.say.user.changed', { name: person(p.userId), fields: fields.join(', ') });
      }
      case 'role.granted':
      case 'role.revoked':
        return t(`events.say.${event.type}`, { role: roleWithUnit, name: person(p.userId) });
      case 'organisation.created':
      case 'organisation.renamed':
        return t(`events.say.${event.type}`);
      default:
        return event.type;
    }
  };

  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading">{t('events.title')}</h2>
      <div className="dir-filters">
        <Field label={t('events.type')}>
          {({ id }) => (
            <select
              id={id}
              value={type}
              onChange={(e) => {
                setOffset(0);
                setType(e.target.value as (typeof TYPE_FILTERS)[number]);
              }}
            >
              {TYPE_FILTERS.map((filter) => (
                <option key={filter} value={filter}>
                  {t(`events.filter.${filter ? filter.slice(0, -1) : 'all'}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <PagedTable
        page={page}
        count={(n) => t('events.count', { n })}
        caption={t('events.title')}
        // Focusable: wider than a phone, narrower than a desk, the log scrolls sideways in its box.
        scrollLabel={t('events.table')}
        columns={[t('events.when'), t('events.who'), t('events.what'), t('events.from')]}
        row={(event, index) => (
          <tr key={`${event.occurredAt}-${event.requestId ?? ''}-${index}`}>
            <td className="dir-nowrap">
              <time dateTime={event.occurredAt}>{formatInstant(event.occurredAt, i18n.language)}</time>
            </td>
            <td data-label={t('events.who')}>{person(event.actor)}</td>
            <td data-label={t('events.what')}>
              <span className="status">
                {KNOWN_TYPES.includes(event.type) ? t(`events.types.${event.type}`) : event.type}
              </span>{' '}
              {describe(event)}
            </td>
            <td data-label={t('events.from')}>
              {event.clientAddress ?? '—'}
              {event.requestId && (
                <span className="dir-sub">
                  {t('events.request')}: <code>{event.requestId.slice(0, 8)}</code>
                </span>
              )}
            </td>
          </tr>
        )}
        pagesLabel={t('events.pages')}
        onOffset={setOffset}
      />
    </section>
  );
}
