import { DeviceCodeCredential } from '@azure/identity';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalArm, type RunningLocalArm } from '../../../electron/local-arm/index';
import { all, armClients, ARM_SCOPE } from '../../support/arm-clients';
import { decodeJwtPart } from '../../support/jwt';
import { startOidcProvider, type OidcProvider } from '../../support/oidc-provider';
import { enterDeviceCode } from '../../support/oidc-user';

let provider: OidcProvider;
let arm: RunningLocalArm;

beforeAll(async () => {
  provider = await startOidcProvider();
  arm = await startLocalArm({
    auth: {
      mode: 'jwt',
      issuer: provider.issuer('{tenantid}'),
      jwksUri: provider.jwksUri(),
      ca: provider.caPem,
    },
    world: {
      tenantIds: [provider.tenantId],
      tenants: 3,
      subscriptionsPerTenant: 5,
      vaultsPerSubscription: 2,
    },
  });
});
afterAll(async () => {
  await arm?.close();
  await provider?.stop();
});

/** A device-code sign-in, then a token for another of the account's tenants (what "switch tenant" does). */
describe('local ARM stand-in: one user, several tenants', () => {
  it('a device-code sign-in lists every tenant; a token for another tenant lists that tenant’s subscriptions', async () => {
    const clientId = randomUUID();
    provider.registerClient({ clientId });
    let prompts = 0;
    const credential = new DeviceCodeCredential({
      tenantId: provider.tenantId,
      clientId,
      authorityHost: provider.authorityHost,
      disableInstanceDiscovery: true,
      additionallyAllowedTenants: ['*'],
      tlsOptions: { ca: provider.caPem },
      userPromptCallback: (info) => {
        prompts++;
        void enterDeviceCode(info.verificationUri, info.userCode, provider.caPem);
      },
    });
    const clients = armClients(arm, credential);
    const tenants = await all(clients.subscriptions.tenants.list());
    expect(tenants.map((t) => t.tenantId)).toEqual(arm.world.tenants.map((t) => t.tenantId));
    const home = await all(clients.subscriptions.subscriptions.list());
    expect(home.every((s) => s.tenantId === provider.tenantId)).toBe(true);

    const second = arm.world.tenants[1]!.tenantId;
    const token = await credential.getToken(ARM_SCOPE, { tenantId: second });
    expect(decodeJwtPart(token!.token, 1)).toMatchObject({ tid: second, oid: provider.user.oid });
    const fixed = { getToken: async () => token };
    const other = await all(armClients(arm, fixed).subscriptions.subscriptions.list());
    expect(other).toHaveLength(5);
    expect(other.every((s) => s.tenantId === second)).toBe(true);
    // @azure/identity's DeviceCodeCredential signs in again for another tenant: a second code, at that tenant.
    expect(prompts).toBe(2);
    expect(provider.tokenRequests.at(-1)).toMatchObject({ grant: 'device_code', tenant: second });
  });
});
