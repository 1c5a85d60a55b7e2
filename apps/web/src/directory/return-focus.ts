import { useCallback, useRef } from 'react';

/**
 * Gives focus back to the control that opened a form when the form closes (the row's "Sửa" button,
 * or the "Thêm" button by its id, since that one is hidden while its form is open).
 */
export function useReturnFocus() {
  const opener = useRef<HTMLElement | string | null>(null);
  const remember = useCallback((element: HTMLElement | string | null) => {
    opener.current = element;
  }, []);
  const restore = useCallback(() => {
    const target = opener.current;
    // After React has rendered the closed state (the "Thêm" button is back).
    window.setTimeout(() => {
      const element = typeof target === 'string' ? document.getElementById(target) : target;
      if (element?.isConnected) element.focus();
    }, 0);
  }, []);
  return { remember, restore };
}
