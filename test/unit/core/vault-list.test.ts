import { describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../electron/contract';
import { defaultSettings } from '../../../electron/core/settings/settings-schema';
import { createSettingsState } from '../../../electron/core/settings/settings-state';
import { createVaultList, LOCAL_VAULT_ID } from '../../../electron/core/vault/vault-list';

function setup() {
  const saved: Settings[] = [];
  const changed = vi.fn();
  const forget = vi.fn();
  const state = createSettingsState(
    defaultSettings(),
    { load: vi.fn(), save: async (s) => void saved.push(s) },
    changed,
  );
  return { vaults: createVaultList(state, forget), state, saved, changed, forget };
}

describe('vault list', () => {
  it('adds a vault by name, selects it, and reuses it when added again', async () => {
    const { vaults, state, saved, changed } = setup();
    const a = await vaults.add({ vault: 'prod-kv', auth: { method: 'azure-cli' } });
    expect(a).toMatchObject({
      url: 'https://prod-kv.vault.azure.net/',
      displayName: 'prod-kv',
      pinned: false,
    });
    const again = await vaults.add({
      vault: 'https://prod-kv.vault.azure.net',
      auth: { method: 'default', tenantId: 't' },
    });
    expect(again.id).toBe(a.id);
    expect(state.get().vaults).toHaveLength(1);
    expect(state.get().vaults[0]?.auth).toEqual({ method: 'default', tenantId: 't' });
    expect(state.get().selectedVaultId).toBe(a.id);
    expect(saved).toHaveLength(2);
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it('remembers the recently opened vaults, newest first, at most ten, without removed ones', async () => {
    const { vaults, state } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.push((await vaults.add({ vault: `kv-${i}`, auth: { method: 'azure-cli' } })).id);
    expect(state.get().ui.recentVaultIds).toEqual(ids.slice(2).reverse());
    await vaults.select(ids[5]!);
    expect(state.get().ui.recentVaultIds?.slice(0, 2)).toEqual([ids[5], ids[11]]);
    await vaults.remove(ids[11]!);
    expect(state.get().ui.recentVaultIds).not.toContain(ids[11]);
    expect(state.get().ui.recentVaultIds?.[0]).toBe(ids[5]);
  });

  it('expands names in the chosen cloud and remembers the cloud a sovereign URL names', async () => {
    const { vaults } = setup();
    expect(
      await vaults.add({ vault: 'gov-kv', auth: { method: 'azure-cli', cloud: 'usgov' } }),
    ).toMatchObject({
      url: 'https://gov-kv.vault.usgovcloudapi.net/',
      displayName: 'gov-kv',
    });
    const cn = await vaults.add({ vault: 'https://cn-kv.vault.azure.cn/', auth: { method: 'device-code' } });
    expect(cn.auth).toEqual({ method: 'device-code', cloud: 'china' });
    await expect(
      vaults.add({
        vault: 'stack-kv',
        auth: {
          method: 'default',
          cloud: 'custom',
          authorityHost: 'https://login.s',
          resource: 'https://vault.s',
        },
      }),
    ).rejects.toMatchObject({ error: { kind: 'invalid-input', field: 'vault' } });
    await expect(
      vaults.setAuth(cn.id, { method: 'default', authorityHost: 'https://login.s' }),
    ).rejects.toMatchObject({
      error: { kind: 'invalid-input', field: 'auth.authorityHost' },
    });
  });

  it('removing the selected vault selects the next one, or none', async () => {
    const { vaults, state, forget } = setup();
    const a = await vaults.add({ vault: 'vault-a', auth: { method: 'azure-cli' } });
    const b = await vaults.add({ vault: 'vault-b', auth: { method: 'azure-cli' } });
    await vaults.remove(b.id);
    expect(state.get().selectedVaultId).toBe(a.id);
    expect(forget).toHaveBeenCalledWith(b.id);
    await vaults.remove(a.id);
    expect(state.get().selectedVaultId).toBeUndefined();
    await expect(vaults.remove(a.id)).rejects.toMatchObject({ error: { kind: 'not-configured' } });
  });

  it('keeps the local sign-in for the local vault only', async () => {
    const { vaults } = setup();
    await expect(vaults.add({ vault: 'vault-a', auth: { method: 'local' } })).rejects.toMatchObject({
      error: { kind: 'invalid-input', field: 'auth.method' },
    });
    const local = await vaults.upsertLocal('https://127.0.0.1:1000/');
    await expect(vaults.setAuth(local.id, { method: 'azure-cli' })).rejects.toMatchObject({
      error: { kind: 'invalid-input' },
    });
  });

  it('adds the local vault once and keeps its URL current', async () => {
    const { vaults, state } = setup();
    await vaults.upsertLocal('https://127.0.0.1:1000/');
    const other = await vaults.add({ vault: 'vault-a', auth: { method: 'azure-cli' } });
    await vaults.refreshLocalUrl('https://127.0.0.1:2000/');
    expect(state.get().selectedVaultId).toBe(other.id);
    const again = await vaults.upsertLocal('https://127.0.0.1:3000/');
    expect(again).toMatchObject({ id: LOCAL_VAULT_ID, url: 'https://127.0.0.1:3000/', kind: 'local' });
    expect(state.get().vaults.filter((v) => v.kind === 'local')).toHaveLength(1);
    expect(state.get().selectedVaultId).toBe(LOCAL_VAULT_ID);
  });
});
