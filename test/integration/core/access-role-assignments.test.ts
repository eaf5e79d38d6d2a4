import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnoseStep, VaultConfig } from '../../../electron/contract';
import {
  checkRoleAssignments,
  createArmRoleAssignments,
} from '../../../electron/core/access/role-assignments';
import { startLocalArm, vaultId, type RunningLocalArm } from '../../../electron/local-arm/index';
import { startLocalVault } from '../../../electron/local-vault/index';
import { fixedCredential } from '../../support/arm-clients';
import { startTestCore } from '../../support/start-test-core';

/*
 * The role-assignment check of the access doctor, with the real AuthorizationManagementClient against the local ARM
 * stand-in: which assignments the caller has on the vault's scope chain, and which one is missing.
 */
const ME = '11111111-2222-4333-8444-555555555555';
const GET = 'Microsoft.KeyVault/vaults/secrets/getSecret/action';
const VAULT = { id: 'v', kind: 'azure', url: 'https://x.vault.azure.net/' } as unknown as VaultConfig;

describe('role assignments on the vault scope chain (local ARM stand-in)', () => {
  let arm: RunningLocalArm;
  let scope: string;
  const port = () =>
    createArmRoleAssignments({
      credentialFor: async () => fixedCredential('authz-token'),
      endpoint: () => arm.url,
      clientOptions: { tlsOptions: { ca: arm.caPem }, retryOptions: { maxRetries: 0 } },
    });

  beforeAll(async () => {
    arm = await startLocalArm({
      world: { tenants: 1, subscriptionsPerTenant: 1, vaultsPerSubscription: 3 },
      auth: { mode: 'token', token: 'authz-token', principalId: ME },
    });
    const v = arm.world.vaults[0]!;
    scope = vaultId(v).toLowerCase();
    // Reader on the subscription reads metadata, not values; another vault's Officer is off this vault's chain.
    arm.assignRole({
      principalId: ME,
      scope: `/subscriptions/${v.subscriptionId}`,
      role: 'Key Vault Reader',
    });
    arm.assignRole({
      principalId: ME,
      scope: vaultId(arm.world.vaults[1]!),
      role: 'Key Vault Secrets Officer',
    });
  });
  afterAll(() => arm.close());

  it('names what the caller has and that Key Vault Secrets User is missing', async () => {
    const finding = await checkRoleAssignments(port(), {
      vault: VAULT,
      scope,
      principalId: ME,
      deniedAction: GET,
      requiredRole: 'Key Vault Secrets User',
    });
    expect(finding.found).toEqual([
      {
        role: 'Key Vault Reader',
        scope: expect.stringMatching(/^its subscription \(/),
        grantsDeniedAction: false,
      },
    ]);
    expect(finding.missing).toMatch(/Key Vault Secrets User/);
  });

  it('an assignment on the resource group that grants the action: nothing missing', async () => {
    const v = arm.world.vaults[0]!;
    arm.assignRole({
      principalId: ME,
      scope: `/subscriptions/${v.subscriptionId}/resourceGroups/${v.resourceGroup}`,
      role: 'Key Vault Secrets User',
    });
    const finding = await checkRoleAssignments(port(), {
      vault: VAULT,
      scope,
      principalId: ME,
      deniedAction: GET,
      requiredRole: 'Key Vault Secrets User',
    });
    expect(finding.found).toContainEqual({
      role: 'Key Vault Secrets User',
      scope: expect.stringMatching(/^its resource group \(/),
      grantsDeniedAction: true,
    });
    expect(finding.missing).toBeUndefined();
  });

  it('an account that cannot read role assignments: says so instead of a list', async () => {
    arm.faults.authorizationDenied = true;
    try {
      const finding = await checkRoleAssignments(port(), {
        vault: VAULT,
        scope,
        principalId: ME,
        deniedAction: GET,
        requiredRole: 'Key Vault Secrets User',
      });
      expect(finding.found).toEqual([]);
      expect(finding.unavailable).toMatch(/roleAssignments\/read/);
    } finally {
      arm.faults.authorizationDenied = false;
    }
  });

  it('vaults.diagnose through core: the get step carries the assignments and the missing one', async () => {
    const other = arm.world.vaults[2]!;
    // The local vault's token-mode caller has this object id (its RBAC messages name it).
    const caller = '00000000-0000-0000-0000-000000000000';
    arm.assignRole({
      principalId: caller,
      scope: `/subscriptions/${other.subscriptionId}`,
      role: 'Key Vault Reader',
    });
    const core = await startTestCore({
      startLocalVault: (o) =>
        startLocalVault({ ...o, access: { model: 'rbac', deny: ['get'], resourceId: vaultId(other) } }),
      accessDoctor: {
        roleAssignments: createArmRoleAssignments({
          credentialFor: async () => fixedCredential('authz-token'),
          endpoint: () => arm.url,
          clientOptions: { tlsOptions: { ca: arm.caPem }, retryOptions: { maxRetries: 0 } },
        }),
      },
    });
    try {
      const vault = await core.value('localVault', 'open', {});
      const result = await core.value('vaults', 'diagnose', { vaultId: vault.id, runId: randomUUID() });
      const get = result.steps.find((s) => s.step === 'get') as DiagnoseStep;
      expect(get.status).toBe('failed');
      expect(get.access?.assignments).toEqual({
        found: [
          {
            role: 'Key Vault Reader',
            scope: expect.stringMatching(/^its subscription/),
            grantsDeniedAction: false,
          },
        ],
        missing: expect.stringMatching(/Key Vault Secrets User/),
      });
    } finally {
      await core.dispose();
    }
  });
});
