import type { Page } from 'playwright-core';
import { axeViolations } from '@qcycle/testing';

/** The rules of WCAG 2.0 and 2.1, levels A and AA, as axe-core tags them: what Vietnamese public services must meet. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/**
 * axe-core's WCAG 2.1 A/AA violations on the page as it is now, whatever their impact, one line each
 * with the rule, its impact and every node it found (empty when there are none).
 */
export async function wcagViolations(page: Page): Promise<string[]> {
  const violations = await axeViolations(page, WCAG_21_AA);
  return violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'no impact'}): ${v.help} — at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** What a page says of itself: its title, its language, its headings in order (visible ones). */
export interface PageOutline {
  title: string;
  lang: string;
  headings: { level: number; text: string }[];
}

export const outlineOf = (page: Page): Promise<PageOutline> =>
  page.evaluate(() => {
    const doc = (globalThis as unknown as { document: OutlineDocument }).document;
    return {
      title: doc.title,
      lang: doc.documentElement.lang,
      headings: [...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')]
        .filter((h) => h.getClientRects().length > 0)
        .map((h) => ({ level: Number(h.tagName[1]), text: (h.textContent ?? '').trim() })),
    };
  });

/** The headings that skip a level below the one before them (an h2 followed by an h4). */
export function skippedHeadings(outline: PageOutline): string[] {
  return outline.headings
    .filter((h, i) => i > 0 && h.level > outline.headings[i - 1].level + 1)
    .map((h) => `h${h.level} "${h.text}"`);
}

/**
 * How many CSS pixels the page is wider than a `width`-pixel window (WCAG 1.4.10 Reflow: 320 px is
 * 1280 px at 400% zoom). Tables that scroll inside their own box are allowed; the page may not.
 * The window is put back afterwards.
 */
export async function overflowAt(page: Page, width: number): Promise<number> {
  const before = page.viewportSize();
  await page.setViewportSize({ width, height: 640 });
  try {
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    return await page.evaluate(() => {
      const root = (globalThis as unknown as { document: OutlineDocument }).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/** What the Tab key found on a page. */
export interface KeyboardWalk {
  /** Controls reached, in order. */
  reached: string[];
  /** Visible, enabled controls Tab never reached (one radio button per group is enough). */
  unreached: string[];
  /** Controls reached that showed no focus indicator (no outline, no box-shadow: WCAG 2.4.7). */
  withoutIndicator: string[];
  /** Controls reached that were not on the screen when they had the focus. */
  offScreen: string[];
}

/**
 * Tabs through the whole page from the top, as a keyboard user does, until the focus comes round
 * again: every visible enabled control must be reached and show where the focus is.
 */
export async function walkWithTab(page: Page, maxPresses = 300): Promise<KeyboardWalk> {
  const controls = await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: OutlineDocument }).document;
    // Not a control hidden from everyone and out of the Tab order on purpose (a date field's
    // calendar input, aria-hidden, tabindex -1): its own button, beside the field, is reached.
    const selector =
      'a[href], button, input:not([type="hidden"]):not([aria-hidden="true"][tabindex="-1"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const radioGroups = new Set<string>();
    let count = 0;
    for (const element of doc.querySelectorAll(selector)) {
      element.removeAttribute('data-tab-walk');
      if (element.disabled || element.getClientRects().length === 0) continue;
      if (element.type === 'radio') {
        // Tab stops once in a group of radio buttons; the arrow keys move within it.
        if (radioGroups.has(element.name ?? '')) continue;
        radioGroups.add(element.name ?? '');
      }
      element.setAttribute('data-tab-walk', String(count++));
    }
    (doc.activeElement as { blur?: () => void } | null)?.blur?.();
    return count;
  });
  const reached: string[] = [];
  const seen = new Set<string>();
  const withoutIndicator: string[] = [];
  const offScreen: string[] = [];
  let first: string | undefined;
  for (let press = 0; press < maxPresses && seen.size <= controls; press++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const g = globalThis as unknown as {
        document: OutlineDocument;
        innerWidth: number;
        innerHeight: number;
      };
      const element = g.document.activeElement;
      if (!element || element === g.document.body) return null;
      const box = element.getBoundingClientRect();
      // A control hidden behind a face of its own (the evidence field's file input, a pixel wide,
      // behind its button) cannot show its own focus: the face, its next sibling, must.
      const hidden = box.right - box.left <= 1 && box.bottom - box.top <= 1;
      const style = getComputedStyle((hidden && element.nextElementSibling) || element);
      const name = (element.getAttribute('aria-label') ?? element.textContent ?? element.id ?? '').trim();
      return {
        key: element.getAttribute('data-tab-walk') ?? `unlisted ${element.tagName}`,
        what: `${element.tagName.toLowerCase()} "${name.replace(/\s+/g, ' ').slice(0, 60)}"`,
        indicated:
          (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
        onScreen: box.bottom > 0 && box.right > 0 && box.top < g.innerHeight && box.left < g.innerWidth,
      };
    });
    if (!focused) continue;
    if (focused.key === first) break;
    first ??= focused.key;
    if (seen.has(focused.key)) continue;
    seen.add(focused.key);
    reached.push(focused.what);
    if (!focused.indicated) withoutIndicator.push(focused.what);
    if (!focused.onScreen) offScreen.push(focused.what);
  }
  const unreached = await page.evaluate(
    (seenKeys) => {
      const doc = (globalThis as unknown as { document: OutlineDocument }).document;
      return [...doc.querySelectorAll('[data-tab-walk]')]
        .filter((element) => !seenKeys.includes(element.getAttribute('data-tab-walk') ?? ''))
        .map(
          (element) =>
            `${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 60)}"`,
        );
    },
    [...seen],
  );
  return { reached, unreached, withoutIndicator, offScreen };
}

