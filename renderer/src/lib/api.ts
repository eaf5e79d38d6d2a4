import type { KluisApi, KluisError, Result } from '../../../electron/contract';

declare global {
  interface Window {
    /** Built by the preload from the one IPC contract. */
    kluis: KluisApi;
  }
}

export interface LastCall {
  operation: string;
  ms: number;
  ok: boolean;
}

let lastCall: LastCall | undefined;
const lastCallListeners = new Set<() => void>();

/** The latency of the most recent call, for the status bar (useSyncExternalStore shape). */
export const lastCallStore = {
  subscribe(listener: () => void): () => void {
    lastCallListeners.add(listener);
    return () => lastCallListeners.delete(listener);
  },
  getSnapshot: (): LastCall | undefined => lastCall,
};

function record(call: LastCall): void {
  lastCall = call;
  for (const listener of lastCallListeners) listener();
}

function transportFailure(cause: unknown): Result<never> {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return {
    ok: false,
    error: {
      kind: 'internal',
      message: `Kluis could not reach its main process (${detail}). Restart Kluis; if it happens again, please report it.`,
    },
  };
}

let wrappedFor: KluisApi | undefined;
let wrapped: KluisApi | undefined;

/**
 * window.kluis with every call timed for the status bar. A rejected promise (which the contract never
 * produces on purpose) still comes back as a Result, so callers only ever handle `ok`.
 */
export function kluis(): KluisApi {
  const source = window.kluis;
  if (wrapped && wrappedFor === source) return wrapped;
  const api: Record<string, unknown> = {};
  for (const [group, methods] of Object.entries(source)) {
    if (group === 'events') {
      api[group] = methods;
      continue;
    }
    const timed: Record<string, unknown> = {};
    for (const [method, fn] of Object.entries(
      methods as Record<string, (input?: unknown) => Promise<unknown>>,
    )) {
      timed[method] = async (input?: unknown) => {
        const started = performance.now();
        let result: Result<unknown>;
        try {
          result = (await fn(input)) as Result<unknown>;
        } catch (cause) {
          result = transportFailure(cause);
        }
        record({
          operation: `${group}.${method}`,
          ms: Math.round(performance.now() - started),
          ok: result.ok,
        });
        return result;
      };
    }
    api[group] = timed;
  }
  wrappedFor = source;
  wrapped = api as KluisApi;
  return wrapped;
}

export type { KluisError, Result };
