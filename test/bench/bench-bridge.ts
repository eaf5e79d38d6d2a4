// Runs inside the page as an init script, like test/e2e/harness/page-bridge.ts (window.kluis from the same
// buildKluisApi over a Playwright binding), and also records, for the benchmark only, when each call started
// and resolved and when the last trusted input events happened. Nothing here sees or keeps a secret value.
import type { KluisApi } from '../../electron/contract';
import { buildKluisApi } from '../../electron/preload/api-builder';

export interface BenchCall {
  channel: string;
  start: number;
  end?: number;
}

export interface BenchProbe {
  calls: BenchCall[];
  /** performance.now() time base (Event.timeStamp) of the latest click / input / keydown event. */
  lastClick: number;
  lastInput: number;
  lastKeyDown: number;
}

interface BridgeWindow {
  kluis: KluisApi;
  __bench: BenchProbe;
  __kluisInvoke(channel: string, input: unknown): Promise<unknown>;
  __kluisDispatch(channel: string, payload: unknown): void;
}

const page = window as unknown as BridgeWindow;
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const invoke = page.__kluisInvoke.bind(page);
const probe: BenchProbe = { calls: [], lastClick: NaN, lastInput: NaN, lastKeyDown: NaN };
page.__bench = probe;

window.addEventListener('click', (e) => (probe.lastClick = e.timeStamp), true);
window.addEventListener('input', (e) => (probe.lastInput = e.timeStamp), true);
window.addEventListener('keydown', (e) => (probe.lastKeyDown = e.timeStamp), true);

page.__kluisDispatch = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

Object.defineProperty(page, 'kluis', {
  value: Object.freeze(
    buildKluisApi({
      async invoke(channel, input) {
        const call: BenchCall = { channel, start: performance.now() };
        probe.calls.push(call);
        const answer = await invoke(channel, input);
        // The harness answers with a JSON string; figure 4's in-page listPage answers with the objects themselves.
        const result: unknown = typeof answer === 'string' ? JSON.parse(answer) : answer;
        call.end = performance.now();
        return result;
      },
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
