import { buildKluisApi } from '../../../electron/preload/api-builder';
import {
  eventChannelOf,
  type EventName,
  type EventPayloads,
  type OperationInput,
  type OperationKey,
  type OperationOf,
  type OperationResult,
  type Result,
} from '../../../electron/contract';

/** A fake for one operation: its input as the renderer sent it, and the contract's result for it. */
type Handler<K extends OperationKey> = (
  input: OperationInput<OperationOf<K>>,
) => Result<OperationResult<OperationOf<K>>> | Promise<Result<OperationResult<OperationOf<K>>>>;
export type FakeHandlers = { [K in OperationKey]?: Handler<K> };

/**
 * A window.kluis for unit tests: the real API builder over a transport that answers from `handlers`,
 * keyed "group.method". Calls are recorded; an unhandled call fails like an unconfigured main would. `emit` plays
 * main sending an event to the listeners the renderer subscribed.
 */
export function installFakeKluis(handlers: FakeHandlers = {}) {
  const calls: Array<{ op: string; input: Record<string, unknown> }> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  window.kluis = buildKluisApi({
    async invoke(channel, input) {
      const op = channel.replace(/^kluis:/, '');
      const typed = input as Record<string, unknown>;
      calls.push({ op, input: typed });
      const handler = handlers[op as OperationKey] as
        ((input: unknown) => Result<unknown> | Promise<Result<unknown>>) | undefined;
      if (!handler) return { ok: false, error: { kind: 'not-configured', message: `No fake for ${op}.` } };
      return handler(typed);
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  });
  const emit = <E extends EventName>(name: E, payload: EventPayloads[E]) => {
    for (const listener of listeners.get(eventChannelOf(name)) ?? []) listener(payload);
  };
  return { calls, ops: () => calls.map((c) => c.op), emit };
}
