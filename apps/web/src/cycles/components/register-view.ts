import type { components } from '../../api/schema';

type RegisteredDocument = components['schemas']['DocumentVersionView'];
type DocumentType = RegisteredDocument['type'];

/** Rows of the register on one page of the documents page (about a screen and a half on a desk). */
export const REGISTER_PAGE = 20;

/** What the register shows: one kind of document or all, and only those still to be numbered. */
export interface RegisterFilter {
  type: DocumentType | '';
  unnumbered: boolean;
}

/**
 * Printed with a blank `Số:` line (numbered on sending, `dispatchSymbol`) and no number recorded yet:
 * what the văn thư still has to give a number from the book of outgoing documents.
 */
export function awaitsNumber(entry: RegisteredDocument): boolean {
  return entry.dispatchSymbol !== null && entry.dispatchNumber === null;
}

/**
 * The register as the page lists it: the latest first, by the day each is dated, then by when it
 * was registered (what was just issued is what the văn thư numbers next), filtered. `keep` are entries shown whatever the filter: those numbered
 * on this page a moment ago stay in a list of the unnumbered, with what was recorded.
 */
export function registerView(
  entries: readonly RegisteredDocument[],
  filter: RegisterFilter,
  keep: ReadonlySet<string> = new Set(),
): RegisteredDocument[] {
  return entries
    .filter(
      (entry) =>
        (filter.type === '' || entry.type === filter.type) &&
        (!filter.unnumbered || awaitsNumber(entry) || keep.has(entry.id)),
    )
    .sort(
      (a, b) =>
        b.issuedOn.localeCompare(a.issuedOn) ||
        b.registeredAt.localeCompare(a.registeredAt) ||
        a.type.localeCompare(b.type) ||
        b.version - a.version,
    );
}

/** The kinds of document in the register, in the order of `order` (the year's), with their counts. */
export function registerKinds(
  entries: readonly RegisteredDocument[],
  order: readonly DocumentType[],
): { type: DocumentType; count: number }[] {
  const counts = new Map<DocumentType, number>();
  for (const entry of entries) counts.set(entry.type, (counts.get(entry.type) ?? 0) + 1);
  return order.filter((type) => counts.has(type)).map((type) => ({ type, count: counts.get(type)! }));
}
