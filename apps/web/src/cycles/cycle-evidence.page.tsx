import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, ok } from '../api/client';
import { hasRole, useSession } from '../auth/session';
import { EvidenceLink, EvidenceNamesProvider, evidenceReferenceOf, fileSizeText } from '../ui/evidence';
import { EVIDENCE_RECORD_TYPES } from '../ui/evidence-api';
import { Field } from '../ui/field';
import { ErrorNotice, useLoad } from '../ui/page-state';
import { usePageTitle } from '../ui/page-title';
import { CycleNav } from './components/cycle-nav';
import { useDirectoryNames } from './components/directory-names';
import { EraseFileContent } from './components/erase-file-content';
import { useFormat, type Schemas } from './components/format';
import { DataTable } from './components/page-parts';
import { historyOfRecord } from './components/record-history-link';
import { subjectText } from './components/record-subject';
import { cycleYear } from './cycle-year';
import './cycles.css';

type YearFile = Schemas['YearEvidenceFileView'];

/**
 * What the year's records make of a file, one word for each, in the order that decides: its content
 * erased, withdrawn as a wrong scan, a signed paper's scan, named by an answer, or none of these
 * (uploaded and not used: by mistake, replaced, or on a task still to be answered).
 */
const FILE_STATES = ['signed-copy', 'named', 'unused', 'withdrawn', 'erased'] as const;
type FileState = (typeof FILE_STATES)[number];

/** The list's filters, each kept in the address under its name. */
const FILTERS = ['kind', 'unit', 'state'] as const;
type Filter = (typeof FILTERS)[number];

const stateOf = (file: YearFile): FileState =>
  file.erased
    ? 'erased'
    : file.withdrawn
      ? 'withdrawn'
      : file.signedCopyOf
        ? 'signed-copy'
        : file.named
          ? 'named'
          : 'unused';

/**
 * Every file uploaded to the year's records, oldest first (docs/web.md "The year's files"): where it
 * was uploaded, by whom and when, and what the records make of it, as the dossier's index notes it.
 * The Quality Representative finds here a file that must not be kept and erases its content. For
 * those who read the event log, as the API answers it.
 */
