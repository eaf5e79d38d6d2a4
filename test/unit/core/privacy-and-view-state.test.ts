import { describe, expect, it, vi } from 'vitest';
import { channelOf, type Settings } from '../../../electron/contract';
import type { ClipboardGuard } from '../../../electron/core/secrets/clipboard-guard';
import { createCoreOperations } from '../../../electron/core/operations/core-operations';
import {
  createSecretOperations,
  PRIVACY_MODE_MESSAGE,
} from '../../../electron/core/operations/secret-operations';
import { createTransfer } from '../../../electron/core/transfer/transfer';
import {
  createHandlerRegistry,
  type KluisImplementation,
  type SenderInfo,
} from '../../../electron/core/operations/handler-registry';
import type { LocalVaultManager } from '../../../electron/core/local/local-vault-manager';
import type { SecretsService } from '../../../electron/core/secrets/secrets-service';
import { defaultSettings } from '../../../electron/core/settings/settings-schema';
import { createSettingsState } from '../../../electron/core/settings/settings-state';
import { createVaultList } from '../../../electron/core/vault/vault-list';
import { createVersionOperations } from '../../../electron/core/versions/version-operations';
import { createCompare } from '../../../electron/core/compare';
import type { BulkRunner } from '../../../electron/core/bulk/bulk-runner';

const SENDER: SenderInfo = { webContentsId: 1, isMainFrame: true, url: 'file:///app/index.html' };

function setup(initial: Partial<Settings['ui']> = {}) {
  const saved: Settings[] = [];
  const announced: Settings[] = [];
  const settings = createSettingsState(
    {
      ...defaultSettings(),
      vaults: [
        {
          id: 'v1',
          displayName: 'a',
          url: 'https://a.vault.azure.net/',
          kind: 'azure',
          auth: { method: 'azure-cli' },
          pinned: false,
        },
        {
          id: 'v2',
          displayName: 'b',
          url: 'https://b.vault.azure.net/',
          kind: 'azure',
          auth: { method: 'azure-cli' },
          pinned: false,
        },
      ],
      ui: { ...defaultSettings().ui, ...initial },
    },
    {
      load: async () => ({ settings: defaultSettings(), notices: [] }),
      save: async (s) => void saved.push(s),
    },
    (s) => announced.push(s),
  );
  const get = vi.fn(async () => ({
    properties: { name: 'n', id: 'x', vaultUrl: 'u', tags: {} },
    value: 'the-value',
  }));
  const secrets = { get } as unknown as SecretsService;
  const copy = vi.fn(async () => undefined);
  const clipboardGuard = { copy, clearNow: vi.fn(), dispose: vi.fn() } as unknown as ClipboardGuard;
  const operations: KluisImplementation = {
    ...createCoreOperations({
      settings,
      vaults: createVaultList(settings, () => undefined),
      localVault: { status: () => ({ state: 'stopped' }) } as unknown as LocalVaultManager,
      notices: () => [],
      appVersion: '0',
    }),
    ...createSecretOperations({
      fileDialogs: { showSaveDialog: async () => undefined },
      settings,
      secrets,
      clipboardGuard,
    }),
    ...createTransfer({ secrets, run: (_call, body) => body(), dialogs: () => ({}), vaultName: () => 'v' })
      .operations,
    ...createCompare({
      ops: {} as never,
      readSecret: get,
      vaultName: () => 'v',
      describe: () => ({ kind: 'internal', message: 'x' }),
      bulk: {} as BulkRunner,
      emit: () => undefined,
    }).operations,
    ...createVersionOperations({ secrets }),
  };
  const registry = createHandlerRegistry(operations, () => true);
  const call = (group: string, method: string, input: unknown) =>
    registry.get(channelOf(group, method))!(SENDER, input);
  return { call, settings, saved, announced, get, copy };
}

