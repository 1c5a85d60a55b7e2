/**
 * After a form was sent, focus goes to what it now says — the first refused field, else the error,
 * else the confirmation — inside `container`. Its buttons were disabled while sending, and a
 * disabled button drops the focus to the page's top, where a keyboard or screen-reader user would
 * have to find their way back. A refused field's message is no live region (FieldError): taking
 * focus, the field is read with it, the one thing said of the refusal.
 */
export function focusOutcome(container: HTMLElement | null): void {
  // Two frames: what a form sets after an await is rendered in a task of its own, which may come
  // after the next frame.
  afterTwoFrames(() => {
    let target = container?.querySelector<HTMLElement>(
      '[aria-invalid="true"], [role="alert"], [role="status"]',
    );
    // Sent with Enter from the refused field itself: focus is already there, and a screen reader does
    // not read the field again for its new message, so the message takes focus (Shift+Tab goes back).
    if (target && target === document.activeElement) target = messageOf(target) ?? target;
    if (!target) return;
    if (!target.matches('input, select, textarea, button, a') && !target.hasAttribute('tabindex'))
      target.tabIndex = -1;
    target.focus();
  });
}

/** The refusal among the texts that describe a field (aria-describedby). */
const messageOf = (field: HTMLElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .map((id) => (id ? document.getElementById(id) : null))
    .find((element) => element?.classList.contains('field-error')) ?? undefined;

const afterTwoFrames = (then: () => void) => requestAnimationFrame(() => requestAnimationFrame(then));
