import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, tempUserData, TRUSTED } from './harness';

/** createKluisCore over a real local vault and the real SDK, every call through the registry's handlers. */
describe('kluis core with the local vault', () => {
  let userData: string;
  let h: Awaited<ReturnType<typeof startCore>>;
  let vaultId: string;

  beforeAll(async () => {
    userData = await tempUserData();
    h = await startCore(userData);
  });
  afterAll(async () => {
    await h?.core.dispose();
    await rm(userData, { recursive: true, force: true });
  });

  it('starts with default settings and a stopped local vault', async () => {
    const state = await h.value('app', 'getState', {});
    expect(state.settings.vaults).toEqual([]);
    expect(state.localVault.state).toBe('stopped');
    expect(state.appVersion).toBe('0.0.0-test');
    expect(state.notices).toEqual([]);
  });

  it('opens the local vault, adds it once and selects it', async () => {
    const vault = await h.value('localVault', 'open', {});
    expect(vault).toMatchObject({ kind: 'local', displayName: 'Local vault', auth: { method: 'local' } });
    expect(vault.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    vaultId = vault.id;
    const again = await h.value('localVault', 'open', {});
    expect(again.id).toBe(vaultId);
    const state = await h.value('app', 'getState', {});
    expect(state.settings.vaults).toHaveLength(1);
    expect(state.settings.selectedVaultId).toBe(vaultId);
    expect(state.localVault).toEqual({ state: 'running', url: vault.url });
    expect(
      h.events
        .filter((e) => e.name === 'localVault.status')
        .map((e) => (e.payload as { state: string }).state),
    ).toEqual(['starting', 'running']);
  });

  it('creates, lists and reads a secret', async () => {
    const created = await h.value('secrets', 'set', {
      vaultId,
      name: 'db-password',
      value: 'hunter2-value',
      contentType: 'text/plain',
      tags: { env: 'test' },
      expiresOn: Date.UTC(2030, 0, 1),
    });
    expect(created).toMatchObject({
      name: 'db-password',
      contentType: 'text/plain',
      tags: { env: 'test' },
      enabled: true,
    });
    expect(created.expiresOn).toBe(Date.UTC(2030, 0, 1));
    expect(created.version).toMatch(/^[0-9a-f]{32}$/);
    expect(typeof created.createdOn).toBe('number');

    const page = await h.value('secrets', 'listPage', { vaultId });
    expect(page.items.map((s) => s.name)).toContain('db-password');
    expect(JSON.stringify(page)).not.toContain('hunter2-value');

    const read = await h.value('secrets', 'get', { vaultId, name: 'db-password' });
    expect(read.value).toBe('hunter2-value');
    expect(read.properties.version).toBe(created.version);
  });

  it('lists versions and reads an older one', async () => {
    const first = await h.value('secrets', 'get', { vaultId, name: 'db-password' });
    await h.value('secrets', 'set', { vaultId, name: 'db-password', value: 'second-value' });
    const versions = await h.value('secrets', 'listVersionsPage', { vaultId, name: 'db-password' });
    expect(versions.items).toHaveLength(2);
    const old = await h.value('secrets', 'get', {
      vaultId,
      name: 'db-password',
      version: first.properties.version,
    });
    expect(old.value).toBe('hunter2-value');
  });

  it('updates properties of the current version without a new version; a disabled secret is 403 disabled', async () => {
    const updated = await h.value('secrets', 'updateProperties', {
      vaultId,
      name: 'db-password',
      enabled: false,
      tags: { env: 'prod' },
    });
    expect(updated).toMatchObject({ enabled: false, tags: { env: 'prod' } });
    const versions = await h.value('secrets', 'listVersionsPage', { vaultId, name: 'db-password' });
    expect(versions.items).toHaveLength(2);

    const refused = await h.call('secrets', 'get', { vaultId, name: 'db-password' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'disabled', status: 403 } });
    if (!refused.ok) expect(refused.error.message).toMatch(/enable it to read its value/i);

    await h.value('secrets', 'updateProperties', { vaultId, name: 'db-password', enabled: true });
    expect((await h.value('secrets', 'get', { vaultId, name: 'db-password' })).value).toBe('second-value');
  });

  it('copies a value to the clipboard in main', async () => {
    const result = await h.value('secrets', 'copyValue', { vaultId, name: 'db-password' });
    expect(result).toEqual({ clearAfterSeconds: 30 });
    expect(h.clipboard.text()).toBe('second-value');
    await h.core.clearClipboardNow();
    expect(h.clipboard.text()).toBe('');
    expect(h.events.some((e) => e.name === 'clipboard.cleared')).toBe(true);
  });

  it('deletes, refuses to re-create (conflict-deleted), recovers', async () => {
    const deleted = await h.value('secrets', 'delete', { vaultId, name: 'db-password' });
    expect(deleted.properties.name).toBe('db-password');
    expect(deleted.scheduledPurgeDate).toBeGreaterThan(Date.now());
    expect(deleted.recoveryId).toContain('/deletedsecrets/db-password');
    expect(typeof deleted.deletedOn).toBe('number');

    const conflict = await h.call('secrets', 'set', { vaultId, name: 'db-password', value: 'new' });
    expect(conflict).toMatchObject({
      ok: false,
      error: { kind: 'conflict-deleted', secretName: 'db-password', status: 409 },
    });
    if (!conflict.ok) expect(conflict.error.message).toMatch(/recover it or purge it, then create again/i);

    const deletedPage = await h.value('deleted', 'listPage', { vaultId });
    expect(deletedPage.items.map((d) => d.properties.name)).toEqual(['db-password']);
    const one = await h.value('deleted', 'get', { vaultId, name: 'db-password' });
    expect(one.recoveryId).toBe(deleted.recoveryId);

    const recovered = await h.value('deleted', 'recover', { vaultId, name: 'db-password' });
    expect(recovered.name).toBe('db-password');
    expect((await h.value('secrets', 'get', { vaultId, name: 'db-password' })).value).toBe('second-value');
  });

  it('deletes and purges for good', async () => {
    await h.value('secrets', 'delete', { vaultId, name: 'db-password' });
    expect(await h.value('deleted', 'purge', { vaultId, name: 'db-password' })).toEqual({ purged: true });
    const gone = await h.call('deleted', 'get', { vaultId, name: 'db-password' });
    expect(gone).toMatchObject({ ok: false, error: { kind: 'not-found', status: 404 } });
    const missing = await h.call('secrets', 'get', { vaultId, name: 'db-password' });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('pages the list 25 at a time', async () => {
    for (let i = 0; i < 30; i++)
      await h.value('secrets', 'set', { vaultId, name: `page-${i}`, value: `v${i}` });
    const first = await h.value('secrets', 'listPage', { vaultId });
    expect(first.items).toHaveLength(25);
    expect(first.continuationToken).toBeTruthy();
    // Key Vault may return short or empty pages that still carry a nextLink; follow tokens to the end.
    const names = new Set(first.items.map((s) => s.name));
    let token = first.continuationToken;
    for (let pages = 1; token && pages < 10; pages++) {
      const next = await h.value('secrets', 'listPage', { vaultId, continuationToken: token });
      expect(next.items.length).toBeLessThanOrEqual(25);
      for (const item of next.items) names.add(item.name);
      token = next.continuationToken;
    }
    expect(token).toBeUndefined();
    expect(names.size).toBe(30);
  });

  it('refuses a continuation token that points anywhere but this vault listing', async () => {
    for (const continuationToken of [
      'https://evil.example/secrets?$skiptoken=x',
      'not-a-url',
      (await h.value('app', 'getState', {})).localVault.url + 'deletedsecrets?$skiptoken=x',
    ]) {
      const result = await h.call('secrets', 'listPage', { vaultId, continuationToken });
      expect(result).toMatchObject({
        ok: false,
        error: { kind: 'invalid-input', field: 'continuationToken' },
      });
    }
  });

  it('refuses untrusted senders before doing anything', async () => {
    for (const sender of [
      { ...TRUSTED, isMainFrame: false },
      { ...TRUSTED, webContentsId: 99 },
    ]) {
      const result = await h.call('secrets', 'get', { vaultId, name: 'page-1' }, sender);
      expect(result).toMatchObject({ ok: false, error: { kind: 'sender-refused' } });
      const set = await h.call('secrets', 'set', { vaultId, name: 'intruder', value: 'x' }, sender);
      expect(set.ok).toBe(false);
    }
    const missing = await h.call('secrets', 'get', { vaultId, name: 'intruder' });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('refuses invalid input with the field and without echoing it', async () => {
    const badName = await h.call('secrets', 'set', { vaultId, name: 'bad name', value: 'leaky-value' });
    expect(badName).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'name' } });
    const tooLong = await h.call('secrets', 'set', { vaultId, name: 'ok', value: 'z'.repeat(30_000) });
    expect(tooLong).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'value' } });
    const extra = await h.call('secrets', 'get', { vaultId, name: 'ok', value: 'leaky-value' });
    expect(extra).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'value' } });
    for (const r of [badName, tooLong, extra]) expect(JSON.stringify(r)).not.toMatch(/leaky-value|zzzz/);
    const unknownVault = await h.call('secrets', 'listPage', { vaultId: 'no-such-vault' });
    expect(unknownVault).toMatchObject({ ok: false, error: { kind: 'not-configured' } });
    const badVault = await h.call('vaults', 'add', {
      vault: 'http://x.example/',
      auth: { method: 'azure-cli' },
    });
    expect(badVault).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'vault' } });
  });

  it('manages the vault list and UI settings, announcing changes', async () => {
    const added = await h.value('vaults', 'add', {
      vault: 'contoso-prod',
      auth: { method: 'azure-cli', tenantId: 'contoso' },
    });
    expect(added).toMatchObject({
      url: 'https://contoso-prod.vault.azure.net/',
      displayName: 'contoso-prod',
      kind: 'azure',
    });
    let settings = await h.value('vaults', 'rename', { vaultId: added.id, displayName: 'Production' });
    settings = await h.value('vaults', 'setPinned', { vaultId: added.id, pinned: true });
    expect(settings.vaults.find((v) => v.id === added.id)).toMatchObject({
      displayName: 'Production',
      pinned: true,
    });
    const wrongAuth = await h.call('vaults', 'setAuth', { vaultId, auth: { method: 'azure-cli' } });
    expect(wrongAuth).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'auth.method' } });
    settings = await h.value('settings', 'updateUi', { clipboardClearSeconds: 10, theme: 'dark' });
    expect(settings.ui).toMatchObject({ clipboardClearSeconds: 10, theme: 'dark', revealSeconds: 20 });
    settings = await h.value('vaults', 'select', { vaultId });
    expect(settings.selectedVaultId).toBe(vaultId);
    expect(h.events.filter((e) => e.name === 'settings.changed').length).toBeGreaterThanOrEqual(5);
  });
});

