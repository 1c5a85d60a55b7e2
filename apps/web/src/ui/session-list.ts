import { useEffect, useState } from 'react';
import { ApiProblem } from '../api/client';
import { useSession } from '../auth/session';

/**
 * A list older than this is loaded again when a page asks (shown meanwhile as it was): someone
 * deactivated or a unit renamed a minute ago shows so without signing in again.
 */
const FRESH_MS = 60_000;

interface Entry<T> {
  key: string;
  items?: readonly T[];
  loadedAt?: number;
  loading: Promise<readonly T[]>;
}

/**
 * A list of the signed-in user's organisation that many pages name things from (its people, its
 * units): read once for the session, shared by every page that asks, read again when a page asks
 * after a minute. A session from an e-mailed task link may not read it: it gets an empty list,
 * silently, as does any failure (callers fall back to what they know). A refusal (403) stays empty
 * for the session; anything else may be tried again on the next page.
 */
export function sessionList<T>(read: () => Promise<readonly T[]>): () => readonly T[] {
  const none: readonly T[] = Object.freeze([]);
  let cached: Entry<T> | null = null;

  const load = (key: string): Entry<T> => {
    if (cached?.key === key && (cached.loadedAt === undefined || Date.now() - cached.loadedAt < FRESH_MS))
      return cached;
    const entry: Entry<T> = {
      key,
      // The list already here stays on screen while the new one loads.
      items: cached?.key === key ? cached.items : undefined,
      loading: read().catch((caught: unknown) => {
        const refused = caught instanceof ApiProblem && caught.status === 403;
        if (!refused && cached === entry) cached = null;
        return none;
      }),
    };
    void entry.loading.then((items) => {
      entry.items = items;
      entry.loadedAt = Date.now();
    });
    cached = entry;
    return entry;
  };

  return function useSessionList(): readonly T[] {
    const { user } = useSession();
    const key =
      user && user.authenticatedBy !== 'task-link' ? `${user.organisationCode}|${user.userId}` : null;
    const [state, setState] = useState<{ key: string | null; items: readonly T[] }>(() => ({
      key,
      items: (key && cached?.key === key && cached.items) || none,
    }));
    useEffect(() => {
      if (!key) return;
      let live = true;
      const entry = load(key);
      if (entry.items) setState({ key, items: entry.items });
      if (entry.loadedAt === undefined)
        void entry.loading.then((items) => {
          if (live) setState({ key, items });
        });
      return () => {
        live = false;
      };
    }, [key]);
    return key && state.key === key ? state.items : none;
  };
}
