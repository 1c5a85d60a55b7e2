import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { sessionList } from './session-list';

export type PersonView = components['schemas']['PersonView'];

/**
 * The people of the signed-in user's organisation (GET /api/v1/people: name, title, unit, roles),
 * kept for the session as {@link sessionList} says.
 */
export const { use: usePeople, forget: forgetPeople } = sessionList<PersonView>(() =>
  ok(api.GET('/api/v1/people')),
);
