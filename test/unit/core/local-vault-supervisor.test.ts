import { describe, expect, it, vi } from 'vitest';
import type { LocalVaultManager } from '../../../electron/core/local/local-vault-manager';
import {
  createLocalVaultSupervisor,
  RESTARTED_MESSAGE,
} from '../../../electron/core/local/local-vault-supervisor';
import { FailedAfterRetries } from '../../../electron/core/reliability/retry-budget';

const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

function setup(healthy: boolean, local = true) {
  const restart = vi.fn(async () => ({ url: 'https://127.0.0.1:2/', token: 't', caPem: 'ca' }));
  const isHealthy = vi.fn(async () => healthy);
  const onRestarted = vi.fn(async () => undefined);
  const supervised = createLocalVaultSupervisor({
    localVault: { restart, isHealthy } as unknown as LocalVaultManager,
    isLocalVault: () => local,
    onRestarted,
  });
  return { supervised, restart, isHealthy, onRestarted };
}

describe('local vault supervisor', () => {
  it('restarts a dead local vault and tries a failed read once more', async () => {
    const h = setup(false);
    const run = vi.fn().mockRejectedValueOnce(refused()).mockResolvedValueOnce('page');
    await expect(h.supervised('local', 'read', run)).resolves.toBe('page');
    expect(h.restart).toHaveBeenCalledWith(RESTARTED_MESSAGE);
    expect(h.onRestarted).toHaveBeenCalledWith('https://127.0.0.1:2/');
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('sees through an error wrapped after retries', async () => {
    const h = setup(false);
    const run = vi
      .fn()
      .mockRejectedValueOnce(new FailedAfterRetries(reset(), 5, 1000))
      .mockResolvedValueOnce(1);
    await expect(h.supervised('local', 'read', run)).resolves.toBe(1);
  });

  it('repeats a write only when nothing was sent (refused); otherwise says it may not have been saved', async () => {
    const refusedWrite = setup(false);
    const run = vi.fn().mockRejectedValueOnce(refused()).mockResolvedValueOnce('saved');
    await expect(refusedWrite.supervised('local', 'write', run)).resolves.toBe('saved');

    const brokenWrite = setup(false);
    const once = vi.fn().mockRejectedValueOnce(reset());
    await expect(brokenWrite.supervised('local', 'write', once)).rejects.toMatchObject({
      error: {
        kind: 'network',
        message: expect.stringMatching(/restarted\. Your change may not have been saved/),
      },
    });
    expect(once).toHaveBeenCalledTimes(1);
    expect(brokenWrite.restart).toHaveBeenCalled();
  });

  it('leaves a live local vault, Azure vaults and other errors alone', async () => {
    const live = setup(true);
    await expect(live.supervised('local', 'read', () => Promise.reject(reset()))).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    expect(live.restart).not.toHaveBeenCalled();

    const azure = setup(false, false);
    await expect(azure.supervised('v1', 'read', () => Promise.reject(refused()))).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    expect(azure.isHealthy).not.toHaveBeenCalled();

    const notFound = setup(false);
    const err = Object.assign(new Error('nope'), { statusCode: 404 });
    await expect(notFound.supervised('local', 'read', () => Promise.reject(err))).rejects.toBe(err);
    expect(notFound.isHealthy).not.toHaveBeenCalled();
  });
});
