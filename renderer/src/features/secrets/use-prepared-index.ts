import { useEffect } from 'react';
import type { FilterIndex } from './filter';

/** Builds the filter's search texts in idle moments after the data arrives, so the first keystroke finds them. */
export function usePreparedIndex(index: FilterIndex): void {
  useEffect(() => {
    let cancel = () => {};
    const step = (more: () => boolean) => {
      if (index.prepare(more)) return;
      if (typeof window.requestIdleCallback === 'function') {
        const id = window.requestIdleCallback((deadline) => step(() => deadline.timeRemaining() > 1));
        cancel = () => window.cancelIdleCallback(id);
      } else {
        const id = window.setTimeout(() => {
          const until = performance.now() + 8;
          step(() => performance.now() < until);
        }, 50);
        cancel = () => window.clearTimeout(id);
      }
    };
    step(() => false);
    return () => cancel();
  }, [index]);
}
