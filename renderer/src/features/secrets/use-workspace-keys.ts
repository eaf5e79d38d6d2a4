import { useEffect, useRef } from 'react';

interface Handlers {
  onNew: () => void;
  onRefresh: () => void;
  onDelete: () => void;
  onClose: () => void;
}

const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Ctrl+N, F5, Del and Esc for the vault workspace; Del and Esc leave text fields alone. */
export function useWorkspaceKeys(handlers: Handlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      // A dialog owns the keyboard while it is open.
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      const h = latest.current;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'n') {
        event.preventDefault();
        h.onNew();
      } else if (event.key === 'F5') {
        event.preventDefault();
        h.onRefresh();
      } else if (event.key === 'Delete' && !typingIn(event.target)) {
        event.preventDefault();
        h.onDelete();
      } else if (event.key === 'Escape' && !typingIn(event.target)) {
        h.onClose();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
