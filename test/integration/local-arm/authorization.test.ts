import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalArm, vaultId, type RunningLocalArm } from '../../../electron/local-arm/index';
import { all, armClients, fixedCredential } from '../../support/arm-clients';

const SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';
const SECRETS_OFFICER = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7';
const ADMINISTRATOR = '00482a5a-887f-4fb3-b363-3b7fe8e74483';
const READER = '21090545-7ca7-4776-b22c-e363652d74d2';
const ME = '11111111-2222-4333-8444-555555555555';
const SOMEONE = '99999999-2222-4333-8444-555555555555';

/** Role assignments on a vault's scope chain and built-in role definitions, read with AuthorizationManagementClient. */
describe('local ARM stand-in: role assignments and definitions', () => {
  let arm: RunningLocalArm;
  let clients: ReturnType<typeof armClients>;
  let subId: string;
  let rg: string;
  let vault: string;
  let vaultScope: string;

  beforeAll(async () => {
    arm = await startLocalArm({
      world: { tenants: 1, subscriptionsPerTenant: 2, vaultsPerSubscription: 4 },
      auth: { mode: 'token', token: 'authz-token', principalId: ME },
    });
    clients = armClients(arm, fixedCredential('authz-token'));
    const v = arm.world.vaults[0]!;
    subId = v.subscriptionId;
    rg = v.resourceGroup;
    vault = v.name;
    vaultScope = vaultId(v);
    arm.assignRole({ principalId: ME, scope: `/subscriptions/${subId}`, role: 'Key Vault Reader' });
    arm.assignRole({
      principalId: ME,
      scope: `/subscriptions/${subId}/resourceGroups/${rg}`,
      role: SECRETS_USER,
    });
    arm.assignRole({ principalId: SOMEONE, scope: vaultScope, role: 'Key Vault Secrets Officer' });
    // Another vault's assignment is below the subscription but not on this vault's chain.
    arm.assignRole({ principalId: ME, scope: vaultId(arm.world.vaults[1]!), role: ADMINISTRATOR });
  });
  afterAll(() => arm.close());

  it('lists the assignments on a vault scope chain with atScope(), and one principal with assignedTo()', async () => {
    const authz = clients.authorization(subId);
    const chain = await all(authz.roleAssignments.listForScope(vaultScope, { filter: 'atScope()' }));
    expect(chain.map((a) => [a.scope, a.roleDefinitionId?.split('/').at(-1), a.principalId]).sort()).toEqual(
      [
        [`/subscriptions/${subId}`, READER, ME],
        [`/subscriptions/${subId}/resourceGroups/${rg}`, SECRETS_USER, ME],
        [vaultScope, SECRETS_OFFICER, SOMEONE],
      ].sort(),
    );
    expect(chain[0]).toMatchObject({
      type: 'Microsoft.Authorization/roleAssignments',
      principalType: 'User',
      roleDefinitionId: expect.stringMatching(
        new RegExp(`^/subscriptions/${subId}/providers/Microsoft.Authorization/roleDefinitions/`),
      ),
    });

    const mine = await all(
      authz.roleAssignments.listForScope(vaultScope, { filter: `atScope() and assignedTo('${ME}')` }),
    );
    expect(mine.map((a) => a.roleDefinitionId?.split('/').at(-1)).sort()).toEqual(
      [READER, SECRETS_USER].sort(),
    );

    // At the subscription, assignedTo also reaches below the scope (the other vault's Administrator).
    const everywhere = await all(
      authz.roleAssignments.listForSubscription({ filter: `assignedTo('${ME}')` }),
    );
    expect(everywhere.map((a) => a.roleDefinitionId?.split('/').at(-1)).sort()).toEqual(
      [READER, SECRETS_USER, ADMINISTRATOR].sort(),
    );
    const byPrincipal = await all(
      authz.roleAssignments.listForResource(rg, 'Microsoft.KeyVault', 'vaults', vault, {
        filter: `principalId eq '${SOMEONE}'`,
      }),
    );
    expect(byPrincipal).toHaveLength(1);
  });

  it("assignedTo() includes the principal's groups, principalId eq does not", async () => {
    const group = 'aaaaaaaa-2222-4333-8444-555555555555';
    arm.world.groupMemberships[ME] = [group];
    const a = arm.assignRole({
      principalId: group,
      principalType: 'Group',
      scope: vaultScope,
      role: 'Key Vault Secrets Officer',
    });
    try {
      const authz = clients.authorization(subId);
      const viaGroups = await all(
        authz.roleAssignments.listForScope(vaultScope, { filter: `atScope() and assignedTo('${ME}')` }),
      );
      expect(viaGroups.map((x) => x.principalId).sort()).toEqual([ME, ME, group].sort());
      expect(viaGroups.find((x) => x.principalId === group)).toMatchObject({
        principalType: 'Group',
        scope: vaultScope,
      });
      const own = await all(
        authz.roleAssignments.listForScope(vaultScope, { filter: `principalId eq '${ME}'` }),
      );
      expect(own.every((x) => x.principalId === ME)).toBe(true);
    } finally {
      arm.world.roleAssignments.splice(arm.world.roleAssignments.indexOf(a), 1);
      delete arm.world.groupMemberships[ME];
    }
  });

  it('gets role definitions by id and by name, with their data actions', async () => {
    const authz = clients.authorization(subId);
    const user = await authz.roleDefinitions.get(`/subscriptions/${subId}`, SECRETS_USER);
    expect(user).toMatchObject({
      id: `/subscriptions/${subId}/providers/Microsoft.Authorization/roleDefinitions/${SECRETS_USER}`,
      name: SECRETS_USER,
      roleName: 'Key Vault Secrets User',
      roleType: 'BuiltInRole',
      permissions: [
        {
          actions: [],
          dataActions: [
            'Microsoft.KeyVault/vaults/secrets/getSecret/action',
            'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
          ],
        },
      ],
    });
    const byId = await authz.roleDefinitions.getById(user.id!);
    expect(byId.roleName).toBe('Key Vault Secrets User');
    const officer = await all(
      authz.roleDefinitions.list(`/subscriptions/${subId}`, {
        filter: "roleName eq 'Key Vault Secrets Officer'",
      }),
    );
    expect(officer.map((r) => [r.name, r.permissions?.[0]?.dataActions])).toEqual([
      [SECRETS_OFFICER, ['Microsoft.KeyVault/vaults/secrets/*']],
    ]);
    await expect(
      authz.roleDefinitions.get(`/subscriptions/${subId}`, '00000000-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({ statusCode: 404, code: 'RoleDefinitionDoesNotExist' });
  });

  it('answers 403 AuthorizationFailed when role assignments may not be read', async () => {
    arm.faults.authorizationDenied = true;
    try {
      await expect(
        all(clients.authorization(subId).roleAssignments.listForScope(vaultScope)),
      ).rejects.toMatchObject({
        statusCode: 403,
        code: 'AuthorizationFailed',
        message: expect.stringContaining(`with object id '${ME}'`),
      });
    } finally {
      arm.faults.authorizationDenied = false;
    }
  });
});
