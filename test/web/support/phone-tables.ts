import type { Locator } from 'playwright-core';
import { VIEWPORTS } from '@qcycle/testing';

/**
 * What of the tables in `region` a user could not read on a phone (360 × 740 CSS px), each said as
 * a line to name what to fix; an empty list when every row reads. The viewport is put back after.
 *
 * - `no table` / `no row`: nothing to check (the page did not show what the suite expected);
 * - `cut off`: a cell, or a control in it, past the region's edges (hidden, or to scroll sideways to);
 * - `squeezed`: a row's name (its `<th scope="row">`, or its first cell) under 80% of the table's
 *   width, that is a column a word or two wide rather than the head of a card;
 * - `unlabelled`: another cell that does not say what it is (no `data-label`), unless all it holds
 *   is buttons, which name themselves;
 * - `under 44 px`: a button or a link lower than a finger's target.
 *
 * `also` asks what only some tables must do, see {@link AlsoAtPhoneWidth}.
 */
export async function unreadableTablesAtPhoneWidth(
  region: Locator,
  also: AlsoAtPhoneWidth = {},
): Promise<string[]> {
  const page = region.page();
  const before = page.viewportSize();
  await page.setViewportSize(VIEWPORTS.phone);
  try {
    // Let the layout settle at the new width.
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    return await region.evaluate((section: PageElement, also: AlsoAtPhoneWidth) => {
      const edge = section.getBoundingClientRect();
      const outside = (box: Box) =>
        box.width > 0 && (box.left < edge.left - 0.5 || box.right > edge.right + 0.5);
      // Seen: a box of its own, inside the region, not made invisible.
      const inView = (element: PageElement) => {
        const box = element.getBoundingClientRect();
        return (
          box.width > 0 &&
          box.height > 0 &&
          !outside(box) &&
          getComputedStyle(element).visibility === 'visible'
        );
      };
      // An element in a line of the report: a field by its label, anything else by its text (a
      // list's options left out), at most 60 characters.
      const said = (element: PageElement): string => {
        const label = element.labels?.[0];
        if (label) return said(label);
        const copy = element.cloneNode(true);
        for (const option of copy.querySelectorAll('option')) option.remove();
        const text = copy.textContent?.replace(/\s+/g, ' ').trim() ?? '';
        return text.length > 60 ? `${text.slice(0, 59)}…` : text;
      };
      const found: string[] = [];
      const tables = [...section.querySelectorAll('table')];
      if (tables.length === 0) found.push('no table');
      for (const table of tables) {
        const heads = [...table.querySelectorAll('thead th')].map(said);
        const rows = [...table.querySelectorAll('tbody tr')];
        if (rows.length === 0) found.push(`no row in the table headed ${heads.join(', ')}`);
        for (const row of rows) {
          const cells = [...row.children];
          const line = cells.map(said).join(' | ');
          const name = cells.find((cell) => cell.getAttribute('scope') === 'row') ?? cells[0];
          for (const cell of cells) {
            // The cell, or else the first of its controls, past the edge.
            const past = [cell, ...cell.querySelectorAll('a, button, input, select, textarea')].find(
              (element) => outside(element.getBoundingClientRect()),
            );
            if (past) found.push(`cut off: "${said(past)}"`);
          }
          if (name.getBoundingClientRect().width < 0.8 * table.getBoundingClientRect().width)
            found.push(`squeezed: "${said(name)}"`);
          for (const cell of cells) {
            if (cell === name || cell.getAttribute('data-label')) continue;
            const held = [...cell.children];
            const onlyButtons =
              held.length > 0 &&
              held.every((child) => child.tagName === 'BUTTON') &&
              said(cell) === held.map(said).join(' ');
            if (!onlyButtons) found.push(`unlabelled: "${said(cell)}"`);
          }
          for (const target of row.querySelectorAll('button, a[href]'))
            if (target.getBoundingClientRect().height < 44) found.push(`under 44 px: "${said(target)}"`);
          for (const head of also.numberColumns ?? []) {
            const cell = cells[heads.indexOf(head)];
            if (cell && !(inView(cell) && /\d/.test(said(cell))))
              found.push(`${head} not a number in view: "${line}"`);
          }
          if (also.buttonInEveryRow) {
            const buttons = [...row.querySelectorAll('button')];
            if (buttons.length === 0) found.push(`no button: "${line}"`);
            for (const button of buttons)
              if (!inView(button)) found.push(`button not in view: "${said(button)}" of "${line}"`);
          }
        }
      }
      return found;
    }, also);
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/** What only some tables must do at phone width, besides what every table must. */
export interface AlsoAtPhoneWidth {
  /**
   * Columns, by their heads, whose cell in each row must show a number in view (`<head> not a
   * number in view`), as a register's version; a table without such a column is not asked.
   */
  numberColumns?: string[];
  /**
   * Each row must hold a button (`no button`), each of them in view (`button not in view`: past the
   * region's edges, of no size, or invisible), as a row's download.
   */
  buttonInEveryRow?: boolean;
}

// The page's DOM as far as the check reads it (the suites have no DOM types).
interface Box {
  left: number;
  right: number;
  width: number;
  height: number;
}
interface PageElement {
  textContent: string | null;
  labels?: ArrayLike<PageElement>;
  cloneNode(deep: true): PageElement;
  remove(): void;
  tagName: string;
  children: ArrayLike<PageElement> & Iterable<PageElement>;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Box;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
}
declare function getComputedStyle(element: PageElement): { visibility: string };
