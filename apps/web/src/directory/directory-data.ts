import { useCallback, useEffect, useState } from 'react';
import { api, ok } from '../api/client';
import { everyPage } from '../api/every-page';
import type { components } from '../api/schema';

export type Unit = components['schemas']['UnitView'];
export type User = components['schemas']['UserView'];
export type RoleAssignment = components['schemas']['RoleAssignmentView'];
export type Role = RoleAssignment['role'];
export type DirectoryEvent = components['schemas']['DirectoryEventView'];

/** Every role the directory can grant, in the order of the cycle (quality first, administration last). */
export const ROLES: readonly Role[] = [
  'quality-representative',
  'leader',
  'unit-head',
  'staff',
  'auditor',
  'lead-auditor',
  'external-auditor',
  'clerk',
  'admin',
];

/** Every unit of the organisation (for the unit pickers). */
export function loadAllUnits(): Promise<Unit[]> {
  return everyPage((window) => ok(api.GET('/api/v1/units', { params: { query: window } })));
}

/** All units, reloadable after a unit changes; `[]` until loaded (the pickers then offer none). */
export function useAllUnits(version: number) {
  const [units, setUnits] = useState<Unit[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    let live = true;
    loadAllUnits().then(
      (loaded) => live && (setUnits(loaded), setError(null)),
      (caught: unknown) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, []);
  useEffect(load, [load, version]);
  return { units, error };
}

/** A unit's name in the reader's language. */
export function unitName(unit: Pick<Unit, 'name'>, language: string): string {
  return language.startsWith('en') ? unit.name.en : unit.name.vi;
}
