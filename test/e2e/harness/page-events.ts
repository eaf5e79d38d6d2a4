import type { Page } from 'playwright-core';
import { eventChannelOf, type EventName, type EventPayloads } from '../../../electron/contract';

/**
 * Core's `emit` for a page driven by Playwright: each event goes to the listeners the page bridge registered
 * (window.__kluisDispatch), as Electron main's webContents.send would deliver it. Events before the page exists,
 * or after it closed, are dropped.
 */
export function pageEventEmitter(page: () => Page | undefined) {
  return <E extends EventName>(name: E, payload: EventPayloads[E]) => {
    page()
      ?.evaluate(
        ([channel, data]) =>
          (window as unknown as { __kluisDispatch(c: string, p: unknown): void }).__kluisDispatch(
            channel,
            data,
          ),
        [eventChannelOf(name), payload] as const,
      )
      .catch(() => undefined);
  };
}
