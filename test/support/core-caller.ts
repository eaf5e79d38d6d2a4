import {
  channelOf,
  type Contract,
  type OperationInput,
  type OperationResult,
  type Result,
} from '../../electron/contract';
import type { HandlerRegistry, SenderInfo } from '../../electron/core';

/** Our own window's main frame, as main's trusted-sender check sees it. */
export const TRUSTED_SENDER: SenderInfo = {
  webContentsId: 1,
  isMainFrame: true,
  url: 'file:///app/index.html',
};

/** Typed calls into core's handler registry, as the renderer makes them through the preload. */
export function coreCaller(handlers: HandlerRegistry) {
  function call<G extends keyof Contract, M extends keyof Contract[G] & string>(
    group: G,
    method: M,
    input: OperationInput<Contract[G][M]>,
  ): Promise<Result<OperationResult<Contract[G][M]>>> {
    const handler = handlers.get(channelOf(group, method));
    if (!handler) throw new Error(`no handler for ${group}.${method}`);
    return handler(TRUSTED_SENDER, input) as Promise<Result<OperationResult<Contract[G][M]>>>;
  }
  /** The call's value, or a thrown error naming the operation and the error it got. */
  async function value<G extends keyof Contract, M extends keyof Contract[G] & string>(
    group: G,
    method: M,
    input: OperationInput<Contract[G][M]>,
  ): Promise<OperationResult<Contract[G][M]>> {
    const result = await call(group, method, input);
    if (!result.ok) throw new Error(`${group}.${method} failed: ${JSON.stringify(result.error)}`);
    return result.value;
  }
  return { call, value };
}
