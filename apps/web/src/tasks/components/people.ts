import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { hasRole, useSession } from '../../auth/session';

export interface Person {
  userId: string;
  name: string;
  unitCode?: string | null;
}

/**
 * Names for the user ids a task names: what the form carries, the signed-in user, and — for those
 * allowed to read the directory (administrator, Quality Representative) — the organisation's users.
 * A session from a task link reads nothing else; unknown ids are shown as they are.
 */
export function usePeople(known: Person[] = []) {
  const { user } = useSession();
  const [directory, setDirectory] = useState<Person[]>([]);
  const mayList = hasRole(user, 'admin', 'quality-representative') && user?.authenticatedBy !== 'task-link';
  useEffect(() => {
    if (!mayList) return;
    let live = true;
    void api.GET('/api/v1/users', { params: { query: { limit: 100 } } }).then(({ data }) => {
      if (live && data)
        setDirectory(data.items.map((u) => ({ userId: u.id, name: u.fullName, unitCode: u.unitCode })));
    });
    return () => {
      live = false;
    };
  }, [mayList]);
  const all = [
    ...known,
    ...directory,
    ...(user ? [{ userId: user.userId, name: user.fullName, unitCode: user.unitCode }] : []),
  ];
  const nameOf = (userId: string | null | undefined): string => {
    if (!userId) return '';
    return all.find((person) => person.userId === userId)?.name ?? userId;
  };
  return { nameOf, directory, me: user };
}

/** Units of the organisation (signed-in sessions; a task-link session keeps the codes). */
export function useUnits() {
  const { user } = useSession();
  const [units, setUnits] = useState<{ code: string; name: { vi: string; en: string } }[]>([]);
  const may = !!user && user.authenticatedBy !== 'task-link';
  useEffect(() => {
    if (!may) return;
    let live = true;
    void api.GET('/api/v1/units', { params: { query: { limit: 100 } } }).then(({ data }) => {
      if (live && data)
        setUnits(data.items.map((u) => ({ code: u.code, name: u.name as { vi: string; en: string } })));
    });
    return () => {
      live = false;
    };
  }, [may]);
  const unitName = (code: string | null | undefined, language: string): string => {
    if (!code) return '';
    const unit = units.find((u) => u.code === code);
    return unit ? (language === 'en' ? unit.name.en : unit.name.vi) || code : code;
  };
  return { units, unitName };
}
