/**
 * After a form was sent, focus goes to what it now says — the first refused field, else the error,
 * else the confirmation — inside `container`. Its buttons were disabled while sending, and a
 * disabled button drops the focus to the page's top, where a keyboard or screen-reader user would
 * have to find their way back.
 */
export function focusOutcome(container: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const target = container?.querySelector<HTMLElement>(
      '[aria-invalid="true"], [role="alert"], [role="status"]',
    );
    if (!target) return;
    if (!target.matches('input, select, textarea, button, a') && !target.hasAttribute('tabindex'))
      target.tabIndex = -1;
    target.focus();
  });
}
