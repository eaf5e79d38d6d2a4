import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CliUsageError,
  decodeStoreKey,
  HELP,
  parseCliArgs,
  parseToken,
} from '../../../electron/local-vault/cli-args';

describe('CLI arguments', () => {
  it('parses every option', () => {
    const a = parseCliArgs([
      '--host',
      '0.0.0.0',
      '--port',
      '8443',
      '--auth',
      'token:abc',
      '--tenant',
      't',
      '--resource',
      'https://r',
      '--hostname',
      'a.test',
      '--hostname=b.test',
      '--tls-cert',
      'c.pem',
      '--tls-key',
      'k.pem',
      '--tls-ca',
      'ca.pem',
      '--ca-out',
      'out.pem',
      '--data-dir',
      'dir',
      '--key-file',
      'key',
      '--recoverable-days',
      '7',
      '--purge-protection',
      '--latency',
      '5',
      '--throttle-no-retry-after',
      '--faults',
      '0.25',
      '--seed',
      '9',
      '--vault',
      'a',
      '--vault',
      'b',
      '--quiet',
    ]);
    expect(a).toMatchObject({
      host: '0.0.0.0',
      port: 8443,
      auth: { mode: 'token', token: 'abc' },
      tenantId: 't',
      resource: 'https://r',
      hostnames: ['a.test', 'b.test'],
      tlsCert: 'c.pem',
      tlsKey: 'k.pem',
      tlsCa: 'ca.pem',
      caOut: 'out.pem',
      dataDir: 'dir',
      keyFile: 'key',
      recoverableDays: 7,
      purgeProtection: true,
      latencyMs: 5,
      throttle: true,
      throttleNoRetryAfter: true,
      faultRate: 0.25,
      seed: 9,
      vaults: ['a', 'b'],
      quiet: true,
    });
    expect(parseCliArgs(['--auth', 'any']).auth).toEqual({ mode: 'any' });
    expect(parseCliArgs([])).toMatchObject({ host: '127.0.0.1', port: 0, auth: { mode: 'token' } });
  });

  it('parses --auth jwt with its issuer, key set, CA and audience', () => {
    expect(
      parseCliArgs([
        '--auth',
        'jwt',
        '--jwt-issuer',
        'https://idp.test/t/v2.0',
        '--jwt-jwks=https://idp.test/t/keys',
        '--jwt-ca',
        'ca.pem',
        '--jwt-audience',
        'https://vault.example',
      ]),
    ).toMatchObject({
      auth: { mode: 'jwt' },
      jwtIssuer: 'https://idp.test/t/v2.0',
      jwtJwks: 'https://idp.test/t/keys',
      jwtCa: 'ca.pem',
      jwtAudience: 'https://vault.example',
    });
  });

  it('rejects bad input with a usage error', () => {
    for (const argv of [
      ['--nope'],
      ['--port'],
      ['--port', '70000'],
      ['--auth', 'token:'],
      ['--auth', 'basic'],
      ['--auth', 'jwt'],
      ['--auth', 'jwt', '--jwt-issuer', 'https://i'],
      ['--auth', 'jwt', '--jwt-issuer', 'http://i', '--jwt-jwks', 'https://k'],
      ['--jwt-issuer', 'https://i'],
      ['--recoverable-days', '6'],
      ['--faults', '2'],
      ['--tls-cert', 'x'],
      ['--vault', 'a', '--vault', 'a'],
      ['--vault', 'bad name'],
    ]) {
      expect(() => parseCliArgs(argv), argv.join(' ')).toThrow(CliUsageError);
    }
  });

  it('documents every option in --help', () => {
    for (const flag of [
      '--host',
      '--port',
      '--auth',
      '--jwt-issuer',
      '--jwt-jwks',
      '--jwt-ca',
      '--jwt-audience',
      '--tenant',
      '--resource',
      '--hostname',
      '--tls-cert',
      '--tls-key',
      '--tls-ca',
      '--ca-out',
      '--data-dir',
      '--key-file',
      '--recoverable-days',
      '--purge-protection',
      '--latency',
      '--throttle',
      '--throttle-no-retry-after',
      '--faults',
      '--seed',
      '--vault',
      '--quiet',
      '--help',
      '--token-file',
      '--insecure-any-token-on-network',
      '--paging',
      '--consistency-lag',
      '--challenge-authority',
      '--max-connections',
    ]) {
      expect(HELP).toContain(flag);
    }
  });

  it('parses the realism knobs and the network options of issues 14 and 17', () => {
    expect(parseCliArgs([])).toMatchObject({
      paging: 'service',
      consistencyLagMs: 0,
      tokenOnCommandLine: false,
      allowAnyTokenOnNetwork: false,
    });
    expect(
      parseCliArgs([
        '--paging',
        'sparse',
        '--consistency-lag',
        '3000',
        '--challenge-authority',
        'https://login.windows.net/',
        '--max-connections',
        '32',
        '--token-file',
        't',
        '--insecure-any-token-on-network',
      ]),
    ).toMatchObject({
      paging: 'sparse',
      consistencyLagMs: 3000,
      challengeAuthority: 'https://login.windows.net',
      maxConnections: 32,
      tokenFile: 't',
      allowAnyTokenOnNetwork: true,
    });
    expect(parseCliArgs(['--auth', 'token:x']).tokenOnCommandLine).toBe(true);
    for (const bad of [
      ['--paging', 'dense'],
      ['--consistency-lag', '-1'],
      ['--challenge-authority', 'http://login.windows.net'],
      ['--max-connections', '0'],
      ['--token-file', 't', '--auth', 'token:x'],
      ['--token-file', 't', '--auth', 'any'],
    ]) {
      expect(() => parseCliArgs(bad), bad.join(' ')).toThrow(CliUsageError);
    }
    expect(parseToken('abc\n', 'f')).toBe('abc');
    expect(() => parseToken('a b', 'f')).toThrow(/one token without spaces/);
    expect(() => parseToken('', 'f')).toThrow(CliUsageError);
  });

  it('decodes store keys from raw bytes or base64', () => {
    const key = randomBytes(32);
    expect(decodeStoreKey(key, 'f').equals(key)).toBe(true);
    expect(decodeStoreKey(`${key.toString('base64')}\n`, 'f').equals(key)).toBe(true);
    expect(() => decodeStoreKey('c2hvcnQ=', 'env')).toThrow(/32 bytes/);
  });

  it('parses --arm and its options, and refuses what the ARM stand-in cannot do', () => {
    expect(parseCliArgs([]).arm).toBeUndefined();
    const a = parseCliArgs([
      '--arm',
      '--arm-port=9443',
      '--arm-tenants',
      '2',
      '--arm-empty-tenants',
      '1',
      '--arm-subscriptions',
      '50',
      '--arm-vaults',
      '40',
      '--arm-deleted',
      '0',
      '--arm-seed',
      '9',
      '--arm-page-size',
      '10',
      '--arm-latency',
      '20',
      '--arm-fail-subscription',
      '11111111-2222-4333-8444-555555555555:forbidden',
      '--arm-graph-denied',
    ]);
    expect(a.arm).toEqual({
      port: 9443,
      tenants: 2,
      emptyTenants: 1,
      subscriptions: 50,
      vaultsPerSubscription: 40,
      deletedPerSubscription: 0,
      seed: 9,
      pageSize: 10,
      latencyMs: 20,
      failingSubscriptions: [
        { subscriptionId: '11111111-2222-4333-8444-555555555555', failure: 'forbidden' },
      ],
      graphDenied: true,
    });
    expect(
      parseCliArgs([
        '--auth',
        'jwt',
        '--jwt-issuer',
        'https://login.test/t/v2.0',
        '--jwt-jwks',
        'https://login.test/keys',
        '--arm-jwt-issuer',
        'https://login.test/{tenantid}/v2.0',
      ]).arm?.jwtIssuer,
    ).toBe('https://login.test/{tenantid}/v2.0');
    for (const bad of [
      ['--arm', '--auth', 'any'],
      ['--arm-fail-subscription', 'nope:forbidden'],
      ['--arm-fail-subscription', '11111111-2222-4333-8444-555555555555:maybe'],
      ['--arm-jwt-issuer', 'https://x/{tenantid}'],
      ['--arm-page-size', '0'],
    ]) {
      expect(() => parseCliArgs(bad), bad.join(' ')).toThrow(CliUsageError);
    }
    expect(HELP).toContain('--arm ');
  });
});
