import type { ReactNode } from 'react';
import { EvidenceText } from '../../ui/evidence';

/** The pieces the cycle's pages are drawn with: facts, tables, lists, a "not yet" notice. */

/** One fact of a `<dl className="facts">`: its label and value. */
export function Fact({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * A table with its column heads, that scrolls sideways on a phone; or with `className="stacked-table"`
 * (ui/styles.css) and a `data-label` on its cells, whose rows are cards of labelled lines there. With
 * a `caption` it says what it lists (seen, or for screen readers only with `captionHidden`), and its
 * scrolling frame is a region of that name, reachable by keyboard.
 */
export function DataTable({
  columns,
  className,
  caption,
  captionHidden = false,
  children,
}: {
  columns: ReactNode[];
  className?: string;
  caption?: string;
  captionHidden?: boolean;
  children: ReactNode;
}) {
  return (
    <div
      className="table-scroll"
      {...(caption ? { tabIndex: 0, role: 'region', 'aria-label': caption } : {})}
    >
      <table className={className}>
        {caption && <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A list of items read as a list, or `empty` when there is none. */
export function ReadableList<T>({
  items,
  empty = '—',
  className,
  render = (item) => item as ReactNode,
}: {
  items: readonly T[] | null | undefined;
  empty?: ReactNode;
  className?: string;
  render?: (item: T) => ReactNode;
}) {
  if (!items?.length) return <>{empty}</>;
  return (
    <ul className={className}>
      {items.map((item, index) => (
        <li key={index}>{render(item)}</li>
      ))}
    </ul>
  );
}

/**
 * An evidence list as a record names it: each uploaded file by its name, to download (the page's
 * EvidenceNamesProvider knows the names), each paper record as written.
 */
export function EvidenceList({ items }: { items: readonly string[] }) {
  return (
    <ReadableList items={items} className="evidence-list" render={(item) => <EvidenceText value={item} />} />
  );
}

/** Something that has not happened yet (the audit not planned, the review not held), and what then. */
export function PendingNotice({ title, hint }: { title: string; hint: string }) {
  return (
    <div className="notice" role="status">
      <p>
        <strong>{title}</strong>
      </p>
      <p>{hint}</p>
    </div>
  );
}
