import {
  allOperations,
  channelOf,
  EVENT_NAMES,
  eventChannelOf,
  type EventName,
  type KluisApi,
} from '../contract';

/** How the API reaches main: ipcRenderer in Electron, a Playwright binding in the e2e harness. */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds window.kluis from the contract: one named method per operation, each bound to its own channel.
 * The renderer never sees a channel name or a generic invoke.
 */
export function buildKluisApi(transport: Transport): KluisApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const [group, method] of allOperations()) {
    const channel = channelOf(group, method);
    (api[group] ??= {})[method] = (input?: unknown) => transport.invoke(channel, input ?? {});
  }
  api.events = {
    on(name: EventName, listener: (payload: unknown) => void) {
      if (!EVENT_NAMES.includes(name)) throw new Error(`Unknown event: ${String(name)}`);
      return transport.on(eventChannelOf(name), listener);
    },
  };
  return api as unknown as KluisApi;
}
