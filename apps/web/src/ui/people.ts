import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { useSession } from '../auth/session';

export type PersonView = components['schemas']['PersonView'];

const NONE: readonly PersonView[] = Object.freeze([]);

/**
 * A list older than this is loaded again when a page asks (shown meanwhile as it was): someone
 * deactivated or added a minute ago shows so without signing in again.
 */
const FRESH_MS = 60_000;

/** The one list of this session, shared by every page that asks. */
let cached: {
  key: string;
  people?: readonly PersonView[];
  loadedAt?: number;
  loading: Promise<readonly PersonView[]>;
} | null = null;

function load(key: string) {
  if (cached?.key === key && (cached.loadedAt === undefined || Date.now() - cached.loadedAt < FRESH_MS))
    return cached;
  const entry: NonNullable<typeof cached> = {
    key,
    // The list already here stays on screen while the new one loads.
    people: cached?.key === key ? cached.people : undefined,
    loading: api
      .GET('/api/v1/people')
      .then(({ data, response }) => {
        if (data) return data;
        // Refused (403) stays empty for this session; anything else may be tried again later.
        if (response.status !== 403 && cached === entry) cached = null;
        return NONE;
      })
      .catch(() => {
        if (cached === entry) cached = null;
        return NONE;
      }),
  };
  void entry.loading.then((people) => {
    entry.people = people;
    entry.loadedAt = Date.now();
  });
  cached = entry;
  return entry;
}

/**
 * The people of the signed-in user's organisation (GET /api/v1/people: name, title, unit, roles),
 * kept in memory for the session and loaded again when a page asks after a minute. A session from
 * an e-mailed task link may not read it: it gets an empty list, silently, as does any failure
 * (callers fall back to what they know).
 */
export function usePeople(): readonly PersonView[] {
  const { user } = useSession();
  const key = user && user.authenticatedBy !== 'task-link' ? `${user.organisationCode}|${user.userId}` : null;
  const [state, setState] = useState<{ key: string | null; people: readonly PersonView[] }>(() => ({
    key,
    people: (key && cached?.key === key && cached.people) || NONE,
  }));
  useEffect(() => {
    if (!key) return;
    let live = true;
    const entry = load(key);
    if (entry.people) setState({ key, people: entry.people });
    if (entry.loadedAt === undefined)
      void entry.loading.then((people) => {
        if (live) setState({ key, people });
      });
    return () => {
      live = false;
    };
  }, [key]);
  return key && state.key === key ? state.people : NONE;
}
