import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../electron/contract';
import { defaultSettings } from '../../../electron/core/settings/settings-schema';
import { createSettingsStore } from '../../../electron/core/settings/settings-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kluis-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fixedNow = () => new Date('2026-01-02T03:04:05.678Z');
const sample: Settings = {
  version: 1,
  vaults: [
    {
      id: 'v1',
      displayName: 'prod',
      url: 'https://prod.vault.azure.net/',
      kind: 'azure',
      auth: { method: 'azure-cli', tenantId: 'contoso.onmicrosoft.com' },
      pinned: true,
    },
  ],
  selectedVaultId: 'v1',
  ui: {
    theme: 'dark',
    revealSeconds: 15,
    clipboardClearSeconds: 45,
    expiryWarningDays: 14,
    privacyMode: false,
  },
};

async function expectSetAside(content: string) {
  await writeFile(join(dir, 'settings.json'), content);
  const { settings, notices } = await createSettingsStore(dir, fixedNow).load();
  expect(settings).toEqual(defaultSettings());
  const aside = join(dir, 'settings.corrupt-2026-01-02T03-04-05-678Z.json');
  expect(await readFile(aside, 'utf8')).toBe(content);
  expect(notices).toHaveLength(1);
  expect(notices[0]?.level).toBe('warning');
  expect(notices[0]?.message).toContain(aside);
  expect((await readdir(dir)).includes('settings.json')).toBe(false);
}

describe('settings store', () => {
  it('starts with defaults and no notice when the file is missing', async () => {
    const { settings, notices } = await createSettingsStore(dir).load();
    expect(settings).toEqual(defaultSettings());
    expect(settings.ui.clipboardClearSeconds).toBe(30);
    expect(notices).toEqual([]);
  });

  it('round-trips settings and leaves no temp files', async () => {
    const store = createSettingsStore(dir);
    await store.save(sample);
    expect((await store.load()).settings).toEqual(sample);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('applies concurrent saves in call order', async () => {
    const store = createSettingsStore(dir);
    await Promise.all(
      [1, 2, 3].map((n) => store.save({ ...sample, ui: { ...sample.ui, revealSeconds: 10 * n } })),
    );
    expect((await store.load()).settings.ui.revealSeconds).toBe(30);
  });

  it('creates the userData folder if needed', async () => {
    const nested = join(dir, 'a', 'b');
    await createSettingsStore(nested).save(sample);
    expect((await createSettingsStore(nested).load()).settings).toEqual(sample);
  });

  it('sets a corrupt (non-JSON) file aside', () => expectSetAside('{{{ not json'));
  it('sets a truncated file aside', () => expectSetAside(JSON.stringify(sample).slice(0, 60)));
  it('sets a wrong-shape file aside', () =>
    expectSetAside(JSON.stringify({ version: 1, vaults: 'prod', ui: {} })));
  it('sets an empty file aside', () => expectSetAside(''));
  it('sets a file of a future version aside', () =>
    expectSetAside(JSON.stringify({ ...sample, version: 2 })));

  it('drops unknown fields, so nothing smuggled in survives a save', async () => {
    const smuggled = {
      ...sample,
      token: 'eyJ-token',
      vaults: [{ ...sample.vaults[0], secretValue: 'hunter2' }],
    };
    await writeFile(join(dir, 'settings.json'), JSON.stringify(smuggled));
    const store = createSettingsStore(dir);
    const { settings } = await store.load();
    await store.save(settings);
    const text = await readFile(join(dir, 'settings.json'), 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('eyJ-token');
    expect(settings).toEqual(sample);
  });

  it('fills missing ui preferences with defaults', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ version: 1, vaults: [] }));
    const { settings, notices } = await createSettingsStore(dir).load();
    expect(settings.ui).toEqual(defaultSettings().ui);
    expect(notices).toEqual([]);
  });

  it('loads a settings file from before privacy mode and view state: privacy off, nothing to restore', async () => {
    const old = {
      version: 1,
      vaults: sample.vaults,
      selectedVaultId: 'v1',
      ui: { theme: 'dark', revealSeconds: 15, clipboardClearSeconds: 45, expiryWarningDays: 14 },
    };
    await writeFile(join(dir, 'settings.json'), JSON.stringify(old));
    const { settings, notices } = await createSettingsStore(dir).load();
    expect(notices).toEqual([]);
    expect(settings.selectedVaultId).toBe('v1');
    expect(settings.ui.privacyMode).toBe(false);
    expect(settings.ui.lastSelection).toBeUndefined();
  });

  it('keeps privacy mode and view state, and drops a damaged view state without losing the rest', async () => {
    const store = createSettingsStore(dir);
    const withView: Settings = {
      ...sample,
      ui: {
        ...sample.ui,
        privacyMode: true,
        lastSelection: { v1: { secretName: 'db-password', scrollTop: 480 } },
      },
    };
    await store.save(withView);
    expect((await store.load()).settings).toEqual(withView);

    const damaged = {
      ...withView,
      ui: { ...withView.ui, lastSelection: { v1: { secretName: 'not a name!' } } },
    };
    await writeFile(join(dir, 'settings.json'), JSON.stringify(damaged));
    const { settings, notices } = await store.load();
    expect(notices).toEqual([]);
    expect(settings.ui.privacyMode).toBe(true);
    expect(settings.ui.lastSelection).toBeUndefined();
    expect(settings.vaults).toEqual(sample.vaults);
  });
});
