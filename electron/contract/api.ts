import type { Contract, OperationInput, OperationResult } from './operations';
import type { Result } from './errors';
import type { EventName, EventPayloads } from './events';

type MethodOf<Op> =
  Record<string, never> extends OperationInput<Op>
    ? (input?: OperationInput<Op>) => Promise<Result<OperationResult<Op>>>
    : (input: OperationInput<Op>) => Promise<Result<OperationResult<Op>>>;

/** What the preload exposes as window.kluis: one named method per contract operation, plus events. */
export type KluisApi = {
  [G in keyof Contract]: { [M in keyof Contract[G]]: MethodOf<Contract[G][M]> };
} & {
  events: {
    on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void;
  };
};