export default function CycleEvidencePage() {
  const { cycleId = '' } = useParams();
  const { t, i18n } = useTranslation('cycles');
  usePageTitle(t('evidenceFiles.title', { year: cycleYear(cycleId) }));
  const format = useFormat();
  const names = useDirectoryNames();
  const { user } = useSession();
  const mayErase = hasRole(user, 'quality-representative');
  // The kind of record, the unit and the state shown, kept in the address: a reload or a link keeps them.
  const [params, setParams] = useSearchParams();
  const shown = FILE_STATES.find((state) => state === params.get('state')) ?? '';
  const kind = EVIDENCE_RECORD_TYPES.find((type) => type === params.get('kind')) ?? '';
  const unit = params.get('unit') ?? '';
  const show = (name: Filter, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const { data, error, loading, reload } = useLoad(
    () => ok(api.GET('/api/v1/cycles/{cycleId}/evidence-files', { params: { path: { cycleId } } })),
    [cycleId],
  );
  const subjects = useMemo(
    () => new Map((data?.subjects ?? []).map((subject) => [subject.id, subject])),
    [data],
  );
  const files = data?.files ?? [];
  const unitOf = (file: YearFile) => subjects.get(file.subject)?.unitCode ?? '';
  const valueOf: Record<Filter, (file: YearFile) => string> = {
    kind: (file) => file.recordType,
    unit: unitOf,
    state: stateOf,
  };
  const chosen: Record<Filter, string> = { kind, unit, state: shown };
  /** Whether a file passes every filter chosen, but the one left out. */
  const passes = (file: YearFile, leftOut?: Filter) =>
    FILTERS.every(
      (filter) => filter === leftOut || !chosen[filter] || valueOf[filter](file) === chosen[filter],
    );
  // Each choice counts what it would list, given the other filters ('' for all).
  const count = (filter: Filter, value: string) =>
    files.filter((file) => passes(file, filter) && (!value || valueOf[filter](file) === value)).length;
  // The kinds of record and the units the year has files on (and the one asked for in the address):
  // the kinds in the year's order, the units by name.
  const kinds = EVIDENCE_RECORD_TYPES.filter(
    (type) => type === kind || files.some((file) => file.recordType === type),
  );
  const units = [...new Set([...files.map(unitOf), unit])]
    .filter(Boolean)
    .sort((a, b) => names.unit(a).localeCompare(names.unit(b), i18n.language));
  const listed = files.filter((file) => passes(file));
  const col = (name: 'file' | 'record' | 'uploaded' | 'state') => t(`evidenceFiles.col.${name}`);

  return (
    <div className="cycle-page">
      <CycleNav cycleId={cycleId} />
      <h1>{t('evidenceFiles.title', { year: cycleYear(cycleId) })}</h1>
      <p className="muted">{t('evidenceFiles.lead')}</p>
      {error ? <ErrorNotice error={error} /> : null}
      {loading && !data && <p className="loading">{t('loading')}</p>}
      {data && files.length === 0 && <p className="notice">{t('evidenceFiles.empty')}</p>}
      {data && files.length > 0 && (
        <section aria-labelledby="year-files-heading" aria-busy={loading}>
          <h2 id="year-files-heading">
            {t('evidenceFiles.listTitle')}{' '}
            <span className="muted small">({t('evidenceFiles.total', { count: files.length })})</span>
          </h2>
          <div className="card filters">
            <div className="form-grid">
              <FilterSelect
                label={t('evidenceFiles.kindFilter')}
                value={kind}
                onChange={(value) => show('kind', value)}
                all={t('evidenceFiles.all', { count: count('kind', '') })}
                choices={kinds.map((type) => ({
                  value: type,
                  label: t('evidenceFiles.choice', {
                    name: t(`tasks:history.record.${type}`),
                    count: count('kind', type),
                  }),
                }))}
              />
              <FilterSelect
                label={t('evidenceFiles.unitFilter')}
                value={unit}
                onChange={(value) => show('unit', value)}
                all={t('evidenceFiles.all', { count: count('unit', '') })}
                choices={units.map((code) => ({
                  value: code,
                  label: t('evidenceFiles.choice', { name: names.unit(code), count: count('unit', code) }),
                }))}
              />
              <FilterSelect
                label={t('evidenceFiles.filter')}
                value={shown}
                onChange={(value) => show('state', value)}
                all={t('evidenceFiles.all', { count: count('state', '') })}
                choices={FILE_STATES.map((state) => ({
                  value: state,
                  label: t(`evidenceFiles.stateFilter.${state}`, { count: count('state', state) }),
                }))}
              />
            </div>
          </div>
          {listed.length === 0 ? (
            <p className="notice">{t('evidenceFiles.noneMatch')}</p>
          ) : (
            // The files by name, as the list gives them: a link downloads one, none for a content erased.
            <EvidenceNamesProvider cycleId={cycleId} records={[]} known={files.map(named)}>
              <DataTable
                className="year-files-table stacked-table"
                caption={t('evidenceFiles.listTitle')}
                captionHidden
                columns={[col('file'), col('record'), col('uploaded'), col('state')]}
              >
                {listed.map((file) => {
                  const subject = subjects.get(file.subject);
                  return (
                    <tr key={file.id}>
                      <td data-label={col('file')}>
                        <EvidenceLink reference={evidenceReferenceOf(file.id)} />{' '}
                        <span className="muted small">({fileSizeText(file.size, i18n.language)})</span>
                      </td>
                      <td data-label={col('record')}>
                        <Link to={historyOfRecord(cycleId, file.subject)} title={t('history.aboutLink')}>
                          {subject ? subjectText(subject, t, i18n.language, names.unit) : file.subject}
                        </Link>
                      </td>
                      <td data-label={col('uploaded')}>
                        {names.person(file.uploadedBy)}
                        <br />
                        <span className="muted small">{format.dateTime(file.uploadedAt)}</span>
                      </td>
                      <td data-label={col('state')}>
                        <FileStateText file={file} when={format.dateTime} person={names.person} />
                        <EraseFileContent
                          cycleId={cycleId}
                          evidenceId={file.id}
                          fileName={file.fileName}
                          erasable={mayErase && !file.erased}
                          onErased={reload}
                        />
                      </td>
                    </tr>
                  );
                })}
              </DataTable>
            </EvidenceNamesProvider>
          )}
        </section>
      )}
    </div>
  );
}

/** One of the list's filters: every file, or one choice, each saying how many files it lists. */
function FilterSelect({
  label,
  value,
  onChange,
  all,
  choices,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  all: string;
  choices: { value: string; label: string }[];
}) {
  return (
    <Field label={label}>
      {({ id }) => (
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{all}</option>
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A file as the names' provider knows it: whether its content is still there to download. */
const named = (file: YearFile) => ({ id: file.id, fileName: file.fileName, erased: file.erased !== null });

/** What the records make of a file, in words; who withdrew or erased it, when and why. */
function FileStateText({
  file,
  when,
  person,
}: {
  file: YearFile;
  when: (instant: string) => string;
  person: (userId: string) => string;
}) {
  const { t } = useTranslation('cycles');
  const state = stateOf(file);
  const undone = file.erased ?? file.withdrawn;
  return (
    <p className={`year-file-state year-file-${state}`}>
      <span>
        {state === 'signed-copy'
          ? t('evidenceFiles.state.signed-copy', { paper: t(`documents.type.${file.signedCopyOf!}`) })
          : t(`evidenceFiles.state.${state}`)}
      </span>
      {undone && (
        <>
          <br />
          <span className="muted small">
            {t('evidenceFiles.undone', {
              when: when(undone.at),
              who: person(undone.by),
              reason: undone.reason,
            })}
          </span>
        </>
      )}
    </p>
  );
}
