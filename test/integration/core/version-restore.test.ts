import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretProperties } from '../../../electron/contract';
import { startTestCore, type TestCore } from '../../support/start-test-core';

const OLD = '{"db":"old-S3cret-value"}';
const NEW = 'new-S3cret-value';

/** versions.restore over the real SDK and the real local vault: an older version back as a new one, in main. */
describe('versions.restore', () => {
  let t: TestCore;
  let vaultId: string;
  let first: SecretProperties;
  let second: SecretProperties;

  beforeAll(async () => {
    t = await startTestCore();
    vaultId = (await t.value('localVault', 'open', {})).id;
    first = await t.value('secrets', 'set', {
      vaultId,
      name: 'restored',
      value: OLD,
      contentType: 'application/json',
      tags: { env: 'old' },
      expiresOn: Date.now() + 86_400_000,
    });
    second = await t.value('secrets', 'set', {
      vaultId,
      name: 'restored',
      value: NEW,
      contentType: 'text/plain',
      tags: { env: 'new', owner: 'ops' },
    });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('writes the older value, content type and tags as a new current version, without returning the value', async () => {
    const result = await t.call('versions', 'restore', {
      vaultId,
      name: 'restored',
      version: first.version!,
      expectedVersion: second.version!,
    });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('S3cret');
    const restored = result.ok ? result.value : undefined;
    expect(restored?.version).not.toBe(first.version);
    expect(restored).toMatchObject({ contentType: 'application/json', tags: { env: 'old' }, enabled: true });
    expect(restored?.expiresOn).toBeUndefined();

    const current = await t.value('secrets', 'get', { vaultId, name: 'restored' });
    expect(current.value).toBe(OLD);
    expect(current.properties.version).toBe(restored?.version);
    const versions = await t.value('secrets', 'listVersionsPage', { vaultId, name: 'restored' });
    expect(versions.items).toHaveLength(3);
  });

  it('refuses with a conflict when the secret moved on since the user looked, and writes nothing', async () => {
    // The user still sees `second` as current; the restore above (another window, say) made a newer one.
    const result = await t.call('versions', 'restore', {
      vaultId,
      name: 'restored',
      version: first.version!,
      expectedVersion: second.version!,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('conflict');
      expect(result.error.message).toMatch(/Refresh to see the current version/);
    }
    const versions = await t.value('secrets', 'listVersionsPage', { vaultId, name: 'restored' });
    expect(versions.items).toHaveLength(3);
  });

  it('refuses to restore the current version onto itself', async () => {
    const current = (await t.value('secrets', 'get', { vaultId, name: 'restored' })).properties.version!;
    const result = await t.call('versions', 'restore', {
      vaultId,
      name: 'restored',
      version: current,
      expectedVersion: current,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('says not-found for a version the secret does not have', async () => {
    const result = await t.call('versions', 'restore', {
      vaultId,
      name: 'restored',
      version: '0123456789abcdef0123456789abcdef',
      expectedVersion: second.version!,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});
