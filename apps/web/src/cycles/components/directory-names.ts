import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { usePeople } from '../../ui/people';
import { useOrganisationUnits } from '../../ui/units';

/**
 * Names for the codes and ids the cycle records hold: the organisation's units and its people, the
 * session's lists (GET /units and GET /people, which every signed-in member may read: the leader and
 * the auditors see names too). An id nobody could name is shown as the API names it (assigneeName)
 * or a short id.
 */
export function useDirectoryNames() {
  const { user } = useSession();
  const { i18n, t } = useTranslation('cycles');
  const people = usePeople();
  const organisationUnits = useOrganisationUnits();
  const units = useMemo(
    () => new Map(organisationUnits.map((unit) => [unit.code, unit.name] as const)),
    [organisationUnits],
  );

  const { users, inactive } = useMemo(() => {
    const users = new Map<string, string>();
    const inactive = new Set<string>();
    for (const person of people) {
      users.set(person.userId, person.fullName);
      if (!person.active) inactive.add(person.userId);
    }
    if (user && !users.has(user.userId)) users.set(user.userId, user.fullName);
    return { users, inactive };
  }, [people, user]);

  const language = i18n.language === 'en' ? 'en' : 'vi';
  return {
    unit: (code: string | null | undefined) => {
      if (!code) return '—';
      const name = units.get(code);
      return name ? name[language] : code;
    },
    person: (id: string | null | undefined, known?: string | null) => {
      if (!id) return '—';
      if (id === 'system') return t('people.system');
      return users.get(id) ?? known ?? t('people.unknown', { id: id.slice(0, 8) });
    },
    /** Everyone whose name we know, by name. */
    people: [...users.entries()].sort((a, b) => a[1].localeCompare(b[1], language)),
    /** Whether the directory says this person is no longer active (deactivated: left, moved). */
    isInactive: (id: string) => inactive.has(id),
  };
}
export type DirectoryNames = ReturnType<typeof useDirectoryNames>;
