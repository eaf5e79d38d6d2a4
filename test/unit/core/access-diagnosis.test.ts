import { describe, expect, it } from 'vitest';
import {
  diagnoseRefusal,
  diagnosisMessage,
  parseChallenge,
} from '../../../electron/core/access/access-diagnosis';
import { toKluisError } from '../../../electron/core/errors/error-mapping';

/*
 * The bodies below are the service's answers as quoted in public reports (ids replaced with placeholders), one per
 * flavour; the local vault README ("Access failures") lists where each was seen.
 */
const OID = '5a1f0c2e-0000-4000-8000-000000000001';
const ISS = 'https://sts.windows.net/11111111-1111-4111-8111-111111111111/';
const CALLER = `appid=0b7d2f4a-0000-4000-8000-000000000002;oid=${OID};iss=${ISS}`;
const RBAC = [
  'Caller is not authorized to perform action on resource.',
  'If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.',
  `Caller: ${CALLER}`,
  "Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'",
  "Resource: '/subscriptions/d0000000-0000-4000-8000-000000000001/resourcegroups/test-rg/providers/microsoft.keyvault/vaults/test-kv-1011/secrets/db-password'",
  'Assignment: (not found)',
  'DenyAssignmentId: null',
  "DecisionReason: 'DeniedWithNoValidRBAC' ",
  'Vault: test-kv-1011;location=canadacentral',
  '',
].join('\r\n');
const POLICY = `The user, group or application '${CALLER}' does not have secrets get permission on key vault 'rcgi-kv-secrets;location=southeastasia'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287`;
const FIREWALL = [
  'Client address is not authorized and caller is not a trusted service.',
  'Client address: 20.111.13.60',
  `Caller: ${CALLER}`,
  'Vault: mgmt-kv;location=westeurope',
].join('\r\n');
const PRIVATE = [
  'Public network access is disabled and request is not from a trusted service nor via an approved private link.',
  `Caller: ${CALLER}`,
  'Vault: kv-dns-lab;location=westus2',
].join('\r\n');
const ISSUER = `AKV10032: Invalid issuer. Expected one of https://sts.windows.net/22222222-2222-4222-8222-222222222222/, found ${ISS}.`;
const CHALLENGE =
  'Bearer authorization="https://login.microsoftonline.com/22222222-2222-4222-8222-222222222222", resource="https://vault.azure.net"';

