import type { components } from '../api/schema';

type PersonView = components['schemas']['PersonView'];

/** A short stand-in for an id nobody could name: its first eight characters. */
export function shortId(userId: string): string {
  return userId.length > 8 ? `${userId.slice(0, 8)}…` : userId;
}

/**
 * A person's full name — with their title unless `{ title: false }` — or, for an id the list does
 * not hold, `fallback` (a name the record carries) or a short id.
 */
export function personName(
  people: readonly PersonView[],
  userId: string | null | undefined,
  options: { title?: boolean; fallback?: string | null } = {},
): string {
  if (!userId) return '—';
  const person = people.find((p) => p.userId === userId);
  if (!person) return options.fallback || shortId(userId);
  return options.title !== false && person.title ? `${person.fullName} (${person.title})` : person.fullName;
}

/**
 * People to choose from, each by name alone, but two of the same name (common in Vietnamese) with
 * their titles, so they can be told apart; `fallback` is the name a record carries.
 */
export function namesToChoose(
  people: readonly PersonView[],
  choices: readonly { userId: string; fallback?: string | null }[],
): { userId: string; name: string }[] {
  const named = choices.map(({ userId, fallback }) => ({
    userId,
    fallback,
    name: personName(people, userId, { title: false, fallback }),
  }));
  return named.map(({ userId, fallback, name }) => ({
    userId,
    name:
      named.filter((other) => other.name === name).length > 1
        ? personName(people, userId, { fallback })
        : name,
  }));
}
