import { createContext, useContext } from 'react';
import { useSession } from '../../auth/session';
import { usePeople as useOrganisationPeople } from '../../ui/people';
import { personName } from '../../ui/person-names';
import { useOrganisationUnits } from '../../ui/units';

export interface Person {
  userId: string;
  name: string;
  unitCode?: string | null;
  title?: string | null;
}

/**
 * Names for the user ids a task names: the organisation's people (GET /people, for every signed-in
 * member), what the form carries, and the signed-in user. A session from a task link reads only its
 * task, so it names who the form and the session name; other ids are shown shortened.
 */
export function usePeople(known: Person[] = []) {
  const { user } = useSession();
  const people = useOrganisationPeople();
  const directory: Person[] = people
    .filter((p) => p.active)
    .map((p) => ({ userId: p.userId, name: p.fullName, unitCode: p.unitCode, title: p.title }));
  const nameOf = (userId: string | null | undefined): string => {
    if (!userId) return '';
    const fallback =
      known.find((p) => p.userId === userId)?.name ?? (user?.userId === userId ? user.fullName : undefined);
    return personName(people, userId, { fallback });
  };
  return { nameOf, directory, people, me: user };
}

export interface UnitName {
  code: string;
  name: { vi: string; en: string };
}

/** The units a task's page received with its task (`units` of GET /tasks/{id}). */
export const TaskUnits = createContext<UnitName[]>([]);

/**
 * Units of the organisation: the session's list (GET /units) for a signed-in session; a session from
 * a task link reads only its task, so on the task's page it has the units its task came with
 * (`given`, else {@link TaskUnits}).
 */
export function useUnits(given?: UnitName[]) {
  const fromTask = useContext(TaskUnits);
  const listed = useOrganisationUnits();
  const units: readonly UnitName[] = listed.length > 0 ? listed : (given ?? fromTask);
  return { units, unitName: unitNameIn(units) };
}

/** A unit's name in `language` as `units` give it; its code when they do not list it. */
export const unitNameIn =
  (units: readonly UnitName[]) =>
  (code: string | null | undefined, language: string): string => {
    if (!code) return '';
    const unit = units.find((u) => u.code === code);
    return unit ? (language === 'en' ? unit.name.en : unit.name.vi) || code : code;
  };
