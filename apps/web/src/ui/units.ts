import { api, ok } from '../api/client';
import { everyPage } from '../api/every-page';
import type { components } from '../api/schema';
import { sessionList } from './session-list';

export type UnitView = components['schemas']['UnitView'];

/**
 * The units of the signed-in user's organisation (GET /api/v1/units, every page), kept for the
 * session as {@link sessionList} says: the pages that name a unit by its code read them once.
 */
export const { use: useOrganisationUnits, forget: forgetOrganisationUnits } = sessionList<UnitView>(() =>
  everyPage((window) => ok(api.GET('/api/v1/units', { params: { query: window } }))),
);
