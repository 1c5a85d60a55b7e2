import { nameSortKey } from '@qcycle/domain';

/**
 * People in the order of their names as Vietnamese sorts them (Đ after D, a toned letter after the
 * bare one), then by id: the same on PostgreSQL and SQLite, whose collations put "Võ" before
 * "Đinh", and the same order as the users' list pages in (both compare `nameSortKey`). Where one of
 * several holders of a role is chosen "by name" (a unit's head in a year's roster), this is the order.
 * A new array; each name's key is worked out once, not once per comparison.
 */
export function sortByName<Person extends { fullName: string; id: string }>(
  people: readonly Person[],
): Person[] {
  return people
    .map((person) => ({ person, key: nameSortKey(person.fullName) }))
    .sort((a, b) => compare(a.key, b.key) || compare(a.person.id, b.person.id))
    .map(({ person }) => person);
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
