import { useEffect, useRef } from 'react';

/**
 * The width, in CSS px, that a page has on paper: A4 (210 mm) less the left and right margins of
 * ui/print.css's `@page` (12 mm each). The layout for print is not known before the browser makes
 * it, so this is what a chart redraws itself at ({@link SHEET_LAYOUT}).
 */
export const SHEET_WIDTH_PX = Math.floor(((210 - 2 * 12) * 96) / 25.4);

/**
 * Sent on `window` when a page is readied for paper, before its charts' SVGs are scaled: a chart
 * redraws itself at {@link SHEET_WIDTH_PX}, synchronously, so that scaling it to the sheet keeps its
 * words at nearly their size (drawn at a wide screen's width they printed at about 60%). It redraws
 * at its own width again on `afterprint`.
 */
export const SHEET_LAYOUT = 'qcycle:sheet-layout';

/**
 * Readies the page for paper while the browser prints it (Ctrl+P, or a page's own print button),
 * and puts it back afterwards (ui/print.css does the rest):
 * - every collapsed `<details>` is opened: a closed one prints its summary alone;
 * - the charts redraw at the sheet's width ({@link SHEET_LAYOUT});
 * - every drawn SVG without a `viewBox` (the charts, ECharts' SVG renderer) gets one, so that the
 *   stylesheet can scale it to the sheet's exact width; drawn wider, it would make the browser shrink
 *   the whole page to fit it;
 * - `onPrint` runs first (the print date).
 * Written to the DOM directly: the browser lays the page out for print right after `beforeprint`,
 * before React would render a change of state.
 */
export function usePrintPreparation(onPrint: () => void): void {
  const prepare = useRef(onPrint);
  prepare.current = onPrint;
  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    let scaled: SVGSVGElement[] = [];
    const before = () => {
      prepare.current();
      opened = [...document.querySelectorAll<HTMLDetailsElement>('details:not([open])')];
      for (const details of opened) details.open = true;
      window.dispatchEvent(new Event(SHEET_LAYOUT));
      scaled = [...document.querySelectorAll<SVGSVGElement>('main svg[width][height]:not([viewBox])')];
      for (const svg of scaled)
        svg.setAttribute('viewBox', `0 0 ${svg.getAttribute('width')} ${svg.getAttribute('height')}`);
    };
    const after = () => {
      for (const details of opened) details.open = false;
      for (const svg of scaled) svg.removeAttribute('viewBox');
      opened = [];
      scaled = [];
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
}
