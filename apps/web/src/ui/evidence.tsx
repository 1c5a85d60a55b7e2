import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, toApiProblem } from '../api/client';
import type { components } from '../api/schema';

/**
 * Evidence files (docs/evidence.md): uploaded to a record of the cycle, named in a task answer's
 * `evidence` list as `evidence:<id>`, downloaded with the session's bearer token. The JSON list goes
 * through openapi-fetch; the multipart upload and the download go through the same client (its
 * middleware adds the bearer token), with a FormData body and a blob answer.
 */
export type EvidenceFile = components['schemas']['EvidenceFileView'];
export type EvidenceRecordType = EvidenceFile['recordType'];

const PREFIX = 'evidence:';

/** `evidence:<id>` → `<id>`; anything else (a text naming a paper record) → undefined. */
export const evidenceIdOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.startsWith(PREFIX) && value.length > PREFIX.length
    ? value.slice(PREFIX.length)
    : undefined;

/** What the API accepts (apps/api/src/evidence/evidence-file-type.ts), for the file picker. */
export const EVIDENCE_ACCEPT = [
  '.pdf',
  '.png',
  '.jpg',
  '.jpeg',
  '.docx',
  '.xlsx',
  '.odt',
  '.ods',
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
].join(',');

/** Uploads one file to a record: `recordType` and `recordKey` before `file`, as the API requires. */
export async function uploadEvidence(
  cycleId: string,
  recordType: EvidenceRecordType,
  recordKey: string,
  file: File,
): Promise<EvidenceFile> {
  const body = new FormData();
  body.append('recordType', recordType);
  body.append('recordKey', recordKey);
  body.append('file', file, file.name);
  return ok(
    api.POST('/api/v1/cycles/{cycleId}/evidence', {
      params: { path: { cycleId } },
      // FormData as is: the browser writes the multipart boundary.
      body: body as unknown as components['schemas']['EvidenceUploadForm'],
      bodySerializer: (form) => form as unknown as FormData,
    }),
  );
}

/** The files uploaded to one record, oldest first. */
export const listEvidence = (cycleId: string, recordType: EvidenceRecordType, recordKey: string) =>
  ok(
    api.GET('/api/v1/cycles/{cycleId}/evidence', {
      params: { path: { cycleId }, query: { recordType, recordKey } },
    }),
  );

/** Fetches the file with the session's token and hands it to the browser as a download. */
export async function downloadEvidence(id: string, fileName: string | undefined): Promise<void> {
  const { data, error, response } = await api.GET('/api/v1/evidence/{id}', {
    params: { path: { id } },
    parseAs: 'blob',
  });
  if (!response.ok || error !== undefined || !(data instanceof Blob))
    throw toApiProblem(response.status, error);
  const url = URL.createObjectURL(data);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName ?? nameFromDisposition(response.headers.get('content-disposition')) ?? id;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The exact UTF-8 name (`filename*=UTF-8''…`), else the ASCII one. */
function nameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const exact = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (exact) {
    try {
      return decodeURIComponent(exact);
    } catch {
      /* fall through to the ASCII name */
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1];
}

/** Names of files known on this page (uploaded here, or listed for the records shown), by id. */
const EvidenceNames = createContext<ReadonlyMap<string, string>>(new Map());

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
  known?: { id: string; fileName: string }[];
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
    for (const file of [...loaded, ...known]) map.set(file.id, file.fileName);
    return map;
  }, [outer, loaded, known]);
  return <EvidenceNames.Provider value={names}>{children}</EvidenceNames.Provider>;
}

/**
 * A reference `evidence:<id>` as the file's name with a download link (the API wants the bearer
 * token, so the link fetches the file itself); a file whose name is not known here reads "Tệp
 * minh chứng" and the start of its id.
 */
export function EvidenceLink({ reference, fileName }: { reference: string; fileName?: string }) {
  const { t } = useTranslation('tasks');
  const names = useContext(EvidenceNames);
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const id = evidenceIdOf(reference);
  if (!id) return <span className="readable-text">{reference}</span>;
  const name = fileName ?? names.get(id);
  const shown = name ?? t('evidence.unnamed', { id: id.slice(0, 8) });
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
            () => setState('failed'),
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
          {t('evidence.downloadFailed')}
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
