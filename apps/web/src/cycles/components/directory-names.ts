import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { hasRole, useSession } from '../../auth/session';

interface Names {
  units: Map<string, { vi: string; en: string }>;
  users: Map<string, string>;
  /** The unit of each person (from the user list, when the caller may read it). */
  unitOf: Map<string, string>;
}

/**
 * Names for the codes and ids the cycle records hold: the organisation's units (anyone may read
 * them) and, for the Quality Representative and the administrator (who may list users), people's
 * full names. Others see a person as the API names them (assigneeName) or a short id.
 */
export function useDirectoryNames() {
  const { user } = useSession();
  const { i18n, t } = useTranslation('cycles');
  const [names, setNames] = useState<Names>({ units: new Map(), users: new Map(), unitOf: new Map() });
  const canListUsers = hasRole(user, 'quality-representative', 'admin');
  useEffect(() => {
    let live = true;
    const units = new Map<string, { vi: string; en: string }>();
    const users = new Map<string, string>();
    const unitOf = new Map<string, string>();
    const loadUnits = async () => {
      for (let offset = 0; offset < 1000; offset += 100) {
        const { data } = await api.GET('/api/v1/units', { params: { query: { limit: 100, offset } } });
        if (!data) return;
        for (const unit of data.items) units.set(unit.code, unit.name);
        if (offset + data.items.length >= data.total) return;
      }
    };
    const loadUsers = async () => {
      if (!canListUsers) return;
      for (let offset = 0; offset < 2000; offset += 100) {
        const { data } = await api.GET('/api/v1/users', { params: { query: { limit: 100, offset } } });
        if (!data) return;
        for (const person of data.items) {
          users.set(person.id, person.fullName);
          if (person.unitCode) unitOf.set(person.id, person.unitCode);
        }
        if (offset + data.items.length >= data.total) return;
      }
    };
    Promise.all([loadUnits(), loadUsers()])
      .catch(() => undefined)
      .then(() => {
        if (user) users.set(user.userId, user.fullName);
        if (user?.unitCode) unitOf.set(user.userId, user.unitCode);
        if (live) setNames({ units, users, unitOf });
      });
    return () => {
      live = false;
    };
  }, [canListUsers, user]);

  const language = i18n.language === 'en' ? 'en' : 'vi';
  return {
    unit: (code: string | null | undefined) => {
      if (!code) return '—';
      const name = names.units.get(code);
      return name ? name[language] : code;
    },
    person: (id: string | null | undefined, known?: string | null) => {
      if (!id) return '—';
      if (id === 'system') return t('people.system');
      return names.users.get(id) ?? known ?? t('people.unknown', { id: id.slice(0, 8) });
    },
    /** Everyone whose name we know, by name. */
    people: [...names.users.entries()].sort((a, b) => a[1].localeCompare(b[1])),
    /** The unit of a person, where the directory told us. */
    unitOf: (id: string) => names.unitOf.get(id),
  };
}
export type DirectoryNames = ReturnType<typeof useDirectoryNames>;
