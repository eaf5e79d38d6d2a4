import { describe, expect, it } from 'vitest';
import {
  callerOf,
  dataActionOf,
  permissionOf,
  validateAccessOptions,
} from '../../../electron/local-vault/access';
import { parseCliArgs } from '../../../electron/local-vault/cli-args';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('local vault access switches', () => {
  it('names the caller from the token claims, or as a local caller of the tenant', () => {
    const jwt = `${b64({ alg: 'RS256' })}.${b64({ appid: 'app-1', oid: 'oid-1', iss: 'https://sts.windows.net/t1/' })}.sig`;
    expect(callerOf(`Bearer ${jwt}`, 't0')).toBe('appid=app-1;oid=oid-1;iss=https://sts.windows.net/t1/');
    expect(callerOf('Bearer opaque-token', 't0')).toBe(
      'appid=kluis-local-vault;oid=00000000-0000-0000-0000-000000000000;iss=https://sts.windows.net/t0/',
    );
    // A claim that is not a plain id is left out rather than echoed.
    const odd = `${b64({})}.${b64({ oid: "x';drop" })}.sig`;
    expect(callerOf(`Bearer ${odd}`, 't0')).toMatch(/^appid=kluis-local-vault/);
  });

  it('maps operations to the data action and the access-policy permission', () => {
    expect(dataActionOf('get')).toBe('Microsoft.KeyVault/vaults/secrets/getSecret/action');
    expect(dataActionOf('list')).toBe('Microsoft.KeyVault/vaults/secrets/readMetadata/action');
    expect(dataActionOf('update')).toBe('Microsoft.KeyVault/vaults/secrets/update/action');
    expect(permissionOf('update')).toBe('set');
    expect(permissionOf('listDeleted')).toBe('list');
  });

  it('refuses unknown permissions and malformed names', () => {
    expect(() => validateAccessOptions({ deny: ['read' as never] })).toThrow(/unknown permission/);
    expect(() => validateAccessOptions({ vaultName: 'a b' })).toThrow(/vaultName/);
    expect(() => validateAccessOptions({ resourceId: 'vaults/x' })).toThrow(/resourceId/);
    expect(() => validateAccessOptions({ model: 'policy', deny: ['get', 'list'] })).not.toThrow();
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
    expect(() => parseCliArgs(['--firewall', 'not-an-ip'])).toThrow(/IPv4 or IPv6/);
  });
});