describe('privacy mode', () => {
  it('refuses to read or copy a value while on, without asking the vault', async () => {
    const h = setup({ privacyMode: true });
    for (const method of ['get', 'copyValue']) {
      const result = await h.call('secrets', method, { vaultId: 'v1', name: 'n' });
      expect(result).toEqual({ ok: false, error: { kind: 'privacy-mode', message: PRIVACY_MODE_MESSAGE } });
    }
    expect(PRIVACY_MODE_MESSAGE).toBe(
      'Privacy mode is on: turn it off (Ctrl+Shift+P) to reveal or copy values.',
    );
    expect(h.get).not.toHaveBeenCalled();
    expect(h.copy).not.toHaveBeenCalled();
  });

  it('checks again once the vault has answered: turned on meanwhile, the value goes nowhere', async () => {
    const h = setup();
    for (const method of ['get', 'copyValue']) {
      // Privacy mode goes on while the vault call is out (the user pressed Ctrl+Shift+P).
      h.get.mockImplementationOnce(async () => {
        await h.call('settings', 'updateUi', { privacyMode: true });
        return { properties: { name: 'n', id: 'x', vaultUrl: 'u', tags: {} }, value: 'the-value' };
      });
      const result = await h.call('secrets', method, { vaultId: 'v1', name: 'n' });
      expect(result, method).toEqual({
        ok: false,
        error: { kind: 'privacy-mode', message: PRIVACY_MODE_MESSAGE },
      });
      expect(JSON.stringify(result)).not.toContain('the-value');
      await h.call('settings', 'updateUi', { privacyMode: false });
    }
    expect(h.copy).not.toHaveBeenCalled();
  });

  it('is switched with settings.updateUi, and reads work again once it is off', async () => {
    const h = setup();
    expect((await h.call('secrets', 'get', { vaultId: 'v1', name: 'n' })).ok).toBe(true);
    const on = await h.call('settings', 'updateUi', { privacyMode: true });
    expect(on).toMatchObject({ ok: true, value: { ui: { privacyMode: true } } });
    expect(h.saved.at(-1)?.ui.privacyMode).toBe(true);
    expect((await h.call('secrets', 'copyValue', { vaultId: 'v1', name: 'n' })).ok).toBe(false);
    await h.call('settings', 'updateUi', { privacyMode: false });
    expect(await h.call('secrets', 'copyValue', { vaultId: 'v1', name: 'n' })).toMatchObject({ ok: true });
    expect(await h.call('settings', 'updateUi', { privacyMode: 'yes' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', field: 'privacyMode' },
    });
  });
});

describe('settings.saveViewState', () => {
  it('stores the selection per vault quietly, and app.getState returns it', async () => {
    const h = setup();
    expect(
      await h.call('settings', 'saveViewState', { vaultId: 'v1', secretName: 'db', scrollTop: 120 }),
    ).toEqual({
      ok: true,
      value: { saved: true },
    });
    await h.call('settings', 'saveViewState', { vaultId: 'v2', scrollTop: 0 });
    expect(h.announced).toEqual([]);
    expect(h.saved.at(-1)?.ui.lastSelection).toEqual({
      v1: { secretName: 'db', scrollTop: 120 },
      v2: { scrollTop: 0 },
    });
    const state = await h.call('app', 'getState', {});
    expect(state).toMatchObject({
      ok: true,
      value: { settings: { ui: { lastSelection: { v1: { secretName: 'db' } } } } },
    });
  });

  it('validates its input and refuses vaults that are not listed', async () => {
    const h = setup();
    expect(
      await h.call('settings', 'saveViewState', { vaultId: 'v1', secretName: 'no spaces' }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', field: 'secretName' },
    });
    expect(await h.call('settings', 'saveViewState', { vaultId: 'v1', value: 'x' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(await h.call('settings', 'saveViewState', { vaultId: 'v1', scrollTop: -1 })).toMatchObject({
      ok: false,
    });
    expect(await h.call('settings', 'saveViewState', { vaultId: 'gone' })).toMatchObject({
      ok: false,
      error: { kind: 'not-configured' },
    });
  });

  it('drops the view state of a removed vault on the next save', async () => {
    const h = setup();
    await h.call('settings', 'saveViewState', { vaultId: 'v2', secretName: 'x' });
    await h.call('vaults', 'remove', { vaultId: 'v2' });
    await h.call('settings', 'saveViewState', { vaultId: 'v1', secretName: 'y' });
    expect(h.settings.get().ui.lastSelection).toEqual({ v1: { secretName: 'y' } });
  });
});
