import { useCallback, useMemo, useRef } from 'react';

/**
 * A new request id, a UUID v4. From `getRandomValues`: `crypto.randomUUID` exists only on secure
 * pages (https or localhost), and an office intranet may serve qcycle over plain http.
 */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The `x-request-id` of a write a person may have to send again. The API does a write once per
 * request id (a workflow Update's id, a completion's record), so when the answer is lost — the
 * connection dropped after the server had the request — sending the same content again is answered
 * as the first time instead of opening a second nonconformity or moving the dates twice. The same
 * content keeps its id until it has succeeded; other content, or the same content after a success
 * (a second, deliberate write), gets a new one.
 */
export function useRequestId(): { idFor(content: unknown): string; succeeded(): void } {
  const last = useRef<{ key: string; id: string } | null>(null);
  const idFor = useCallback((content: unknown) => {
    const key = JSON.stringify(content);
    if (last.current?.key !== key) last.current = { key, id: newRequestId() };
    return last.current.id;
  }, []);
  const succeeded = useCallback(() => {
    last.current = null;
  }, []);
  return useMemo(() => ({ idFor, succeeded }), [idFor, succeeded]);
}