/**
 * How a refused form says so (WCAG 3.3.1, 4.1.3): the focus on the refusal (its one alert, or the
 * first refused field); every refused control named invalid and described by its message; every
 * message shown by a field described by it. Returns what is wrong (empty when nothing is).
 */
export const refusalProblems = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const doc = (globalThis as unknown as { document: OutlineDocument }).document;
    const problems: string[] = [];
    const focused = doc.activeElement;
    if (
      !focused ||
      !(focused.getAttribute('role') === 'alert' || focused.getAttribute('aria-invalid') === 'true')
    )
      problems.push(`the focus is on ${focused?.tagName ?? 'nothing'}, not on the refusal`);
    const described = new Set<string>();
    for (const control of doc.querySelectorAll('[aria-describedby]'))
      for (const id of (control.getAttribute('aria-describedby') ?? '').split(/\s+/))
        if (id) described.add(id);
    for (const control of doc.querySelectorAll('[aria-invalid="true"]')) {
      const texts = (control.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((id) => (id ? (doc.getElementById(id)?.textContent ?? '') : ''))
        .join(' ')
        .trim();
      const inGroup = control.closest('fieldset[aria-describedby]');
      if (!texts && !inGroup)
        problems.push(`${control.tagName} ${control.id} is invalid and describes no reason`);
    }
    for (const message of doc.querySelectorAll('.field-error'))
      if (message.getClientRects().length > 0 && (!message.id || !described.has(message.id)))
        problems.push(`"${(message.textContent ?? '').trim()}" describes no field (aria-describedby)`);
    if ([...doc.querySelectorAll('[role="alert"]')].length > 1) problems.push('more than one alert at once');
    return problems;
  });

/** The few DOM members these checks use in the page (the suites have no DOM types). */
interface OutlineElement {
  tagName: string;
  id: string;
  textContent: string | null;
  disabled?: boolean;
  type?: string;
  name?: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  getClientRects(): { length: number };
  getBoundingClientRect(): { top: number; left: number; bottom: number; right: number };
  nextElementSibling: OutlineElement | null;
  closest(selector: string): OutlineElement | null;
}
interface OutlineDocument {
  title: string;
  documentElement: OutlineElement & { lang: string; scrollWidth: number; clientWidth: number };
  body: OutlineElement;
  activeElement: OutlineElement | null;
  querySelectorAll(selector: string): Iterable<OutlineElement>;
  getElementById(id: string): OutlineElement | null;
}
declare function getComputedStyle(element: OutlineElement): {
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
};
