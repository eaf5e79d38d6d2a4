import { describe, expect, it, vi } from 'vitest';
import { contract, type DeviceCodeEvent, type Settings, type VaultConfig } from '../../../electron/contract';
import { defaultSettings } from '../../../electron/core/settings/settings-schema';
import { createSettingsState } from '../../../electron/core/settings/settings-state';
import { createWindowOperations } from '../../../electron/core/operations/window-operations';
import { openSignInPage } from '../../../electron/main/sign-in-browser';

const vault = (
  id: string,
  auth: VaultConfig['auth'],
  url = `https://${id}.vault.azure.net/`,
): VaultConfig => ({
  id,
  displayName: id,
  url,
  kind: 'azure',
  auth,
  pinned: false,
});

function setup(ui: Partial<Settings['ui']> = {}) {
  const settings = createSettingsState(
    {
      ...defaultSettings(),
      vaults: [
        vault('pub', { method: 'device-code' }),
        vault(
          'custom',
          {
            method: 'device-code',
            cloud: 'custom',
            authorityHost: 'https://login.example.com',
            resource: 'https://vault.example.com',
          },
          'https://vault.example.com/',
        ),
      ],
      ui: { ...defaultSettings().ui, ...ui },
    },
    { load: async () => ({ settings: defaultSettings(), notices: [] }), save: async () => undefined },
    () => undefined,
  );
  const prompts = new Map<string, DeviceCodeEvent>();
  const opened: string[] = [];
  const clipboard = { writeText: vi.fn(), readText: vi.fn(() => ''), clear: vi.fn() };
  const setContentProtection = vi.fn();
  const ops = createWindowOperations({
    settings,
    clipboard,
    // Main's real check, with a recording browser.
    openSignInPage: (url, host) => openSignInPage(url, host, async (page) => void opened.push(page)),
    setContentProtection,
    deviceCodePrompt: (id) => prompts.get(id),
    now: () => 1_000,
  });
  const prompt = (vaultId: string, verificationUri: string, expiresOn = 2_000) =>
    prompts.set(vaultId, { vaultId, verificationUri, userCode: 'ABCD', message: '', expiresOn });
  return { settings, ops, prompt, opened, clipboard, setContentProtection };
}

describe('app.copyText', () => {
  it('copies plain text through main, not marked as a secret', async () => {
    const h = setup();
    expect(await h.ops.copyText({ text: 'https://a.vault.azure.net/secrets/x/1' })).toEqual({ copied: true });
    expect(h.clipboard.writeText).toHaveBeenCalledWith('https://a.vault.azure.net/secrets/x/1', 'plain');
  });

  it('accepts one line of printable text up to 2048 characters, nothing else', () => {
    const input = contract.app.copyText.input;
    expect(input.safeParse({ text: 'ABCD-1234' }).success).toBe(true);
    // The access doctor's fix commands: words separated by single spaces.
    expect(input.safeParse({ text: 'az login --tenant 1f0c' }).success).toBe(true);
    expect(input.safeParse({ text: 'x'.repeat(2048) }).success).toBe(true);
    for (const text of ['', 'x'.repeat(2049), 'two\nlines', ' a', 'a ', 'a  b', 'tab\t', 'é', '\u0000']) {
      expect(input.safeParse({ text }).success, JSON.stringify(text)).toBe(false);
    }
    expect(input.safeParse({ text: 'a', kind: 'secret' }).success).toBe(false);
  });
});

describe('app.openDeviceCodePage', () => {
  it("opens the page the sign-in service named, on the cloud's device pages", async () => {
    const h = setup();
    h.prompt('pub', 'https://microsoft.com/devicelogin');
    expect(await h.ops.openDeviceCodePage({ vaultId: 'pub' })).toEqual({ opened: true });
    h.prompt('custom', 'https://login.example.com/device');
    expect(await h.ops.openDeviceCodePage({ vaultId: 'custom' })).toEqual({ opened: true });
    expect(h.opened).toEqual(['https://microsoft.com/devicelogin', 'https://login.example.com/device']);
  });

  it('refuses any other page: another host, http, user info, a custom cloud on Microsoft hosts', async () => {
    const h = setup();
    for (const [vaultId, uri] of [
      ['pub', 'https://evil.example/devicelogin'],
      ['pub', 'http://microsoft.com/devicelogin'],
      ['pub', 'https://user@microsoft.com/devicelogin'],
      ['pub', 'file:///etc/passwd'],
      ['custom', 'https://microsoft.com/devicelogin'],
      ['custom', 'https://login.example.com.evil.example/'],
    ] as const) {
      h.prompt(vaultId, uri);
      expect(await h.ops.openDeviceCodePage({ vaultId }), uri).toEqual({ opened: false });
    }
    expect(h.opened).toEqual([]);
  });

  it('opens nothing without a waiting, unexpired prompt', async () => {
    const h = setup();
    await expect(h.ops.openDeviceCodePage({ vaultId: 'pub' })).rejects.toMatchObject({
      error: { kind: 'invalid-input' },
    });
    h.prompt('pub', 'https://microsoft.com/devicelogin', 999);
    await expect(h.ops.openDeviceCodePage({ vaultId: 'pub' })).rejects.toMatchObject({
      error: { kind: 'invalid-input' },
    });
    expect(h.opened).toEqual([]);
  });
});

describe('app.setValueVisible', () => {
  it('protects the window while a value is visible, by default', async () => {
    const h = setup();
    expect(await h.ops.setValueVisible({ visible: true })).toEqual({ protected: true });
    expect(h.setContentProtection).toHaveBeenLastCalledWith(true);
    expect(await h.ops.setValueVisible({ visible: false })).toEqual({ protected: false });
    expect(h.setContentProtection).toHaveBeenLastCalledWith(false);
  });

  it('follows the setting, also while a value is already visible', async () => {
    const h = setup({ contentProtection: false });
    expect(await h.ops.setValueVisible({ visible: true })).toEqual({ protected: false });
    expect(h.setContentProtection).toHaveBeenLastCalledWith(false);
    await h.settings.update((draft) => void (draft.ui.contentProtection = true));
    h.ops.settingsChanged();
    expect(h.setContentProtection).toHaveBeenLastCalledWith(true);
  });
});
