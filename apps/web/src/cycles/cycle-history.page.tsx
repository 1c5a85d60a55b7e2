import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiProblem, ok } from '../api/client';
import { Field } from '../ui/field';
import { ErrorNotice, useLoad } from '../ui/page-state';
import { EventDetails } from '../tasks/components/event-details';
import { IndicatorNames } from '../tasks/components/readable-value';
import { indicatorName, useCycleObjectives } from '../tasks/components/use-cycle-objectives';
import { CycleNav } from './components/cycle-nav';
import { cycleYear } from './cycle-year';
import { useDirectoryNames } from './components/directory-names';
import { describeTask, useFormat, type Schemas } from './components/format';
import { Pager } from '../ui/pager';
import { usePageTitle } from '../ui/page-title';
import './cycles.css';
import { DateInput } from '../ui/date-input';
import { EVENT_TYPES } from './event-types';
import { EvidenceNamesProvider } from '../ui/evidence';
import { historyOfRecord } from './components/record-history-link';
import { hasRole, useSession } from '../auth/session';
import { EraseFileContent } from './components/erase-file-content';
import { subjectText, type Subject } from './components/record-subject';

type EventEntry = Schemas['EventLogEntryView'];

const PAGE = 50;

/** The event types the engine writes (activities/), grouped; a group filters by its prefix (`task.`). */

interface Filters {
  type: string;
  actor: string;
  from: string;
  to: string;
  /** One record's events only (a task, a corrective action): set by a link, not by the form. */
  subject: string;
  /** Newest first (what happened last, on the first page) or oldest first (the year as it went). */
  order: 'desc' | 'asc';
}
const NO_FILTERS: Filters = { type: '', actor: '', from: '', to: '', subject: '', order: 'desc' };
const FILTER_NAMES = ['type', 'actor', 'from', 'to', 'subject', 'order'] as const;

/** A day in Vietnam time, as the instant it starts or ends (the API filters by instants). */
const dayStart = (day: string) => new Date(`${day}T00:00:00.000+07:00`).toISOString();
const dayEnd = (day: string) => new Date(`${day}T23:59:59.999+07:00`).toISOString();

