/** The biggest page the API serves. */
export const MAX_PAGE = 100;

/**
 * Every item of a paged list, read page by page (`limit`, `offset`), for what needs the whole list
 * at once: the unit pickers, the documents page's register (a busy audit year issues more than a
 * page of nonconformity forms).
 */
export async function everyPage<T>(
  page: (window: { limit: number; offset: number }) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += MAX_PAGE) {
    const next = await page({ limit: MAX_PAGE, offset });
    items.push(...next.items);
    if (next.items.length === 0 || items.length >= next.total) return items;
  }
}
