import { useEffect, useRef } from 'react';

const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Ctrl+C copies the selected secret's value (through main) when no text is selected and no field has focus, so
 * copying selected text keeps working as usual.
 */
export function useCopyShortcut(enabled: boolean, copy: () => void): void {
  const latest = useRef(copy);
  useEffect(() => {
    latest.current = copy;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey)
        return;
      if (event.key.toLowerCase() !== 'c' || typingIn(event.target)) return;
      if ((window.getSelection()?.toString() ?? '') !== '') return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
