import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/** How long a new page may take to show its heading (a lazy chunk, then its data). */
const HEADING_WAIT_MS = 5_000;

/**
 * After a move to another page inside the app (a link, the way back, signing in), focus goes to the
 * new page's main heading. Without it the focus stays on the link that was followed — or falls to
 * the top of the document when that link went away — and a screen reader says nothing of the new
 * page, as a full page load would (WCAG 2.4.3, 4.1.3); a keyboard user starts again from the top. The
 * document's first page is left alone: the browser starts it at the top. A page still loading gets
 * its heading when it comes, unless the person has moved the focus meanwhile: theirs wins.
 */
export function usePageFocus(): void {
  const { pathname } = useLocation();
  // The page shown when the effect last ran: the document's first page is not a move (nor is React's
  // second run of an effect in development).
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    const before = document.activeElement;
    const focusHeading = (): boolean => {
      const heading = document.querySelector<HTMLElement>('main h1');
      if (!heading) return false;
      const now = document.activeElement;
      if (now !== before && now !== document.body && now !== null) return true;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus();
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => focusHeading() && stop());
    const timer = window.setTimeout(() => stop(), HEADING_WAIT_MS);
    const stop = () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
    observer.observe(document.body, { childList: true, subtree: true });
    return stop;
  }, [pathname]);
}
