import { describe, expect, it } from 'vitest';
import { armError, emptyTenantError } from '../../../electron/core/discovery/discovery-errors';
import { partsOfId, toDeletedVault, toDiscoveredVault } from '../../../electron/core/discovery/vault-rows';
import { FailedAfterRetries } from '../../../electron/core/reliability/retry-budget';

const id = '/subscriptions/s-1/resourceGroups/RG-App/providers/Microsoft.KeyVault/vaults/kv-a';
const rest = (statusCode: number, code: string, message = 'Pagination failed') =>
  Object.assign(new Error(message), { name: 'RestError', statusCode, code });

describe('discovery rows', () => {
  it('reads ARM ids and vault properties into rows', () => {
    expect(partsOfId(id)).toEqual({ subscriptionId: 's-1', resourceGroup: 'RG-App' });
    expect(
      toDiscoveredVault(
        {
          id,
          name: 'kv-a',
          location: 'westeurope',
          properties: {
            tenantId: 't-1',
            sku: { name: 'premium' },
            vaultUri: 'https://kv-a.vault.azure.net/',
            softDeleteRetentionInDays: 7,
            enablePurgeProtection: true,
            enableRbacAuthorization: true,
            networkAcls: { defaultAction: 'Deny' },
            privateEndpointConnections: [{}, {}],
          },
        },
        'fallback',
        {},
      ),
    ).toEqual({
      id,
      name: 'kv-a',
      resourceGroup: 'RG-App',
      subscriptionId: 's-1',
      tenantId: 't-1',
      location: 'westeurope',
      sku: 'premium',
      vaultUri: 'https://kv-a.vault.azure.net/',
      softDeleteRetentionDays: 7,
      purgeProtection: true,
      permissionModel: 'rbac',
      firewallDenyByDefault: true,
      privateEndpoints: 2,
    });
  });

  it('marks what ARM shows cannot be opened from here, and nothing it cannot know', () => {
    const privateOnly = toDiscoveredVault({ id, properties: { publicNetworkAccess: 'Disabled' } }, 't', {});
    expect(privateOnly.notOpenable?.reason).toBe('private-network-only');
    const policies = { accessPolicies: [{ objectId: 'OID-1', permissions: { secrets: ['Get', 'List'] } }] };
    expect(
      toDiscoveredVault({ id, properties: policies }, 't', { objectId: 'oid-1' }).notOpenable,
    ).toBeUndefined();
    expect(
      toDiscoveredVault({ id, properties: policies }, 't', { objectId: 'oid-2' }).notOpenable,
    ).toMatchObject({
      reason: 'no-access-policy',
      message: expect.stringContaining('--object-id oid-2 --secret-permissions get list'),
    });
    // RBAC vaults and an unknown caller: not marked (role assignments are not in the vault's resource).
    expect(
      toDiscoveredVault({ id, properties: { enableRbacAuthorization: true } }, 't', { objectId: 'x' })
        .notOpenable,
    ).toBeUndefined();
    expect(toDiscoveredVault({ id, properties: policies }, 't', {}).notOpenable).toBeUndefined();
  });

  it('reads deleted vaults with their purge date', () => {
    expect(
      toDeletedVault(
        {
          id: '/subscriptions/s-1/providers/Microsoft.KeyVault/locations/westeurope/deletedVaults/kv-old',
          name: 'kv-old',
          properties: {
            vaultId: id,
            location: 'westeurope',
            deletionDate: new Date('2026-11-01T00:00:00Z'),
            scheduledPurgeDate: '2027-01-30T00:00:00Z',
            purgeProtectionEnabled: false,
          },
        },
        'other',
      ),
    ).toEqual({
      id: '/subscriptions/s-1/providers/Microsoft.KeyVault/locations/westeurope/deletedVaults/kv-old',
      name: 'kv-old',
      subscriptionId: 's-1',
      location: 'westeurope',
      deletedOn: Date.parse('2026-11-01T00:00:00Z'),
      scheduledPurgeDate: Date.parse('2027-01-30T00:00:00Z'),
      purgeProtection: false,
    });
  });

  it("turns Resource Manager's answers into typed errors with their fix", () => {
    const sub = { what: 'vaults' as const, subscriptionId: 's-1', name: 'Prod' };
    expect(armError(rest(403, 'AuthorizationFailed'), sub)).toMatchObject({
      kind: 'forbidden',
      status: 403,
      code: 'AuthorizationFailed',
      message: expect.stringMatching(/subscription Prod.*Microsoft\.KeyVault\/vaults\/read.*Reader/),
    });
    expect(armError(rest(401, 'InvalidAuthenticationTokenAudience'), sub)).toMatchObject({
      kind: 'unauthenticated',
      code: 'InvalidAuthenticationTokenAudience',
    });
    expect(
      armError(new FailedAfterRetries(rest(429, 'SubscriptionRequestsThrottled'), 5, 9000), sub),
    ).toMatchObject({
      kind: 'throttled',
      message: expect.stringContaining('Kluis tried 5 times'),
    });
    expect(armError(rest(500, 'InternalServerError'), { what: 'tenants' })).toMatchObject({
      kind: 'service',
    });
    expect(
      armError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), {
        what: 'tenants',
      }).kind,
    ).toBe('network');
    expect(emptyTenantError('t-9')).toMatchObject({ kind: 'not-found', code: 'NoSubscriptions' });
  });
});
