import { api, fetchReportingUpload, ok, toApiProblem, type UploadProgress } from '../api/client';
import { downloadName, saveDownload } from './download';
import type { components } from '../api/schema';

/**
 * Evidence files over HTTP (docs/evidence.md): uploaded to a record of the cycle, named in a task
 * answer's `evidence` list as `evidence:<id>`, downloaded with the session's bearer token. All go
 * through the openapi-fetch client, whose middleware adds the bearer token: the JSON list as usual,
 * the upload with a FormData body (the browser writes the multipart boundary), sent through
 * XMLHttpRequest to hear how far it is, the download as a blob.
 */
export type EvidenceFile = components['schemas']['EvidenceFileView'];
export type EvidenceRecordType = EvidenceFile['recordType'];
/**
 * The records files are added to, in the order the year reaches them (the API's enum; one it adds and
 * this list lacks fails the build).
 */
export const EVIDENCE_RECORD_TYPES = [
  'approval',
  'measurement',
  'audit-step',
  'corrective-action',
  'review',
  'review-action',
] as const satisfies readonly EvidenceRecordType[];
const everyRecordTypeListed: Exclude<EvidenceRecordType, (typeof EVIDENCE_RECORD_TYPES)[number]> extends never
  ? true
  : never = true;
void everyRecordTypeListed;

const PREFIX = 'evidence:';

/** `evidence:<id>` → `<id>`; anything else (a text naming a paper record) → undefined. */
export const evidenceIdOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.startsWith(PREFIX) && value.length > PREFIX.length
    ? value.slice(PREFIX.length)
    : undefined;

/** The reference an answer writes for an uploaded file. */
export const evidenceReferenceOf = (id: string): string => `${PREFIX}${id}`;

/** A file's size as people say it: "2 KB", "1,5 MB" (at least 1 KB: a size of 0 KB reads as none). */
export const fileSizeText = (bytes: number, language: string): string => {
  const format = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024
    ? `${format.format(bytes / (1024 * 1024))} MB`
    : `${format.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
};

/** What the server takes as evidence: the kinds of file, and its limit (the deployment's EVIDENCE_MAX_BYTES). */
export type AcceptedFiles = components['schemas']['EvidenceAcceptedFilesView'];

let accepted: Promise<AcceptedFiles> | undefined;

/**
 * What the server accepts, read once for the page (its limit is set when the server starts); a read
 * that failed is tried again by the next field that asks.
 */
export function readAcceptedFiles(): Promise<AcceptedFiles> {
  accepted ??= ok(api.GET('/api/v1/evidence/accepted-files')).catch((error: unknown) => {
    accepted = undefined;
    throw error;
  });
  return accepted;
}

/** The file picker's `accept`: every accepted extension and content type. */
export const acceptAttribute = (rules: AcceptedFiles) =>
  rules.types.flatMap((type) => [...type.extensions.map((e) => `.${e}`), type.contentType]).join(',');

/**
 * Why the server would refuse a file, when its name, its first bytes or its size tell already
 * (checked in the server's order: the name, the first bytes, the size): it need not go out at all,
 * a web page saved as `.xls` no more than a 25 MB scan. The server still reads the content further.
 */
export async function refusalBeforeSending(
  file: Blob & { name: string },
  rules: AcceptedFiles,
): Promise<'type' | 'content' | 'too-large' | undefined> {
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(file.name)?.[1].toLowerCase() ?? '';
  const kinds = rules.types.filter((type) => type.extensions.includes(extension));
  if (kinds.length === 0) return 'type';
  const head = await firstBytes(file, Math.max(...kinds.map((kind) => kind.startsWith.length / 2)));
  if (head !== undefined && !kinds.some((kind) => head.startsWith(kind.startsWith))) return 'content';
  if (file.size > rules.maxBytes) return 'too-large';
  return undefined;
}

/** A file's first bytes in hexadecimal; nothing when the browser cannot read it (the server will). */
async function firstBytes(file: Blob, count: number): Promise<string | undefined> {
  try {
    const bytes = new Uint8Array(await file.slice(0, count).arrayBuffer());
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  } catch {
    return undefined;
  }
}

/**
 * Uploads one file to a record: `recordType` and `recordKey` before `file`, as the API requires.
 * `onProgress` hears how much of it has gone out (a scan on a slow link takes a while); `signal`
 * stops it (an AbortError), and the API keeps nothing of a file it did not receive whole.
 */
export async function uploadEvidence(
  cycleId: string,
  recordType: EvidenceRecordType,
  recordKey: string,
  file: File,
  onProgress: UploadProgress,
  signal?: AbortSignal,
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
      fetch: fetchReportingUpload(onProgress),
      signal,
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
  saveDownload(data, fileName ?? downloadName(response.headers, id));
}