describe('diagnoseRefusal: the service bodies', () => {
  it('ForbiddenByRbac: action, role, scope, reason, propagation note and the az role assignment command', () => {
    const d = diagnoseRefusal({ status: 403, codes: ['Forbidden', 'ForbiddenByRbac'], message: RBAC });
    expect(d).toEqual({
      model: 'rbac',
      caller: CALLER,
      callerObjectId: OID,
      vaultName: 'test-kv-1011',
      deniedAction: 'Microsoft.KeyVault/vaults/secrets/getSecret/action',
      requiredRole: 'Key Vault Secrets User',
      scope:
        '/subscriptions/d0000000-0000-4000-8000-000000000001/resourcegroups/test-rg/providers/microsoft.keyvault/vaults/test-kv-1011',
      decisionReason: 'DeniedWithNoValidRBAC',
      propagationNote: true,
      command: `az role assignment create --role "Key Vault Secrets User" --assignee-object-id ${OID} --scope /subscriptions/d0000000-0000-4000-8000-000000000001/resourcegroups/test-rg/providers/microsoft.keyvault/vaults/test-kv-1011`,
    });
    expect(diagnosisMessage(d!)).toMatch(/getSecret\/action.*Key Vault Secrets User.*few minutes/);
  });

  it('RBAC: a write action needs Secrets Officer', () => {
    const d = diagnoseRefusal({
      status: 403,
      codes: ['Forbidden', 'ForbiddenByRbac'],
      message: RBAC.replace('getSecret/action', 'setSecret/action'),
    });
    expect(d?.requiredRole).toBe('Key Vault Secrets Officer');
  });

  it('RBAC without an Action line: the operation traits give the role, no command is invented', () => {
    const d = diagnoseRefusal(
      {
        status: 403,
        codes: ['Forbidden', 'ForbiddenByRbac'],
        message: 'The operation is not allowed by RBAC.',
      },
      { operation: 'secrets.set' },
    );
    expect(d).toMatchObject({ model: 'rbac', requiredRole: 'Key Vault Secrets Officer' });
    expect(d?.deniedAction).toBeUndefined();
    expect(d?.command).toBeUndefined();
  });

  it('ForbiddenByPolicy (and the older AccessDenied): the missing permission and az keyvault set-policy', () => {
    for (const inner of ['ForbiddenByPolicy', 'AccessDenied']) {
      const d = diagnoseRefusal({ status: 403, codes: ['Forbidden', inner], message: POLICY });
      expect(d).toEqual({
        model: 'policy',
        caller: CALLER,
        callerObjectId: OID,
        vaultName: 'rcgi-kv-secrets',
        missingPermission: 'get',
        command: `az keyvault set-policy --name rcgi-kv-secrets --object-id ${OID} --secret-permissions get`,
      });
    }
  });

  it('policy body without the permission: the operation traits name it', () => {
    const d = diagnoseRefusal(
      { status: 403, codes: ['Forbidden', 'ForbiddenByPolicy'], message: 'Operation is not allowed.' },
      { operation: 'secrets.listPage', vaultUrl: 'https://ops-kv.vault.azure.net/' },
    );
    expect(d).toMatchObject({ model: 'policy', missingPermission: 'list', vaultName: 'ops-kv' });
  });

  it('ForbiddenByFirewall: the client address and az keyvault network-rule add', () => {
    const d = diagnoseRefusal({
      status: 403,
      codes: ['Forbidden', 'ForbiddenByFirewall'],
      message: FIREWALL,
    });
    expect(d).toMatchObject({
      model: 'firewall',
      clientAddress: '20.111.13.60',
      vaultName: 'mgmt-kv',
      command: 'az keyvault network-rule add --name mgmt-kv --ip-address 20.111.13.60',
    });
    // Only the header names the address: it is read from x-ms-keyvault-network-info.
    const fromHeader = diagnoseRefusal({
      status: 403,
      codes: ['Forbidden'],
      message: 'Client address is not authorized and caller is not a trusted service.',
      networkInfo: 'conn_type=Ipv4;addr=198.51.100.9;act_addr_fam=InterNetwork;',
    });
    expect(fromHeader?.clientAddress).toBe('198.51.100.9');
  });

  it('ForbiddenByConnection: private network only', () => {
    const d = diagnoseRefusal({
      status: 403,
      codes: ['Forbidden', 'ForbiddenByConnection'],
      message: PRIVATE,
    });
    expect(d).toMatchObject({ model: 'private-network', vaultName: 'kv-dns-lab' });
    expect(d?.command).toBeUndefined();
    expect(diagnosisMessage(d!)).toMatch(/private network/);
  });

  it('401 AKV10032 with a challenge naming another tenant: the vault tenant and az login --tenant', () => {
    const d = diagnoseRefusal({
      status: 401,
      codes: ['Unauthorized'],
      message: ISSUER,
      wwwAuthenticate: CHALLENGE,
    });
    expect(d).toEqual({
      model: 'tenant',
      vaultTenant: '22222222-2222-4222-8222-222222222222',
      signedInTenant: '11111111-1111-4111-8111-111111111111',
      authority: 'https://login.microsoftonline.com',
      command: 'az login --tenant 22222222-2222-4222-8222-222222222222',
    });
  });

  it('not an access refusal: a disabled secret, purge protection, a plain 401', () => {
    expect(
      diagnoseRefusal({
        status: 403,
        codes: ['Forbidden', 'SecretDisabled'],
        message: 'Operation get is not allowed on a disabled secret.',
      }),
    ).toBeUndefined();
    expect(
      diagnoseRefusal({
        status: 401,
        codes: ['Unauthorized'],
        message: 'AKV10000: Request is missing a Bearer or PoP token.',
        wwwAuthenticate: CHALLENGE,
      }),
    ).toBeUndefined();
  });

  it('a caller text that is not a plain id is not carried', () => {
    const d = diagnoseRefusal({
      status: 403,
      codes: ['ForbiddenByFirewall'],
      message:
        'Client address is not authorized and caller is not a trusted service.\r\nClient address: <script>',
    });
    expect(d?.clientAddress).toBeUndefined();
  });

  it('parseChallenge reads authorization and resource', () => {
    expect(parseChallenge(CHALLENGE)).toEqual({
      authorization: 'https://login.microsoftonline.com/22222222-2222-4222-8222-222222222222',
      resource: 'https://vault.azure.net',
    });
  });
});

describe('toKluisError carries the diagnosis', () => {
  it('a RestError-shaped 403 becomes kind forbidden with access and the diagnosis message', () => {
    const err = {
      name: 'RestError',
      statusCode: 403,
      code: 'Forbidden',
      message: RBAC,
      details: { error: { code: 'Forbidden', innerError: { code: 'ForbiddenByRbac' } } },
    };
    const e = toKluisError(err, { operation: 'secrets.get' });
    expect(e.kind).toBe('forbidden');
    expect(e.code).toBe('ForbiddenByRbac');
    expect(e.access?.model).toBe('rbac');
    expect(e.message).toContain('Key Vault Secrets User');
  });

  it('a 401 reads the challenge from the response headers', () => {
    const headers = new Map([['www-authenticate', CHALLENGE]]);
    const err = {
      name: 'RestError',
      statusCode: 401,
      code: 'Unauthorized',
      message: ISSUER,
      response: { headers: { get: (n: string) => headers.get(n) } },
    };
    const e = toKluisError(err, {});
    expect(e.kind).toBe('unauthenticated');
    expect(e.access).toMatchObject({ model: 'tenant', vaultTenant: '22222222-2222-4222-8222-222222222222' });
  });
});