/** Who did what when: the cycle's append-only event log, filtered by type, person and dates, paged. */
export default function CycleHistoryPage() {
  const { cycleId = '' } = useParams();
  const { t } = useTranslation('cycles');
  usePageTitle(t('history.title', { year: cycleYear(cycleId) }));
  const format = useFormat();
  const names = useDirectoryNames();
  // A correction's figures are said by their indicators' names.
  const { i18n } = useTranslation();
  const objectives = useCycleObjectives(cycleId, true);
  const nameOfIndicator = useCallback(
    (id: string) => indicatorName(id, i18n.language, objectives),
    [objectives, i18n.language],
  );
  // Filters and position in the address, as the inbox's: a reload, a link or Back keeps them.
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    type: params.get('type') ?? '',
    actor: params.get('actor') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    subject: params.get('subject') ?? '',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
  };
  const offset = Math.max(0, Math.floor(Number(params.get('offset')) || 0));
  const show = (next: Filters, nextOffset: number) => {
    const search = new URLSearchParams();
    for (const name of FILTER_NAMES) if (next[name] !== NO_FILTERS[name]) search.set(name, next[name]);
    if (nextOffset > 0) search.set('offset', String(nextOffset));
    setParams(search);
  };
  const [draft, setDraft] = useState<Filters>(filters);
  // Back or Forward to other filters: the form shows them.
  const shown = params.toString();
  useEffect(() => setDraft(filters), [shown]);
  const [seenActors, setSeenActors] = useState<string[]>([]);

  const { user } = useSession();
  // The Quality Representative may erase a file's content from its upload's row.
  const mayErase = hasRole(user, 'quality-representative');
  const { data, error, loading, reload } = useLoad(async () => {
    const page = await ok(
      api.GET('/api/v1/cycles/{cycleId}/events', {
        params: {
          path: { cycleId },
          query: {
            limit: PAGE,
            offset,
            type: filters.type || undefined,
            actor: filters.actor || undefined,
            from: filters.from ? dayStart(filters.from) : undefined,
            to: filters.to ? dayEnd(filters.to) : undefined,
            subject: filters.subject || undefined,
            order: filters.order,
          },
        },
      }),
    );
    setSeenActors((known) => [...new Set([...known, ...page.items.map((e) => e.actor)])]);
    return page;
  }, [cycleId, offset, ...FILTER_NAMES.map((name) => filters[name])]);

  const actors = useMemo(() => {
    const all = new Map<string, string>(names.people);
    for (const id of seenActors) if (!all.has(id)) all.set(id, names.person(id));
    all.delete('system');
    return [...all.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [names, seenActors]);

  // What each event is about (a task, a nonconformity), as the API names it with the page.
  const subjects = useMemo(
    () => new Map((data?.subjects ?? []).map((subject) => [subject.id, subject])),
    [data],
  );

  const apply = (event: FormEvent) => {
    event.preventDefault();
    show(draft, 0);
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    show(NO_FILTERS, 0);
  };
  const problem = error instanceof ApiProblem ? error : null;
  const rangeProblem =
    draft.from && draft.to && draft.from > draft.to ? [{ path: 'to', reason: t('history.badRange') }] : [];

  return (
    <div className="cycle-page">
      <CycleNav cycleId={cycleId} />
      <h1>{t('history.title', { year: cycleYear(cycleId) })}</h1>
      <form className="card filters" onSubmit={apply} aria-label={t('history.filters')}>
        <div className="form-grid">
          <Field label={t('history.type')} problems={problem?.at('type') ?? []}>
            {({ id, describedBy }) => (
              <select
                id={id}
                aria-describedby={describedBy}
                value={draft.type}
                onChange={(e) => setDraft({ ...draft, type: e.target.value })}
              >
                <option value="">{t('history.allTypes')}</option>
                {Object.entries(EVENT_TYPES).map(([group, types]) => (
                  <optgroup key={group} label={t(`eventGroup.${group}`)}>
                    <option value={`${group}.`}>
                      {t('history.anyOf', { group: t(`eventGroup.${group}`) })}
                    </option>
                    {types.map((type) => (
                      <option key={type} value={type}>
                        {t(`eventType.${type}`, { defaultValue: type })}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('history.actor')} problems={problem?.at('actor') ?? []}>
            {({ id, describedBy }) => (
              <select
                id={id}
                aria-describedby={describedBy}
                value={draft.actor}
                onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
              >
                <option value="">{t('history.allPeople')}</option>
                <option value="system">{t('people.system')}</option>
                {actors.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('history.from')} problems={problem?.at('from') ?? []}>
            {({ id, describedBy }) => (
              <DateInput
                id={id}
                aria-describedby={describedBy}
                value={draft.from}
                onChange={(from) => setDraft({ ...draft, from })}
              />
            )}
          </Field>
          <Field label={t('history.to')} problems={[...rangeProblem, ...(problem?.at('to') ?? [])]}>
            {({ id, describedBy, invalid }) => (
              <DateInput
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                value={draft.to}
                onChange={(to) => setDraft({ ...draft, to })}
              />
            )}
          </Field>
          <Field label={t('history.order')}>
            {({ id }) => (
              <select
                id={id}
                value={draft.order}
                onChange={(e) => setDraft({ ...draft, order: e.target.value === 'asc' ? 'asc' : 'desc' })}
              >
                <option value="desc">{t('history.newestFirst')}</option>
                <option value="asc">{t('history.oldestFirst')}</option>
              </select>
            )}
          </Field>
        </div>
        <p className="muted small">{t('history.timeZone')}</p>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={rangeProblem.length > 0}>
            {t('history.apply')}
          </button>
          <button type="button" className="button" onClick={clear}>
            {t('history.clear')}
          </button>
        </div>
      </form>

      <section aria-labelledby="events-heading" aria-busy={loading}>
        <h2 id="events-heading">
          {t('history.events')}
          {/* While other filters are asked, the rows shown are the last answer's: said so, and dimmed. */}
          {data && (
            <span className="muted small">
              {' '}
              ({loading ? t('loading') : t('history.total', { count: data.total })})
            </span>
          )}
        </h2>
        {filters.subject && (
          // One record's history, reached by a link: said which, with the way back to every event.
          <p className="notice history-subject">
            {t('history.onlyAbout', {
              subject: subjects.has(filters.subject)
                ? subjectText(subjects.get(filters.subject)!, t, i18n.language, names.unit)
                : filters.subject,
            })}{' '}
            <button type="button" className="button" onClick={() => show({ ...filters, subject: '' }, 0)}>
              {t('history.allSubjects')}
            </button>
          </p>
        )}
        {error && !(problem && problem.problems.length > 0) ? <ErrorNotice error={error} /> : null}
        {loading && !data && <p className="loading">{t('loading')}</p>}
        {data && data.items.length === 0 && <p className="notice">{t('history.empty')}</p>}
        {data && data.items.length > 0 && (
          <>
            <div className="table-scroll">
              <IndicatorNames.Provider value={nameOfIndicator}>
                {/* The files the events name, by name, as the API lists them with the page. */}
                <EvidenceNamesProvider cycleId={cycleId} records={[]} known={data.files}>
                  <table className="events-table stacked-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('history.when')}</th>
                        <th scope="col">{t('history.what')}</th>
                        <th scope="col">{t('history.who')}</th>
                        <th scope="col">{t('history.detail')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.items.map((entry) => (
                        <EventRow
                          key={entry.id}
                          entry={entry}
                          cycleId={cycleId}
                          subject={entry.subject ? subjects.get(entry.subject) : undefined}
                          subjectSaid={!!entry.subject && entry.subject === filters.subject}
                          when={format.dateTime(entry.occurredAt)}
                          who={names.person(entry.actor)}
                          person={names.person}
                          unit={names.unit}
                          erasable={
                            mayErase &&
                            entry.type === 'evidence.uploaded' &&
                            data.files.some(
                              (file) =>
                                file.id === (entry.payload as { evidenceId?: unknown }).evidenceId &&
                                !file.erased,
                            )
                          }
                          onErased={reload}
                        />
                      ))}
                    </tbody>
                  </table>
                </EvidenceNamesProvider>
              </IndicatorNames.Provider>
            </div>
            <Pager
              total={data.total}
              limit={PAGE}
              offset={offset}
              label={t('history.pages')}
              onOffset={(next) => show(filters, next)}
              busy={loading}
            />
          </>
        )}
      </section>
    </div>
  );
}

function EventRow({
  cycleId,
  entry,
  subject,
  subjectSaid,
  when,
  who,
  person,
  unit,
  erasable,
  onErased,
}: {
  cycleId: string;
  entry: EventEntry;
  /** What the event is about, named; its heading links to every event about it. */
  subject: Subject | undefined;
  /** The page shows only this record's events and says which above them: not repeated on each. */
  subjectSaid: boolean;
  when: string;
  who: string;
  person: (userId: string) => string;
  unit: (code: string) => string;
  /** An upload whose content this person may erase, still there. */
  erasable: boolean;
  onErased: () => void;
}) {
  const { t, i18n } = useTranslation('cycles');
  const payload = entry.payload as Record<string, unknown>;
  const facts: string[] = [];
  if (!subject) {
    // A record no longer there: what the event's own facts say.
    if (typeof payload.kind === 'string')
      facts.push(t(`tasks:kind.${payload.kind}`, { defaultValue: payload.kind }));
    if (typeof payload.taskId === 'string') {
      const described = describeTask(payload.taskId, t);
      if (described) facts.push(described);
    }
  }
  return (
    <tr>
      <td className="nowrap">{when}</td>
      <td data-label={t('history.what')}>
        {/* The event's code stays at hand for whoever reads the API's log, not in the text. */}
        <span title={entry.type}>{t(`eventType.${entry.type}`, { defaultValue: entry.type })}</span>
      </td>
      <td data-label={t('history.who')}>{who}</td>
      <td data-label={t('history.detail')}>
        {subjectSaid ? null : subject ? (
          <p className="event-facts">
            <Link to={historyOfRecord(cycleId, subject.id)} title={t('history.aboutLink')}>
              {subjectText(subject, t, i18n.language, unit)}
            </Link>
          </p>
        ) : (
          facts.length > 0 && <p className="event-facts">{facts.join(' · ')}</p>
        )}
        <EventDetails type={entry.type} payload={payload} nameOf={person} unitName={unit} omit={['kind']} />
        {entry.type === 'evidence.uploaded' && (
          <EraseFileContent
            cycleId={cycleId}
            evidenceId={String(payload.evidenceId)}
            fileName={String(payload.fileName)}
            erasable={erasable}
            onErased={onErased}
          />
        )}
      </td>
    </tr>
  );
}