describe('kluis core across restarts', () => {
  let userData: string;
  beforeAll(async () => {
    userData = await tempUserData();
  });
  afterAll(async () => {
    await rm(userData, { recursive: true, force: true });
  });

  it('keeps settings and local vault secrets, and restarts the local vault on first use', async () => {
    const first = await startCore(userData);
    const vault = await first.value('localVault', 'open', {});
    await first.value('secrets', 'set', { vaultId: vault.id, name: 'kept', value: 'kept-value' });
    await first.core.dispose();

    const second = await startCore(userData);
    try {
      const state = await second.value('app', 'getState', {});
      expect(state.settings.vaults.map((v) => v.id)).toEqual([vault.id]);
      expect(state.localVault.state).toBe('stopped');
      const read = await second.value('secrets', 'get', { vaultId: vault.id, name: 'kept' });
      expect(read.value).toBe('kept-value');
      const after = await second.value('app', 'getState', {});
      expect(after.localVault.state).toBe('running');
      expect(after.settings.vaults[0]?.url).toBe(after.localVault.url);
    } finally {
      await second.core.dispose();
    }
  });

  it('does not start the local vault again after dispose', async () => {
    const h = await startCore(userData);
    await h.core.dispose();
    const late = await h.call('localVault', 'open', {});
    expect(late).toMatchObject({ ok: false, error: { kind: 'not-configured' } });
  });

  it('sets a corrupt settings file aside, starts with defaults and says so', async () => {
    await writeFile(join(userData, 'settings.json'), '{"version":1,"vaults":[{"id":');
    const h = await startCore(userData);
    try {
      const state = await h.value('app', 'getState', {});
      expect(state.settings.vaults).toEqual([]);
      expect(state.notices).toHaveLength(1);
      const aside = (await readdir(userData)).find((f) => f.startsWith('settings.corrupt-'));
      expect(aside).toBeDefined();
      expect(state.notices[0]?.message).toContain(aside!);
      // The app keeps working and writes a fresh file.
      await h.value('settings', 'updateUi', { theme: 'light' });
      expect((await readdir(userData)).includes('settings.json')).toBe(true);
    } finally {
      await h.core.dispose();
    }
  });
});
