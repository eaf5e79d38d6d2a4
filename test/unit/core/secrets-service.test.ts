import type { SecretClient } from '@azure/keyvault-secrets';
import { describe, expect, it, vi } from 'vitest';
import { createSecretsService, PAGE_SIZE } from '../../../electron/core/secrets/secrets-service';
import { toDeletedSecretInfo, toSecretProperties } from '../../../electron/core/secrets/secret-models';

const VAULT = 'https://kv.vault.azure.net';
const sdkProps = (name: string) => ({
  vaultUrl: VAULT,
  name,
  id: `${VAULT}/secrets/${name}/0123456789abcdef0123456789abcdef`,
  version: '0123456789abcdef0123456789abcdef',
  enabled: true,
  createdOn: new Date(1_700_000_000_000),
  updatedOn: new Date(1_700_000_001_000),
  recoveryLevel: 'Recoverable+Purgeable' as const,
  recoverableDays: 90,
});

/** A page iterable like the SDK's: byPage yields arrays, optionally with a continuationToken. */
function pages<T>(items: T[], token?: string) {
  const byPage = vi.fn(async function* () {
    yield Object.assign([...items], token ? { continuationToken: token } : {});
  });
  return {
    byPage,
    async *[Symbol.asyncIterator]() {
      yield* items;
    },
  };
}

describe('SDK model mapping', () => {
  it('turns dates into epoch ms, defaults tags to {}, and leaves out missing fields', () => {
    const mapped = toSecretProperties(sdkProps('a'));
    expect(mapped).toEqual({
      name: 'a',
      id: `${VAULT}/secrets/a/0123456789abcdef0123456789abcdef`,
      version: '0123456789abcdef0123456789abcdef',
      vaultUrl: VAULT,
      enabled: true,
      createdOn: 1_700_000_000_000,
      updatedOn: 1_700_000_001_000,
      recoveryLevel: 'Recoverable+Purgeable',
      recoverableDays: 90,
      tags: {},
    });
    expect('expiresOn' in mapped).toBe(false);
  });

  it('maps a deleted secret without its value', () => {
    const info = toDeletedSecretInfo({
      name: 'a',
      value: 'must-not-travel',
      properties: sdkProps('a'),
      recoveryId: `${VAULT}/deletedsecrets/a`,
      deletedOn: new Date(1_000),
      scheduledPurgeDate: new Date(2_000),
    });
    expect(info).toMatchObject({
      recoveryId: `${VAULT}/deletedsecrets/a`,
      deletedOn: 1_000,
      scheduledPurgeDate: 2_000,
    });
    expect(JSON.stringify(info)).not.toContain('must-not-travel');
  });
});

describe('secrets service', () => {
  function setup(overrides: Partial<Record<keyof SecretClient, unknown>> = {}) {
    const client = { vaultUrl: VAULT, ...overrides } as unknown as SecretClient;
    return { service: createSecretsService(async () => client), client };
  }

  it('returns one page of 25 with the SDK page token', async () => {
    const list = pages([sdkProps('a'), sdkProps('b')], `${VAULT}/secrets?$skiptoken=abc`);
    const { service } = setup({ listPropertiesOfSecrets: () => list });
    const page = await service.listPage({ vaultId: 'v' });
    expect(page.items.map((p) => p.name)).toEqual(['a', 'b']);
    expect(page.continuationToken).toBe(`${VAULT}/secrets?$skiptoken=abc`);
    expect(list.byPage).toHaveBeenCalledWith({ maxPageSize: PAGE_SIZE });
  });

  it('passes a continuation token for this listing on, and refuses a foreign one', async () => {
    const list = pages([sdkProps('c')]);
    const { service } = setup({ listPropertiesOfSecretVersions: () => list });
    const token = `${VAULT}:443/secrets/c/versions?$skiptoken=x`;
    expect(
      (await service.listVersionsPage({ vaultId: 'v', name: 'c', continuationToken: token }))
        .continuationToken,
    ).toBeUndefined();
    expect(list.byPage).toHaveBeenCalledWith({ continuationToken: token, maxPageSize: PAGE_SIZE });
    await expect(
      service.listVersionsPage({
        vaultId: 'v',
        name: 'c',
        continuationToken: 'https://evil.example/secrets/c/versions',
      }),
    ).rejects.toMatchObject({
      error: { kind: 'invalid-input', field: 'continuationToken' },
    });
    await expect(
      service.listVersionsPage({
        vaultId: 'v',
        name: 'c',
        continuationToken: `${VAULT}/secrets/other/versions`,
      }),
    ).rejects.toMatchObject({
      error: { kind: 'invalid-input' },
    });
  });

  it('sets a secret with dates as Date and without undefined attributes', async () => {
    const setSecret = vi.fn(async (name: string) => ({ name, properties: sdkProps(name) }));
    const { service } = setup({ setSecret, listPropertiesOfSecretVersions: () => pages([]) });
    await service.set({ vaultId: 'v', name: 'n', value: 'val', expiresOn: 5_000, tags: { a: 'b' } });
    expect(setSecret).toHaveBeenCalledWith('n', 'val', { expiresOn: new Date(5_000), tags: { a: 'b' } });
  });

  it('updates the current version when no version is given', async () => {
    const updateSecretProperties = vi.fn(async () => sdkProps('n'));
    const { service } = setup({ updateSecretProperties });
    await service.updateProperties({ vaultId: 'v', name: 'n', enabled: false });
    expect(updateSecretProperties).toHaveBeenCalledWith('n', '', { enabled: false });
  });

  it('deletes and recovers with a short poll interval', async () => {
    const deleted = {
      name: 'n',
      properties: sdkProps('n'),
      recoveryId: 'r',
      scheduledPurgeDate: new Date(9_000),
    };
    const beginDeleteSecret = vi.fn(async () => ({ pollUntilDone: async () => deleted }));
    const beginRecoverDeletedSecret = vi.fn(async () => ({ pollUntilDone: async () => sdkProps('n') }));
    const { service } = setup({ beginDeleteSecret, beginRecoverDeletedSecret });
    expect(await service.delete({ vaultId: 'v', name: 'n' })).toMatchObject({
      recoveryId: 'r',
      scheduledPurgeDate: 9_000,
    });
    expect(beginDeleteSecret.mock.calls[0]).toEqual(['n', { intervalInMs: 250 }]);
    expect((await service.recover({ vaultId: 'v', name: 'n' })).name).toBe('n');
    expect(beginRecoverDeletedSecret.mock.calls[0]).toEqual(['n', { intervalInMs: 250 }]);
  });
});
