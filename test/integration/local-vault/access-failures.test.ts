import { RestError } from '@azure/core-rest-pipeline';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalVaultOptions, RunningLocalVault } from '../../../electron/local-vault/index';
import { parseCliArgs } from '../../../electron/local-vault/cli-args';
import { API, raw, sdkClient, startTestVault } from './helpers';

/** The local vault's access switches, through the real SDK: each answers with the service's 403 shape and wording. */
let running: RunningLocalVault | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** A vault with these switches; `seed` runs through the same client, so it may use only allowed permissions. */
async function vaultWith(
  options: LocalVaultOptions,
  seed?: (c: ReturnType<typeof sdkClient>) => Promise<void>,
) {
  const { vault, client } = await startTestVault(options);
  running = vault;
  if (seed) await seed(client);
  return { vault, client };
}

async function restErrorOf(p: Promise<unknown>): Promise<RestError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RestError);
  return e as RestError;
}

const innerOf = (e: RestError) =>
  (e.details as { error?: { innerError?: { code?: string } } } | undefined)?.error?.innerError?.code;

describe('local vault access failures', () => {
  it('RBAC: lists but refuses get with ForbiddenByRbac naming the data action, the resource and the reason', async () => {
    const { client } = await vaultWith(
      {
        access: {
          model: 'rbac',
          deny: ['get'],
          vaultName: 'contoso-kv',
          location: 'westeurope',
          resourceId:
            '/subscriptions/s-1/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/contoso-kv',
        },
      },
      async (c) => void (await c.setSecret('db-password', 'hunter2')),
    );
    const names: string[] = [];
    for await (const p of client.listPropertiesOfSecrets()) names.push(p.name);
    expect(names).toEqual(['db-password']);

    const e = await restErrorOf(client.getSecret('db-password'));
    expect(e.statusCode).toBe(403);
    expect(e.code).toBe('Forbidden');
    expect(innerOf(e)).toBe('ForbiddenByRbac');
    expect(e.message).toContain('Caller is not authorized to perform action on resource.');
    expect(e.message).toContain('please observe propagation time');
    expect(e.message).toContain("Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'");
    expect(e.message).toContain(
      "Resource: '/subscriptions/s-1/resourcegroups/rg-app/providers/microsoft.keyvault/vaults/contoso-kv/secrets/db-password'",
    );
    expect(e.message).toContain('Assignment: (not found)');
    expect(e.message).toContain("DecisionReason: 'DeniedWithNoValidRBAC'");
    expect(e.message).toContain('Vault: contoso-kv;location=westeurope');
    expect(e.message).toMatch(/Caller: appid=[^;]+;oid=[^;]+;iss=https:\/\/sts\.windows\.net\//);
    expect(e.message).not.toContain('hunter2');
  });

  it('access policy: refuses list with ForbiddenByPolicy naming the missing permission and the caller', async () => {
    const { client } = await vaultWith({ access: { model: 'policy', deny: ['list'], vaultName: 'ops-kv' } });
    const e = await restErrorOf(client.listPropertiesOfSecrets().next());
    expect(e.statusCode).toBe(403);
    expect(innerOf(e)).toBe('ForbiddenByPolicy');
    expect(e.message).toMatch(
      /^The user, group or application 'appid=.+' does not have secrets list permission on key vault 'ops-kv;location=local'\. For help resolving this issue, please see https:\/\/go\.microsoft\.com\/fwlink\/\?linkid=2125287$/,
    );
    // get is still allowed: the policy denies only what it was told to.
    const missing = await restErrorOf(client.getSecret('nope'));
    expect(missing.statusCode).toBe(404);
  });

  it('firewall: ForbiddenByFirewall with the client address, also in x-ms-keyvault-network-info', async () => {
    const { vault, client } = await vaultWith({ access: { firewall: { clientAddress: '203.0.113.7' } } });
    const e = await restErrorOf(client.getSecret('x'));
    expect(e.statusCode).toBe(403);
    expect(innerOf(e)).toBe('ForbiddenByFirewall');
    expect(e.message.split('\r\n').slice(0, 2)).toEqual([
      'Client address is not authorized and caller is not a trusted service.',
      'Client address: 203.0.113.7',
    ]);
    const wire = await raw(vault, 'GET', `/secrets?${API}`);
    expect(wire.headers['x-ms-keyvault-network-info']).toBe(
      'conn_type=Ipv4;addr=203.0.113.7;act_addr_fam=InterNetwork;',
    );
    // Without a token the challenge still comes first, as on the service.
    expect((await raw(vault, 'GET', `/secrets?${API}`, { token: null })).status).toBe(401);
  });

  it('firewall without an address names the connection address', async () => {
    const { client } = await vaultWith({ access: { firewall: true } });
    const e = await restErrorOf(client.getSecret('x'));
    expect(e.message).toContain('Client address: 127.0.0.1');
  });

  it('private endpoint only: ForbiddenByConnection', async () => {
    const { client } = await vaultWith({ access: { publicNetworkAccess: 'Disabled', vaultName: 'priv-kv' } });
    const e = await restErrorOf(client.setSecret('a', 'b'));
    expect(e.statusCode).toBe(403);
    expect(innerOf(e)).toBe('ForbiddenByConnection');
    expect(e.message).toMatch(
      /^Public network access is disabled and request is not from a trusted service nor via an approved private link\.\r\nCaller: .+\r\nVault: priv-kv;location=local$/,
    );
  });

  it('the CLI flags build the same options', () => {
    const a = parseCliArgs([
      '--access-model',
      'policy',
      '--deny',
      'get,set',
      '--firewall',
      '198.51.100.4',
      '--vault-location',
      'westus2',
    ]);
    expect(a.access).toEqual({
      model: 'policy',
      deny: ['get', 'set'],
      firewall: { clientAddress: '198.51.100.4' },
      location: 'westus2',
    });
    expect(parseCliArgs(['--firewall', '--quiet']).access).toEqual({ firewall: true });
    expect(parseCliArgs(['--public-network-access', 'disabled']).access).toEqual({
      publicNetworkAccess: 'Disabled',
    });
    expect(() => parseCliArgs(['--deny', 'read'])).toThrow(/unknown permission "read"/);
  });
});
