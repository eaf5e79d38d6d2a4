import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  channelOf,
  type Contract,
  type OperationInput,
  type OperationResult,
  type Result,
} from '../../../electron/contract';
import type { SenderInfo } from '../../../electron/core';
import { TRUSTED_SENDER } from '../../support/core-caller';
import { startTestCore } from '../../support/start-test-core';

export const TRUSTED: SenderInfo = TRUSTED_SENDER;

export const tempUserData = () => mkdtemp(join(tmpdir(), 'kluis-core-it-'));

/** startTestCore, with a caller that also takes invalid input and another sender (the registry's checks). */
export async function startCore(userDataDir: string) {
  const { core, events, clipboard } = await startTestCore({ userDataDir });

  /** Calls an operation by group and method through its channel's handler, like the preload would. */
  function call<G extends keyof Contract, M extends keyof Contract[G] & string>(
    group: G,
    method: M,
    input: OperationInput<Contract[G][M]> | Record<string, unknown>,
    sender: SenderInfo = TRUSTED,
  ): Promise<Result<OperationResult<Contract[G][M]>>> {
    const handler = core.handlers.get(channelOf(group, method));
    if (!handler) throw new Error(`no handler for ${group}.${method}`);
    return handler(sender, input) as Promise<Result<OperationResult<Contract[G][M]>>>;
  }

  /** Like call, but fails the test with the KluisError when the call did not succeed. */
  async function value<G extends keyof Contract, M extends keyof Contract[G] & string>(
    group: G,
    method: M,
    input: OperationInput<Contract[G][M]> | Record<string, unknown>,
  ): Promise<OperationResult<Contract[G][M]>> {
    const result = await call(group, method, input);
    if (!result.ok) throw new Error(`${group}.${method} failed: ${JSON.stringify(result.error)}`);
    return result.value;
  }

  return { core, call, value, events, clipboard };
}
