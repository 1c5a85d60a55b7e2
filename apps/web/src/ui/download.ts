import { api, toApiProblem } from '../api/client';

/**
 * Hands a file the API answered (fetched with the session's token, so not a plain link) to the
 * browser as a download under `name`.
 */
export function saveDownload(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The name the API gave the file (`content-disposition`: the exact UTF-8 name, else the ASCII one), or `fallback`. */
export function downloadName(headers: Headers, fallback: string): string {
  const header = headers.get('content-disposition');
  if (!header) return fallback;
  const exact = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (exact) {
    try {
      return decodeURIComponent(exact);
    } catch {
      /* fall through to the ASCII name */
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** The formats the API prints a document in, chosen by `Accept`. */
export type FileFormat = 'pdf' | 'docx' | 'xlsx' | 'csv';

export const MEDIA_TYPES: Record<FileFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

/**
 * A document of the API at `path` (ids in it encoded), fetched in `format` with the session's token
 * (a document is not a public link) and saved under the name the API gives it.
 */
export async function downloadDocument(
  path: string,
  format: FileFormat,
  fallbackName: string,
): Promise<void> {
  await downloadFile(path, MEDIA_TYPES[format], `${fallbackName}.${format}`);
}

/**
 * A file of the API at `path` (ids in it encoded), asked for as `accept` with the session's token and
 * saved under the name the API gives it (else `fallbackName`). The paths are built by the pages, so
 * the typed client is called untyped.
 */
export async function downloadFile(path: string, accept: string, fallbackName: string): Promise<void> {
  const get = api.GET as unknown as (
    path: string,
    init: { parseAs: 'blob'; headers: Record<string, string> },
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const { data, error, response } = await get(path, {
    parseAs: 'blob',
    headers: { accept },
  });
  if (!response.ok || error !== undefined || !(data instanceof Blob))
    throw toApiProblem(response.status, error);
  saveDownload(data, downloadName(response.headers, fallbackName));
}
