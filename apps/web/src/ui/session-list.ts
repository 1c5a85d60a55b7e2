import { useEffect, useState } from 'react';
import { ApiProblem } from '../api/client';
import { useSession } from '../auth/session';
import { SessionCache } from './session-cache';

const NONE: readonly never[] = Object.freeze([]);

/**
 * A list of the signed-in user's organisation that many pages name things from (its people, its
 * units), read once for the session and shared by every page that asks ({@link SessionCache}). A
 * session from an e-mailed task link may not read it and does not ask: it gets an empty list, as
 * does any failure (callers fall back to what they know).
 */
export function sessionList<T>(read: () => Promise<readonly T[]>): {
  /** The list as this session has it (empty until read). */
  use: () => readonly T[];
  /** The list changed here (an administrator's edit): the next page that asks reads it again. */
  forget: () => void;
} {
  const cache = new SessionCache<T>(read, (caught) => caught instanceof ApiProblem && caught.status === 403);

  function useSessionList(): readonly T[] {
    const { user } = useSession();
    const key =
      user && user.authenticatedBy !== 'task-link' ? `${user.organisationCode}|${user.userId}` : null;
    const [state, setState] = useState<{ key: string | null; items: readonly T[] }>(() => ({
      key,
      items: (key && cache.known(key)) || NONE,
    }));
    useEffect(() => {
      if (!key) return;
      let live = true;
      const asked = cache.ask(key);
      if (asked.items) setState({ key, items: asked.items });
      if (asked.loadedAt === undefined)
        void asked.loading.then((items) => {
          if (live) setState({ key, items });
        });
      return () => {
        live = false;
      };
    }, [key]);
    return key && state.key === key ? state.items : NONE;
  }

  return { use: useSessionList, forget: () => cache.forget() };
}
