import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** Which rows of a long list of equal-height rows to put in the DOM, and how to bring one into view. */
export interface RowWindow {
  /** First row to render (inclusive). */
  start: number;
  /** Row after the last one to render (exclusive). */
  end: number;
  /** Height of all rows together: the scroll body's content height. */
  totalHeight: number;
  /** Scrolls the least needed to show row `index` whole (nothing when it already is). */
  scrollToIndex(index: number): void;
}

/** The rows in view follow from the first row scrolled past and the number of rows that fit. */
interface View {
  first: number;
  fitting: number;
}

/** Rows of height `rowHeight` that fit in `height`, counting a partly shown row at each edge. */
const rowsFitting = (height: number, rowHeight: number) => Math.ceil(height / rowHeight) + 1;

/**
 * Windowing for a list whose rows all have the same height: the range is arithmetic (no per-row bookkeeping, so
 * the cost does not grow with the list: 100,000 rows cost what 100 do), and nothing reads layout while React
 * renders or commits. Until the scroll element has been measured (by a ResizeObserver, which reports after layout
 * without forcing one), the window's own height stands in for the element's: the element cannot be taller, so
 * the first paint already has every row it shows.
 */
export function useRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan: number,
): RowWindow {
  const [view, setView] = useState<View>(() => ({
    first: 0,
    fitting: rowsFitting(typeof window === 'undefined' ? 0 : window.innerHeight, rowHeight),
  }));

  // What the listeners below last asked for, so scrolling within a row asks React for nothing.
  const asked = useRef(view);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    let height: number | undefined;
    const update = () => {
      const first = Math.max(0, Math.floor(element.scrollTop / rowHeight));
      const fitting = height === undefined ? asked.current.fitting : rowsFitting(height, rowHeight);
      if (asked.current.first === first && asked.current.fitting === fitting) return;
      asked.current = { first, fitting };
      setView(asked.current);
    };
    element.addEventListener('scroll', update, { passive: true });
    const resizes =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver((entries) => {
            const entry = entries[entries.length - 1];
            if (!entry) return;
            height = entry.contentRect.height;
            update();
          });
    resizes?.observe(element);
    // A scroll position set before this ran (a remembered one) counts too.
    if (element.scrollTop > 0) update();
    return () => {
      element.removeEventListener('scroll', update);
      resizes?.disconnect();
    };
  }, [scrollRef, rowHeight]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const element = scrollRef.current;
      if (!element) return;
      const top = index * rowHeight;
      const bottom = top + rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (bottom > element.scrollTop + element.clientHeight)
        element.scrollTop = bottom - element.clientHeight;
    },
    [scrollRef, rowHeight],
  );

  // When the list got shorter than the scroll position, the browser moves the position back to the end (and
  // reports it with a scroll event): the rows at the end are the ones it will show, so they render now.
  const first = Math.min(view.first, Math.max(0, count - view.fitting));
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + view.fitting + overscan);
  return { start, end, totalHeight: count * rowHeight, scrollToIndex };
}
