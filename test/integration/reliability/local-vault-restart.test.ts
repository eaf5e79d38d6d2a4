import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalVaultStatus } from '../../../electron/contract';
import { startReliabilityCore } from './harness';

/** The embedded local vault's server goes away behind core's back; core notices, restarts it and carries on. */
describe('local vault supervision', () => {
  let h: Awaited<ReturnType<typeof startReliabilityCore>>;

  beforeAll(async () => {
    h = await startReliabilityCore({});
  });
  afterAll(() => h?.dispose());

  it('restarts a stopped local vault on the next call, which then succeeds', async () => {
    await h.value('secrets', 'set', { vaultId: h.vaultId, name: 'survivor', value: 'still-here' });
    const before = (await h.value('app', 'getState', {})).settings.vaults[0]?.url;
    await h.handles[0]?.stop();

    const page = await h.value('secrets', 'listPage', { vaultId: h.vaultId });
    expect(page.items.map((p) => p.name)).toEqual(['survivor']);
    expect(h.handles).toHaveLength(2);

    const statuses = h.events
      .filter((e) => e.name === 'localVault.status')
      .map((e) => e.payload as LocalVaultStatus);
    expect(statuses.at(-1)).toMatchObject({
      state: 'running',
      message: 'The local vault stopped unexpectedly and was restarted.',
    });
    const state = await h.value('app', 'getState', {});
    expect(state.localVault.state).toBe('running');
    const after = state.settings.vaults[0]?.url;
    expect(after).toBe(state.localVault.url);
    expect(after).not.toBe(before);
    expect((await h.value('secrets', 'get', { vaultId: h.vaultId, name: 'survivor' })).value).toBe(
      'still-here',
    );
  });

  it('a write refused by a dead local vault is repeated after the restart (nothing was sent)', async () => {
    await h.handles.at(-1)?.stop();
    const saved = await h.value('secrets', 'set', { vaultId: h.vaultId, name: 'after-restart', value: 'v' });
    expect(saved.name).toBe('after-restart');
    expect(h.handles).toHaveLength(3);
  });

  it('a live local vault that breaks one connection is not restarted', async () => {
    const started = h.handles.length;
    // A healthy vault answers the health check, so an ordinary failure is reported as it is.
    const result = await h.call('secrets', 'get', { vaultId: h.vaultId, name: 'no-such-secret' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('not-found');
    expect(h.handles).toHaveLength(started);
  });
});
