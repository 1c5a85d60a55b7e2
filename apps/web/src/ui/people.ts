import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { useSession } from '../auth/session';

export type PersonView = components['schemas']['PersonView'];

const NONE: readonly PersonView[] = Object.freeze([]);

/** The one list of this session, loaded once and shared by every page that asks. */
let cached: { key: string; people?: readonly PersonView[]; loading: Promise<readonly PersonView[]> } | null =
  null;

function load(key: string) {
  if (cached?.key === key) return cached;
  const entry: NonNullable<typeof cached> = {
    key,
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
  });
  cached = entry;
  return entry;
}

/**
 * The people of the signed-in user's organisation (GET /api/v1/people: name, title, unit, roles),
 * loaded once per session and kept in memory. A session from an e-mailed task link may not read
 * it: it gets an empty list, silently, as does any failure (callers fall back to what they know).
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
    else
      void entry.loading.then((people) => {
        if (live) setState({ key, people });
      });
    return () => {
      live = false;
    };
  }, [key]);
  return key && state.key === key ? state.people : NONE;
}
