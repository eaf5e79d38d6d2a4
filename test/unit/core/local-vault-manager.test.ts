import { describe, expect, it, vi } from 'vitest';
import type { LocalVaultStatus, Notice } from '../../../electron/contract';
import {
  createLocalVaultManager,
  type StartLocalVault,
} from '../../../electron/core/local/local-vault-manager';

const key = Buffer.alloc(32, 7);

function setup(options: { osProtected?: boolean; fail?: boolean } = {}) {
  const statuses: LocalVaultStatus[] = [];
  const notices: Notice[] = [];
  const stop = vi.fn(async () => undefined);
  const start = vi.fn<StartLocalVault>(async (opts) => {
    if (options.fail) throw new Error('EADDRINUSE');
    return {
      url: 'https://127.0.0.1:4444',
      caPem: 'CA',
      token: opts?.auth?.mode === 'token' ? opts.auth.token : undefined,
      port: 4444,
      stop,
    };
  });
  const manager = createLocalVaultManager({
    userDataDir: '/data',
    keyStore: {
      getOrCreateKey: async () => key,
      ...(options.osProtected === undefined ? {} : { isOsProtected: () => options.osProtected! }),
    },
    start: async () => start,
    onStatus: (s) => statuses.push(s),
    addNotice: (n) => notices.push(n),
  });
  return { manager, start, stop, statuses, notices };
}

describe('local vault manager', () => {
  it('starts on 127.0.0.1 port 0 with a random token, its data dir and key, once', async () => {
    const { manager, start, statuses } = setup();
    const [a, b] = await Promise.all([manager.ensureRunning(), manager.ensureRunning()]);
    expect(a).toBe(b);
    expect(start).toHaveBeenCalledTimes(1);
    const opts = start.mock.calls[0]![0]!;
    expect(opts).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      dataDir: '/data/local-vault',
      encryptionKey: key,
    });
    expect(opts.auth).toMatchObject({ mode: 'token' });
    const token = (opts.auth as { token: string }).token;
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(a).toEqual({ url: 'https://127.0.0.1:4444/', token, caPem: 'CA' });
    expect(statuses.map((s) => s.state)).toEqual(['starting', 'running']);
    expect(manager.status()).toEqual({ state: 'running', url: 'https://127.0.0.1:4444/' });
  });

  it('uses a new token each launch', async () => {
    const one = setup();
    const two = setup();
    expect((await one.manager.ensureRunning()).token).not.toBe((await two.manager.ensureRunning()).token);
  });

  it('reports failure as a status and a not-configured error', async () => {
    const { manager, statuses } = setup({ fail: true });
    await expect(manager.ensureRunning()).rejects.toMatchObject({ error: { kind: 'not-configured' } });
    expect(statuses.at(-1)).toMatchObject({ state: 'failed' });
    expect(statuses.at(-1)?.message).toContain('EADDRINUSE');
    expect(manager.access()).toBeUndefined();
  });

  it('adds a notice once when the key is not OS-protected, and still starts', async () => {
    const { manager, notices } = setup({ osProtected: false });
    await manager.ensureRunning();
    await manager.stop();
    await manager.ensureRunning();
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toMatch(/not protected/);
  });

  it('adds no notice when the key is protected', async () => {
    const { manager, notices } = setup({ osProtected: true });
    await manager.ensureRunning();
    expect(notices).toEqual([]);
  });

  it('stops and reports stopped', async () => {
    const { manager, stop, statuses } = setup();
    await manager.ensureRunning();
    await manager.stop();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(statuses.at(-1)).toEqual({ state: 'stopped' });
    expect(manager.access()).toBeUndefined();
  });
});
