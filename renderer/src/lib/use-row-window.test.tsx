// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useRowWindow } from './use-row-window';

const ROW = 32;
const OVERSCAN = 12;

/** A ResizeObserver stand-in the test drives: report(height) is what the browser does after a layout. */
class FakeResizeObserver {
  static last: FakeResizeObserver | undefined;
  observed: Element[] = [];
  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.last = this;
  }
  observe(element: Element) {
    this.observed.push(element);
  }
  unobserve() {}
  disconnect() {
    this.observed = [];
  }
  report(height: number) {
    const entry = { contentRect: { height } } as ResizeObserverEntry;
    this.callback([entry], this as unknown as ResizeObserver);
  }
}

/** A scroll element whose visible height the test sets. */
function scrollElement(clientHeight: number): HTMLDivElement {
  const element = document.createElement('div');
  Object.defineProperty(element, 'clientHeight', { configurable: true, get: () => clientHeight });
  return element;
}

function scrollTo(element: HTMLElement, top: number) {
  element.scrollTop = top;
  element.dispatchEvent(new Event('scroll'));
}

describe('useRowWindow', () => {
  beforeEach(() => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    vi.stubGlobal('innerHeight', 800);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeResizeObserver.last = undefined;
  });

  it('fills the window before the scroll element is measured, without reading layout', () => {
    const element = scrollElement(320);
    const rect = vi.spyOn(element, 'getBoundingClientRect');
    const { result } = renderHook(() => useRowWindow({ current: element }, 100_000, ROW, OVERSCAN));
    // 800 px of window: 25 rows plus one partly shown, and the overscan below.
    expect(result.current).toMatchObject({ start: 0, end: 26 + OVERSCAN, totalHeight: 100_000 * ROW });
    expect(rect).not.toHaveBeenCalled();
  });

  it('renders what the measured element shows, plus overscan, wherever it is scrolled in 100,000 rows', () => {
    const element = scrollElement(320);
    const { result } = renderHook(() => useRowWindow({ current: element }, 100_000, ROW, OVERSCAN));
    act(() => FakeResizeObserver.last!.report(320));
    expect(result.current).toMatchObject({ start: 0, end: 11 + OVERSCAN });
    act(() => scrollTo(element, 50_000 * ROW + 10));
    expect(result.current).toMatchObject({ start: 50_000 - OVERSCAN, end: 50_000 + 11 + OVERSCAN });
    expect(result.current.end - result.current.start).toBe(11 + 2 * OVERSCAN);
  });

  it('does not re-render for scrolling within the same row', () => {
    const element = scrollElement(320);
    let renders = 0;
    renderHook(() => {
      renders++;
      return useRowWindow({ current: element }, 1_000, ROW, OVERSCAN);
    });
    act(() => FakeResizeObserver.last!.report(320));
    const before = renders;
    act(() => scrollTo(element, 5));
    act(() => scrollTo(element, 20));
    expect(renders).toBe(before);
    act(() => scrollTo(element, ROW));
    expect(renders).toBe(before + 1);
  });

  it('shows the last rows when the list becomes shorter than the scroll position', () => {
    const element = scrollElement(320);
    let count = 10_000;
    const { result, rerender } = renderHook(() => useRowWindow({ current: element }, count, ROW, OVERSCAN));
    act(() => FakeResizeObserver.last!.report(320));
    act(() => scrollTo(element, 5_000 * ROW));
    count = 40;
    rerender();
    expect(result.current.end).toBe(40);
    expect(result.current.start).toBe(40 - 11 - OVERSCAN);
    count = 0;
    rerender();
    expect(result.current).toMatchObject({ start: 0, end: 0, totalHeight: 0 });
  });

  it('picks up a scroll position set before it started (a remembered one)', () => {
    const element = scrollElement(320);
    element.scrollTop = 200 * ROW;
    const { result } = renderHook(() => useRowWindow({ current: element }, 1_000, ROW, OVERSCAN));
    expect(result.current.start).toBe(200 - OVERSCAN);
  });

  it('scrolls the least needed to show a row whole, and not at all when it is shown', () => {
    const element = scrollElement(320);
    const { result } = renderHook(() => useRowWindow({ current: element }, 1_000, ROW, OVERSCAN));
    act(() => result.current.scrollToIndex(5));
    expect(element.scrollTop).toBe(0);
    act(() => result.current.scrollToIndex(100));
    expect(element.scrollTop).toBe(101 * ROW - 320);
    act(() => result.current.scrollToIndex(95));
    expect(element.scrollTop).toBe(101 * ROW - 320);
    act(() => result.current.scrollToIndex(3));
    expect(element.scrollTop).toBe(3 * ROW);
  });

  it('stops listening when unmounted', () => {
    const element = scrollElement(320);
    const { unmount } = renderHook(() => useRowWindow({ current: element }, 1_000, ROW, OVERSCAN));
    const observer = FakeResizeObserver.last!;
    expect(observer.observed).toEqual([element]);
    unmount();
    expect(observer.observed).toEqual([]);
  });
});
