import { nameSortKey } from '@qcycle/domain';

/**
 * People in the order of their names as Vietnamese sorts them (Đ after D, a toned letter after the
 * bare one), then by id: the same on PostgreSQL and SQLite, whose collations put "Võ" before
 * "Đinh", and the same order as the users' list pages in (both compare `nameSortKey`). Where one of
 * several holders of a role is chosen "by name" (a unit's head in a year's roster), this is the order.
 */
export function byName(a: { fullName: string; id: string }, b: { fullName: string; id: string }): number {
  const [x, y] = [nameSortKey(a.fullName), nameSortKey(b.fullName)];
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
