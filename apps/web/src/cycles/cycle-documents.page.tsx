import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { api, ApiProblem, ok } from '../api/client';
import { everyPage } from '../api/every-page';
import type { components } from '../api/schema';
import { hasRole, useSession } from '../auth/session';
import { downloadDocument, type FileFormat } from '../ui/download';
import { evidenceReferenceOf } from '../ui/evidence';
import { ErrorNotice, useLoad } from '../ui/page-state';
import { CycleNav } from './components/cycle-nav';
import { cycleYear } from './cycle-year';
import { DispatchNumber } from './components/dispatch-number';
import { IssueYearReport, type YearEndReportRoute } from './components/issue-year-report';
import { AddSignedCopy } from './components/add-signed-copy';
import { SignedCopies } from './components/signed-copies';
import { YearDossier } from './components/year-dossier';
import { signedPapersOf, unscannedPapers, type SignedPaperScans } from './components/signed-papers';
import { useFormat } from './components/format';
import { DataTable } from './components/page-parts';
import {
  awaitsNumber,
  REGISTER_PAGE,
  registerKinds,
  registerView,
  type RegisterFilter,
} from './components/register-view';
import { Pager } from '../ui/pager';
import { usePageTitle } from '../ui/page-title';
import { Field } from '../ui/field';
import './cycles.css';

type RegisteredDocument = components['schemas']['DocumentVersionView'];
type DocumentType = RegisteredDocument['type'];

/**
 * The year's official documents, in the order the year issues them, each at the route that prints
 * it from the records (`/api/v1/cycles/{id}/…`, PDF or DOCX by `Accept`). A route answers 404 until
 * its record exists (the decision once approved, the minutes once the review is held…). The
 * nonconformity reports, one per finding, are in the register once printed. The two year-end reports
 * (`yearEnd`) are drafts until the close, and the Quality Representative issues them.
 */
const YEAR_DOCUMENTS: {
  type: DocumentType;
  route: string;
  formats: FileFormat[];
  yearEnd?: YearEndReportRoute;
}[] = [
  { type: 'objectives-decision', route: 'decision', formats: ['pdf', 'docx'] },
  { type: 'objectives-plan', route: 'plan', formats: ['pdf', 'docx'] },
  { type: 'audit-plan', route: 'audit/plan', formats: ['pdf', 'docx'] },
  { type: 'audit-report', route: 'audit', formats: ['pdf', 'docx'] },
  { type: 'review-minutes', route: 'review', formats: ['pdf', 'docx'] },
  { type: 'objectives-report', route: 'report', formats: ['pdf', 'docx'], yearEnd: 'report' },
  {
    type: 'annual-qms-report',
    route: 'annual-qms-report',
    formats: ['pdf', 'docx', 'xlsx', 'csv'],
    yearEnd: 'annual-qms-report',
  },
  { type: 'conformity-announcement', route: 'conformity-announcement', formats: ['pdf', 'docx'] },
];

/** The register's kinds in the order the year issues them: the nonconformity forms after the audit. */
const REGISTER_ORDER: DocumentType[] = YEAR_DOCUMENTS.flatMap(({ type }) =>
  type === 'audit-report' ? [type, 'nonconformity-report' as const] : [type],
);

/**
 * The cycle's documents: each official document of the year printed from the records, in PDF and
 * DOCX (the yearly report also as the Department's XLSX and CSV), and the register of every version
 * issued (ISO 7.5.3), each downloadable exactly as it was issued. Before the close the two year-end
 * reports are shown as drafts (what a download gives unless the records are those of the version
 * issued), with the version last issued, and the Quality Representative's button that issues them.
 */
