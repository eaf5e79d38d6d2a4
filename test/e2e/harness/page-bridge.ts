// Runs inside the page as an init script, in place of Electron's preload: window.kluis comes from the same
// buildKluisApi, and its transport forwards to the test process through a Playwright binding.
import type { KluisApi } from '../../../electron/contract';
import { buildKluisApi } from '../../../electron/preload/api-builder';

interface BridgeWindow {
  kluis: KluisApi;
  __kluisInvoke(channel: string, input: unknown): Promise<unknown>;
  __kluisDispatch(channel: string, payload: unknown): void;
}

const page = window as unknown as BridgeWindow;
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const invoke = page.__kluisInvoke.bind(page);

page.__kluisDispatch = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

Object.defineProperty(page, 'kluis', {
  value: Object.freeze(
    buildKluisApi({
      invoke: (channel, input) => invoke(channel, input),
      on(channel, listener) {
        let set = listeners.get(channel);
        if (!set) listeners.set(channel, (set = new Set()));
        set.add(listener);
        return () => {
          set.delete(listener);
        };
      },
    }),
  ),
  enumerable: true,
});
