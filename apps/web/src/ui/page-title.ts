import { useEffect } from 'react';

/**
 * The tab's title names the page shown, in the page's language, then the app (WCAG 2.4.2): a
 * single-page app otherwise keeps one title on every page, and a screen reader, the tab strip and
 * the browser's history all read the same words everywhere. `undefined` leaves the title as it is
 * (a page still loading what it is about).
 */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · qcycle`;
  }, [title]);
}
