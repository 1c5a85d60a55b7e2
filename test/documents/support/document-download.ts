import type { DemoOrganisation } from '../../api/support/demo-organisation';
import type { HttpRecorder } from '../../api/support/http-recorder';

/** An answer that may be a file: its status, headers and bytes. */
export interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** A GET whose answer may be a file, as `local` of `org`; recorded like every other answer for the OpenAPI check. */
export async function download(
  http: HttpRecorder,
  org: DemoOrganisation,
  local: string,
  path: string,
  accept?: string,
): Promise<Download> {
  const token = await org.tokenOf(local);
  const response = await fetch(`${http.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}`, ...(accept ? { accept } : {}) },
  });
  http.observed.push({ method: 'GET', path: path.split('?')[0], status: response.status });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** The JSON of an answer read as a download. */
export const downloadedJson = <T>(answer: Download) => JSON.parse(answer.bytes.toString('utf8')) as T;
