import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import {
  downloadEvidence,
  evidenceIdOf,
  listEvidence,
  readAcceptedFiles,
  type AcceptedFiles,
  type EvidenceFile,
  type EvidenceRecordType,
} from './evidence-api';

export * from './evidence-api';

/** Evidence files in the pages: their names, and a reference as a download link (HTTP: evidence-api.ts). */

/** A file known on this page by its id: its name, and whether its content was erased. */
interface KnownFile {
  fileName: string;
  erased: boolean;
}

/** Files known on this page (uploaded here, or listed for the records shown), by id. */
const EvidenceNames = createContext<ReadonlyMap<string, KnownFile>>(new Map());

/** The records a provider lists (`recordType recordKey`) and their files once listed. */
interface ListedRecords {
  records: ReadonlySet<string>;
  files: readonly EvidenceFile[];
}
const Listed = createContext<ListedRecords | undefined>(undefined);
const recordOf = (recordType: string, recordKey: string) => `${recordType} ${recordKey}`;

/**
 * Loads the file names of the given records (one list per record), so that the references in the
 * answers and histories below read as file names. Records the user may not list are skipped.
 */
export function EvidenceNamesProvider({
  cycleId,
  records,
  known = [],
  refresh,
  children,
}: {
  cycleId: string | undefined;
  records: { recordType: EvidenceRecordType; recordKey: string }[];
  known?: { id: string; fileName: string; erased?: boolean }[];
  /** Changes when files may have been added (an answer just sent): the lists are read again. */
  refresh?: unknown;
  children: ReactNode;
}) {
  const outer = useContext(EvidenceNames);
  const [loaded, setLoaded] = useState<EvidenceFile[]>([]);
  const wanted = JSON.stringify(records);
  useEffect(() => {
    if (!cycleId || records.length === 0) return;
    let live = true;
    void Promise.all(
      records.map((record) =>
        listEvidence(cycleId, record.recordType, record.recordKey).catch(() => [] as EvidenceFile[]),
      ),
    ).then((lists) => live && setLoaded(lists.flat()));
    return () => {
      live = false;
    };
    // `wanted` stands for the records' content.
  }, [cycleId, wanted, refresh]);
  const names = useMemo(() => {
    const map = new Map(outer);
    for (const file of loaded) map.set(file.id, { fileName: file.fileName, erased: file.erased !== null });
    for (const file of known) map.set(file.id, { fileName: file.fileName, erased: !!file.erased });
    return map;
  }, [outer, loaded, known]);
  const listed = useMemo(
    () => ({ records: new Set(records.map((r) => recordOf(r.recordType, r.recordKey))), files: loaded }),
    // `wanted` stands for the records' content.
    [wanted, loaded],
  );
  return (
    <EvidenceNames.Provider value={names}>
      <Listed.Provider value={listed}>{children}</Listed.Provider>
    </EvidenceNames.Provider>
  );
}

/**
 * The files uploaded to one record so far, oldest first: the list the page's provider already read
 * when it lists that record (a task's page: one request, not two), else read here.
 */
export function useRecordEvidence(
  cycleId: string,
  recordType: EvidenceRecordType,
  recordKey: string,
  /** False where the list is not shown (a signed copy's upload offers nothing earlier): not read. */
  wanted = true,
): readonly EvidenceFile[] {
  const listed = useContext(Listed);
  const covered = listed?.records.has(recordOf(recordType, recordKey)) ?? false;
  const [own, setOwn] = useState<EvidenceFile[]>([]);
  useEffect(() => {
    if (covered || !wanted) return;
    let live = true;
    listEvidence(cycleId, recordType, recordKey).then(
      (files) => live && setOwn(files),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [covered, wanted, cycleId, recordType, recordKey]);
  if (!wanted) return [];
  return covered
    ? listed!.files.filter((f) => f.recordType === recordType && f.recordKey === recordKey)
    : own;
}

/** What the server accepts as evidence, once read (undefined until then, or while it cannot be read). */
export function useAcceptedFiles(): AcceptedFiles | undefined {
  const [rules, setRules] = useState<AcceptedFiles>();
  useEffect(() => {
    let live = true;
    readAcceptedFiles().then(
      (read) => live && setRules(read),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return rules;
}

/**
 * A reference `evidence:<id>` as the file's name with a download link (the API wants the bearer
 * token, so the link fetches the file itself); a file whose name is not known here reads "Tệp
 * minh chứng" and the start of its id. A file known to have had its content erased is named, with
 * no link: there is nothing to download.
 */
export function EvidenceLink({ reference, fileName }: { reference: string; fileName?: string }) {
  const { t } = useTranslation('tasks');
  const names = useContext(EvidenceNames);
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  // A file the server no longer has says so, in the API's words; anything else may pass: try again.
  const [gone, setGone] = useState<string>();
  const id = evidenceIdOf(reference);
  if (!id) return <span className="readable-text">{reference}</span>;
  const known = names.get(id);
  const name = fileName ?? known?.fileName;
  const shown = name ?? t('evidence.unnamed', { id: id.slice(0, 8) });
  if (known?.erased)
    return (
      <span className="evidence-link evidence-erased">
        {shown} <span className="muted">({t('evidence.erased')})</span>
      </span>
    );
  return (
    <span className="evidence-link">
      <a
        href={`/api/v1/evidence/${encodeURIComponent(id)}`}
        download={name}
        aria-busy={state === 'busy' || undefined}
        onClick={(event) => {
          event.preventDefault();
          if (state === 'busy') return;
          setState('busy');
          downloadEvidence(id, name).then(
            () => setState('idle'),
            (error: unknown) => {
              setGone(
                error instanceof ApiProblem && error.code === 'EVIDENCE_FILE_GONE'
                  ? error.message
                  : undefined,
              );
              setState('failed');
            },
          );
        }}
      >
        <span className="visually-hidden">{t('evidence.download')} </span>
        {shown}
      </a>
      {state === 'busy' && <span className="muted"> {t('evidence.downloading')}</span>}
      {state === 'failed' && (
        <span className="field-error" role="alert">
          {' '}
          {gone ?? t('evidence.downloadFailed')}
        </span>
      )}
    </span>
  );
}

/** A text of an evidence list: a reference as a download link, anything else as written. */
export function EvidenceText({ value }: { value: string }) {
  return evidenceIdOf(value) ? (
    <EvidenceLink reference={value} />
  ) : (
    <span className="readable-text">{value}</span>
  );
}
