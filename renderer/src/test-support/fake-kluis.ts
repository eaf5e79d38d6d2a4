import { buildKluisApi } from '../../../electron/preload/api-builder';
import type { Result } from '../../../electron/contract';

type Handler = (input: Record<string, unknown>) => Result<unknown> | Promise<Result<unknown>>;

/**
 * A window.kluis for unit tests: the real API builder over a transport that answers from `handlers`,
 * keyed "group.method". Calls are recorded; an unhandled call fails like an unconfigured main would.
 */
export function installFakeKluis(handlers: Record<string, Handler>) {
  const calls: Array<{ op: string; input: Record<string, unknown> }> = [];
  window.kluis = buildKluisApi({
    async invoke(channel, input) {
      const op = channel.replace(/^kluis:/, '');
      const typed = input as Record<string, unknown>;
      calls.push({ op, input: typed });
      const handler = handlers[op];
      if (!handler) return { ok: false, error: { kind: 'not-configured', message: `No fake for ${op}.` } };
      return handler(typed);
    },
    on: () => () => undefined,
  });
  return { calls, ops: () => calls.map((c) => c.op) };
}