export default function CycleDocumentsPage() {
  const { cycleId = '' } = useParams();
  const { t, i18n } = useTranslation('cycles');
  // A document's title is its own, in Vietnamese as printed ("Quyết định số 123/QĐ-UBND"): an
  // English page names its kind first and gives that title below, marked as Vietnamese.
  const english = i18n.language === 'en';
  usePageTitle(t('documents.title', { year: cycleYear(cycleId) }));
  const format = useFormat();
  const { user } = useSession();
  // Whether the year is closed: until then the year-end reports are drafts.
  const cycle = useLoad(
    () => ok(api.GET('/api/v1/cycles/{cycleId}', { params: { path: { cycleId } } })),
    [cycleId],
  );
  const beforeClose = cycle.data !== undefined && cycle.data.status !== 'closed';
  // The scans of the signed decision and of the signed minutes: those their answers named and those
  // added since (before the approval or the review, or unreadable: nothing to show; each document's
  // own row says why it cannot be downloaded).
  const decision = useLoad(
    () =>
      ok(api.GET('/api/v1/cycles/{cycleId}/decision', { params: { path: { cycleId } } })).catch(() => null),
    [cycleId],
  );
  const review = useLoad(
    () => ok(api.GET('/api/v1/cycles/{cycleId}/review', { params: { path: { cycleId } } })).catch(() => null),
    [cycleId],
  );
  // Per signed paper: its scans, the record a scan is added to (none before it is recorded), and
  // what to read again once one is.
  const scans = signedPapersOf(decision.data, review.data);
  const signedPapers: Partial<Record<DocumentType, SignedPaperScans & { reload: () => void }>> = {
    'objectives-decision': { ...scans['objectives-decision'], reload: decision.reload },
    'review-minutes': { ...scans['review-minutes'], reload: review.reload },
  };
  // A paper signed after qcycle recorded it: its scan is added by the Quality Representative or the
  // văn thư (who keep the office's papers) while the year runs; after the close its records are final.
  const mayAddSignedCopy =
    cycle.data?.status === 'running' && hasRole(user, 'quality-representative', 'clerk');
  // The whole register: which version of each document is issued is its latest, on any page.
  const register = useLoad(
    () =>
      everyPage((window) => ok(api.GET('/api/v1/documents', { params: { query: { cycleId, ...window } } }))),
    [cycleId],
  );
  // The register's filters and page, kept in the address too: a reload or a link keeps them. Held
  // here first: the router applies a change of address in a transition, after a controlled box or
  // select would already have been drawn back as it was.
  const [params, setParams] = useSearchParams();
  const [{ offset, ...filter }, setRegisterView] = useState((): RegisterFilter & { offset: number } => ({
    // A kind the address names that is no kind of document (a link typed by hand): all of them.
    type: REGISTER_ORDER.find((type) => type === params.get('type')) ?? '',
    unnumbered: params.has('unnumbered'),
    offset: Math.max(0, Math.floor(Number(params.get('offset')) || 0)),
  }));
  const showRegister = (next: RegisterFilter, nextOffset = 0) => {
    setRegisterView({ ...next, offset: nextOffset });
    const search = new URLSearchParams();
    if (next.type) search.set('type', next.type);
    if (next.unnumbered) search.set('unnumbered', '');
    if (nextOffset > 0) search.set('offset', String(nextOffset));
    setParams(search, { replace: true });
  };
  // Numbered a moment ago on this page: still listed among the unnumbered, with what was recorded.
  const [numberedNow, setNumberedNow] = useState<ReadonlySet<string>>(new Set());
  // Per document (or register entry) and format: busy, or what the API said instead of the file.
  const [busy, setBusy] = useState<string | null>(null);
  const [refusals, setRefusals] = useState<Record<string, string>>({});

  const fetchFile = async (
    key: string,
    path: string,
    fileFormat: FileFormat,
    name: string,
    type?: DocumentType,
  ) => {
    if (busy) return;
    setBusy(`${key}:${fileFormat}`);
    setRefusals((known) => Object.fromEntries(Object.entries(known).filter(([said]) => said !== key)));
    try {
      await downloadDocument(path, fileFormat, name);
      register.reload();
    } catch (error) {
      const problem = error instanceof ApiProblem ? error : undefined;
      const said =
        problem?.status === 404 && type
          ? t(`documents.notYet.${type}`)
          : problem?.status === 403
            ? t('documents.forbidden')
            : (problem?.message ?? t('errors.network'));
      setRefusals((known) => ({ ...known, [key]: said }));
    } finally {
      setBusy(null);
    }
  };

  // Each column's name: its head, and on a phone the label of its cell's line (`stacked-table`).
  const col = (name: 'document' | 'issued' | 'files' | 'title' | 'number' | 'date' | 'version' | 'signer') =>
    t(`documents.col.${name}`);
  const issued = register.data ?? [];
  const latest = (type: DocumentType) =>
    issued.filter((entry) => entry.type === type).sort((a, b) => b.version - a.version)[0];
  const listed = registerView(issued, filter, numberedNow);
  const kinds = registerKinds(issued, REGISTER_ORDER);
  const unnumbered = issued.filter(awaitsNumber).length;
  const buttons = (
    key: string,
    formats: FileFormat[],
    path: string,
    name: string,
    label: string,
    type?: DocumentType,
  ) => (
    <div className="actions document-files" role="group" aria-label={label}>
      {formats.map((fileFormat) => (
        // Not `disabled` while a file is on its way: a disabled button drops the keyboard's focus to
        // the top of the page (fetchFile ignores a second click instead).
        <button
          key={fileFormat}
          type="button"
          className="button button-quiet"
          aria-disabled={busy !== null || undefined}
          onClick={() => void fetchFile(key, path, fileFormat, name, type)}
        >
          {busy === `${key}:${fileFormat}` ? t('documents.downloading') : fileFormat.toUpperCase()}
        </button>
      ))}
    </div>
  );

  return (
    <div className="cycle-page">
      <CycleNav cycleId={cycleId} />
      <h1>{t('documents.title', { year: cycleYear(cycleId) })}</h1>
      <section className="card" aria-labelledby="year-documents">
        <h2 id="year-documents">{t('documents.yearTitle')}</h2>
        <p className="muted">{t('documents.yearLead')}</p>
        <DataTable className="stacked-table" columns={[col('document'), col('issued'), col('files')]}>
          {YEAR_DOCUMENTS.map(({ type, route, formats, yearEnd }) => {
            const last = latest(type);
            const name = t(`documents.type.${type}`);
            const draft = yearEnd !== undefined && beforeClose;
            return (
              <tr key={type}>
                <td>
                  <strong>{name}</strong>
                  <br />
                  <span className="muted">{t(`documents.about.${type}`)}</span>
                </td>
                <td data-label={col('issued')}>
                  {draft && last ? (
                    // Issued before the close: the download is that version while the records are
                    // unchanged, a draft again once they change (the page cannot tell without printing).
                    <>
                      <div>
                        {t('documents.issuedLatest', {
                          date: format.date(last.issuedOn),
                          version: last.version,
                        })}
                      </div>
                      <div className="muted small">{t('documents.draftOnceChanged')}</div>
                    </>
                  ) : draft ? (
                    <>
                      <span className="badge badge-warn document-draft">{t('documents.draft')}</span>
                      <div>{t('documents.draftNotIssued')}</div>
                    </>
                  ) : last ? (
                    t(last.number ? 'documents.issuedVersion' : 'documents.issuedVersionUnnumbered', {
                      number: last.number,
                      date: format.date(last.issuedOn),
                      version: last.version,
                    })
                  ) : (
                    t('documents.notIssued')
                  )}
                </td>
                <td data-label={col('files')}>
                  {buttons(
                    type,
                    formats,
                    `/api/v1/cycles/${encodeURIComponent(cycleId)}/${route}`,
                    type,
                    name,
                    type,
                  )}
                  {refusals[type] && (
                    <p className="field-error" role="status">
                      {refusals[type]}
                    </p>
                  )}
                  {signedPapers[type] && (
                    <SignedCopies
                      cycleId={cycleId}
                      files={signedPapers[type].files}
                      addedSince={(file) =>
                        (signedPapers[type]?.record?.added ?? []).includes(evidenceReferenceOf(file.id))
                      }
                      name={name}
                      mayWithdraw={mayAddSignedCopy}
                      onWithdrawn={signedPapers[type].reload}
                    />
                  )}
                  {mayAddSignedCopy && signedPapers[type]?.record && (
                    <AddSignedCopy
                      cycleId={cycleId}
                      record={signedPapers[type].record}
                      name={name}
                      onAdded={signedPapers[type].reload}
                    />
                  )}
                  {draft && hasRole(user, 'quality-representative') && (
                    <IssueYearReport
                      cycleId={cycleId}
                      route={yearEnd}
                      name={name}
                      onIssued={register.reload}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      </section>

      <section className="card" aria-labelledby="document-register">
        <h2 id="document-register">{t('documents.registerTitle')}</h2>
        <p className="muted">{t('documents.registerLead')}</p>
        <div className="outgoing-register">
          <button
            type="button"
            className="button button-quiet"
            aria-disabled={busy !== null || undefined}
            aria-describedby="outgoing-register-lead"
            onClick={() =>
              void fetchFile(
                'outgoing-register',
                `/api/v1/cycles/${encodeURIComponent(cycleId)}/outgoing-register`,
                'xlsx',
                `SO-VAN-BAN-DI-${cycleId}`,
              )
            }
          >
            {busy === 'outgoing-register:xlsx' ? t('documents.downloading') : t('documents.outgoingRegister')}
          </button>
          <p id="outgoing-register-lead" className="muted small">
            {t('documents.outgoingRegisterLead')}
          </p>
          {refusals['outgoing-register'] && (
            <p className="field-error" role="status">
              {refusals['outgoing-register']}
            </p>
          )}
        </div>
        {register.error ? <ErrorNotice error={register.error} /> : null}
        {register.loading && !register.data && <p className="loading">{t('loading')}</p>}
        {register.data &&
          (issued.length === 0 ? (
            <p className="muted">{t('documents.registerEmpty')}</p>
          ) : (
            <>
              <div className="register-filters" role="group" aria-label={t('documents.registerFilters')}>
                <Field label={t('documents.registerType')}>
                  {({ id, describedBy }) => (
                    <select
                      id={id}
                      aria-describedby={describedBy}
                      value={filter.type}
                      onChange={(event) =>
                        showRegister({ ...filter, type: event.target.value as DocumentType | '' })
                      }
                    >
                      <option value="">{t('documents.registerAllTypes', { count: issued.length })}</option>
                      {kinds.map(({ type, count }) => (
                        <option key={type} value={type}>
                          {t('documents.registerTypeCount', { name: t(`documents.type.${type}`), count })}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {(unnumbered > 0 || filter.unnumbered) && (
                  <div className="checkbox-field">
                    <input
                      id="register-unnumbered"
                      type="checkbox"
                      checked={filter.unnumbered}
                      onChange={(event) => showRegister({ ...filter, unnumbered: event.target.checked })}
                    />
                    <label htmlFor="register-unnumbered">
                      {t('documents.registerUnnumbered', { count: unnumbered })}
                    </label>
                  </div>
                )}
              </div>
              {/* Said as the filters change it, as My tasks says its count: the pager is not always there. */}
              <p className="muted" role="status" aria-live="polite">
                {t('documents.registerCount', { n: format.number(listed.length) })}
              </p>
              {listed.length === 0 ? (
                <p className="muted">{t('documents.registerNoneMatch')}</p>
              ) : (
                <DataTable
                  className="stacked-table document-register"
                  columns={[
                    col('title'),
                    col('number'),
                    col('date'),
                    col('version'),
                    col('signer'),
                    col('files'),
                  ]}
                >
                  {listed.slice(offset, offset + REGISTER_PAGE).map((entry) => (
                    <tr key={entry.id}>
                      <td>
                        {english ? (
                          <>
                            {t(`documents.type.${entry.type}`)}
                            <div className="muted small" lang="vi">
                              {entry.title}
                            </div>
                          </>
                        ) : (
                          entry.title
                        )}
                      </td>
                      <td data-label={col('number')}>
                        {entry.number}
                        <DispatchNumber
                          entry={entry}
                          canRecord={hasRole(user, 'quality-representative', 'clerk')}
                          onRecorded={() => {
                            setNumberedNow((known) => new Set(known).add(entry.id));
                            register.reload();
                          }}
                        />
                      </td>
                      <td data-label={col('date')}>{format.date(entry.issuedOn)}</td>
                      <td data-label={col('version')}>{entry.version}</td>
                      <td data-label={col('signer')}>{entry.approvedByName ?? '—'}</td>
                      <td data-label={col('files')}>
                        {buttons(
                          entry.id,
                          ['pdf', 'docx'],
                          `/api/v1/documents/${encodeURIComponent(entry.id)}`,
                          entry.fileBaseName,
                          `${english ? t(`documents.type.${entry.type}`) : entry.title} (${col('version').toLowerCase()} ${entry.version})`,
                        )}
                        {refusals[entry.id] && (
                          <p className="field-error" role="status">
                            {refusals[entry.id]}
                          </p>
                        )}
                      </td>
                    </tr>
                  ))}
                </DataTable>
              )}
              <Pager
                total={listed.length}
                limit={REGISTER_PAGE}
                offset={offset}
                label={t('documents.registerPages')}
                onOffset={(next) => showRegister(filter, next)}
              />
            </>
          ))}
      </section>

      <YearDossier
        cycleId={cycleId}
        final={cycle.data && (cycle.data.status === 'closed' || cycle.data.status === 'cancelled')}
        unscanned={unscannedPapers(scans).map((type) => t(`documents.type.${type}`))}
        mayAddSignedCopy={mayAddSignedCopy}
      />
    </div>
  );
}
