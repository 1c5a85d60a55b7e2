import { useEffect, useRef } from 'react';

/**
 * Readies the page for paper while the browser prints it (Ctrl+P, or a page's own print button),
 * and puts it back afterwards (ui/print.css does the rest):
 * - every collapsed `<details>` is opened: a closed one prints its summary alone;
 * - every drawn SVG without a `viewBox` (the charts, ECharts' SVG renderer) gets one, so that the
 *   stylesheet can scale it to the sheet's width; drawn at the screen's width, it would make the
 *   browser shrink the whole page to fit it;
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
