import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { SecretProperties } from '../../../../electron/contract';

interface RowKeyboard {
  shown: readonly SecretProperties[];
  /** The scrolling body whose rows carry data-index. */
  scrollRef: RefObject<HTMLDivElement | null>;
  /** The row that takes Tab (roving tabindex). */
  activeIndex: number;
  setActive: (index: number) => void;
  scrollToIndex: (index: number) => void;
  onOpen: (secret: SecretProperties) => void;
  check: (name: string, gesture: 'toggle' | 'range') => void;
  checkAll: () => void;
  /** With rows checked: deletes them all (Del); undefined with none checked. */
  deleteChecked: (() => void) | undefined;
}

/**
 * The grid's keys on a row: arrows, Page Up/Down, Home and End move (scrolling the row into the window and
 * focusing it), Enter opens, Space checks (Shift+Space a range), Ctrl+A checks every row shown, Del deletes the
 * checked rows.
 */
export function useRowKeyboard(
  k: RowKeyboard,
): (event: KeyboardEvent<HTMLDivElement>, index: number) => void {
  const focusAfterMove = useRef(false);
  const { scrollRef, activeIndex } = k;

  // After a keyboard move, focus the target row once it has been rendered (it may need a scroll
  // and another render first), so this runs after every render until it succeeds.
  useEffect(() => {
    if (!focusAfterMove.current) return;
    const target = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (!target) return;
    focusAfterMove.current = false;
    target.focus();
  });

  return (event, index) => {
    const { shown } = k;
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + 10,
      PageUp: index - 10,
      Home: 0,
      End: shown.length - 1,
    };
    const secret = shown[index];
    if (event.key === 'Enter') {
      event.preventDefault();
      if (secret) k.onOpen(secret);
      return;
    }
    if (event.key === ' ') {
      event.preventDefault();
      if (secret) k.check(secret.name, event.shiftKey ? 'range' : 'toggle');
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      k.checkAll();
      return;
    }
    if (event.key === 'Delete' && k.deleteChecked) {
      // With rows checked, Del deletes them all (the workspace's Del deletes the open one otherwise).
      event.preventDefault();
      k.deleteChecked();
      return;
    }
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(shown.length - 1, target));
    k.scrollToIndex(next);
    focusAfterMove.current = true;
    k.setActive(next);
  };
}
