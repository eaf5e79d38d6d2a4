import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault/index';
import { startOidcProvider, type OidcProvider } from '../../support/oidc-provider';
import { API, raw } from '../local-vault/helpers';

const ROOT = resolve(import.meta.dirname, '../../..');
const VAULT = 'https://vault.azure.net';
let provider: OidcProvider;
let vault: RunningLocalVault;
const dir = mkdtempSync(join(tmpdir(), 'kluis-jwt-'));

beforeAll(async () => {
  provider = await startOidcProvider();
  vault = await startLocalVault({
    auth: { mode: 'jwt', issuer: provider.issuer(), jwksUri: provider.jwksUri(), ca: provider.caPem },
  });
});
afterAll(async () => {
  await vault?.stop();
  await provider?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const errorOf = (json: unknown) => (json as { error: { code: string; message: string } }).error;

describe('local vault --auth jwt', () => {
  it('challenges with the issuer tenant and accepts a token from the provider', async () => {
    const missing = await raw(vault, 'GET', `/secrets?${API}`, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe(
      `Bearer authorization="https://login.microsoftonline.com/${provider.tenantId}", resource="${VAULT}"`,
    );
    const ok = await raw(vault, 'GET', `/secrets?${API}`, {
      token: provider.issueAccessToken({ resource: VAULT }),
    });
    expect(ok.status).toBe(200);
  });

  it('answers a wrong audience, an expired token and a foreign signature with 401 and the challenge', async () => {
    const cases: Array<[string, RegExp]> = [
      [
        provider.issueAccessToken({ resource: 'https://management.azure.com/' }),
        /^AKV10022: Invalid audience/,
      ],
      [provider.issueAccessToken({ resource: VAULT, lifetimeSeconds: -600 }), /TokenExpired/],
      ['a.b.c', /^AKV10032/],
    ];
    for (const [token, message] of cases) {
      const res = await raw(vault, 'PUT', `/secrets/x?${API}`, { token, body: '{"value":"v"}' });
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer authorization=/);
      expect(errorOf(res.json).code).toBe('Unauthorized');
      expect(errorOf(res.json).message).toMatch(message);
    }
  });

  it('runs from the CLI with --jwt-issuer, --jwt-jwks and --jwt-ca', async () => {
    const caFile = join(dir, 'idp-ca.pem');
    writeFileSync(caFile, provider.caPem);
    const vaultCa = join(dir, 'vault-ca.pem');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/local-vault/cli.ts',
        '--auth',
        'jwt',
        '--jwt-issuer',
        provider.issuer(),
        '--jwt-jwks',
        provider.jwksUri(),
        '--jwt-ca',
        caFile,
        '--ca-out',
        vaultCa,
        '--quiet',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      while (!out.includes('\n')) {
        if (child.exitCode !== null) throw new Error(`exited early: ${out}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      const info = JSON.parse(out.slice(0, out.indexOf('\n'))) as { url: string; port: number; auth: string };
      expect(info.auth).toBe('jwt');
      const cli = {
        url: info.url,
        port: info.port,
        caPem: readFileSync(vaultCa, 'utf8'),
        token: undefined,
        stop: async () => undefined,
      };
      const put = await raw(cli, 'PUT', `/secrets/cli?${API}`, {
        token: provider.issueAccessToken({ resource: `${VAULT}/` }),
        body: '{"value":"v"}',
      });
      expect(put.status).toBe(200);
      const refused = await raw(cli, 'GET', `/secrets?${API}`, { token: 'x.y.z' });
      expect(refused.status).toBe(401);
    } finally {
      child.kill('SIGINT');
    }
  });
});
