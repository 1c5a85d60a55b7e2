import createClient, { type Middleware } from 'openapi-fetch';
import { i18next } from '../i18n';
import type { paths } from './schema';

/** Where the current session's bearer token is read from (set by auth/session.tsx). */
let bearerToken: (() => string | null) | undefined;
export function useBearerToken(source: () => string | null): void {
  bearerToken = source;
}

/** Called when the API answers 401 to a signed-in request: the session ended (expired, revoked). */
let onUnauthorised: (() => void) | undefined;
export function onSessionEnded(handler: () => void): void {
  onUnauthorised = handler;
}

const authAndLanguage: Middleware = {
  onRequest({ request }) {
    const token = bearerToken?.();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    request.headers.set('accept-language', i18next.language);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('authorization')) onUnauthorised?.();
    return response;
  },
};

/** The API on the same origin, typed by the API's own OpenAPI document (api/schema.d.ts). */
export const api = createClient<paths>({ baseUrl: '' });
api.use(authAndLanguage);

/** How much of a request's body has gone out, in bytes. */
export type UploadProgress = (sent: number, total: number) => void;

/** Statuses whose answer has no body (a Response refuses one). */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for one request of the client (its `fetch` option) that says how far its body has gone
 * out: `fetch` tells nothing of an upload's progress, XMLHttpRequest does. It sends the request as
 * the middleware made it (the token, the language) and hands back the answer as a Response, so the
 * middleware and `ok` read it as any other. A lost connection is a TypeError and a request stopped by
 * its signal an AbortError, as with `fetch`.
 */
export function fetchReportingUpload(onProgress: UploadProgress): (request: Request) => Promise<Response> {
  return async (request) => {
    const body = await request.blob();
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      request.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.responseType = 'blob';
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded, event.total);
      };
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr.getAllResponseHeaders().trim().split(/\r?\n/)) {
          const colon = line.indexOf(':');
          if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
        }
        resolve(
          new Response(NO_BODY.has(xhr.status) ? null : (xhr.response as Blob), {
            status: xhr.status,
            statusText: xhr.statusText,
            headers,
          }),
        );
      };
      xhr.onerror = () => reject(new TypeError('The connection was lost before the answer came.'));
      // Stopped by the request's signal, as fetch is: an AbortError.
      const stopped = () => reject(new DOMException('The request was stopped.', 'AbortError'));
      xhr.onabort = stopped;
      if (request.signal.aborted) return stopped();
      request.signal.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(body);
    });
  };
}

/** One field the API refused, as it names it (`figures[obj-4-on-time].numerator`, `steps[2].auditorUserId`). */
export interface FieldProblem {
  path: string;
  code?: string;
  reason: string;
}

/** Every error answer: `{ statusCode, code, message, requestId, details? }`. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: FieldProblem[],
    readonly details: Record<string, unknown> | undefined,
  ) {
    super(message);
  }

  /** The problems of one field (and of its children, e.g. `steps[2]` for `steps[2].unitCode`). */
  at(path: string): FieldProblem[] {
    return this.problems.filter(
      (problem) =>
        problem.path === path || problem.path.startsWith(`${path}.`) || problem.path.startsWith(`${path}[`),
    );
  }
}

/**
 * What a form shows of a send that failed: the API's refusal, or, when no answer came (the network,
 * the server away), `networkWords` in the page's language.
 */
export function problemOf(error: unknown, networkWords: string): ApiProblem {
  return error instanceof ApiProblem ? error : new ApiProblem(0, 'NETWORK', networkWords, [], undefined);
}

/** The refusal of an error body: workflow problems (422) and DTO field messages (400) alike. */
export function toApiProblem(status: number, body: unknown): ApiProblem {
  const error = (body ?? {}) as { code?: string; message?: string; details?: Record<string, unknown> };
  const details = error.details;
  const problems: FieldProblem[] = [];
  const listed = details?.problems;
  if (Array.isArray(listed)) {
    for (const item of listed as { path?: string; code?: string; reason?: string }[]) {
      problems.push({ path: item.path ?? '', code: item.code, reason: item.reason ?? '' });
    }
  }
  const fields = details?.fields;
  if (fields && typeof fields === 'object') {
    // A rule's refusal names each field in both lists (`details.fields` for the validation pipe's
    // shape, `details.problems` with codes): each reason once, with its code when it has one.
    const listedAlready = new Set(problems.map((problem) => `${problem.path}\n${problem.reason}`));
    for (const [path, messages] of Object.entries(fields as Record<string, string[]>)) {
      for (const reason of messages)
        if (!listedAlready.has(`${path}\n${reason}`)) problems.push({ path, reason });
    }
  }
  // Not qcycle's answer (a gateway's HTML page when the API is down or slow): words, not "HTTP 502".
  const fromQcycle = typeof body === 'object' && body !== null && error.code !== undefined;
  const message = fromQcycle
    ? (error.message ?? `HTTP ${status}`)
    : status >= 500
      ? i18next.t('common:errors.server', { status })
      : (error.message ?? `HTTP ${status}`);
  return new ApiProblem(status, error.code ?? 'ERROR', message, problems, details);
}

/** The data of an openapi-fetch answer, or its ApiProblem thrown. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) throw toApiProblem(response.status, error);
  return data as T;
}

/** Task ids contain slashes: one path segment, encoded. */
export const taskPath = (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`;
