import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { SecretClient } from '@azure/keyvault-secrets';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { all, armClients, ARM_SCOPE, fixedCredential } from '../../support/arm-clients';
import { startOidcProvider } from '../../support/oidc-provider';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'kluis-arm-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('local vault CLI with --arm', () => {
  it('starts the ARM stand-in beside the vaults, with the same CA and token, and answers the SDKs', async () => {
    const ca = join(dir, 'ca.pem');
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'arm-cli-token\n');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/local-vault/cli.ts',
        '--vault',
        'kv-local-one',
        '--ca-out',
        ca,
        '--token-file',
        tokenFile,
        '--arm',
        '--arm-tenants',
        '2',
        '--arm-empty-tenants',
        '1',
        '--arm-subscriptions',
        '2',
        '--arm-vaults',
        '3',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      while (!out.includes('\n')) {
        if (child.exitCode !== null) throw new Error(`exited early: ${out} ${err}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      const info = JSON.parse(out.slice(0, out.indexOf('\n'))) as {
        token: string;
        vaults: Array<{ name: string; url: string }>;
        arm: { url: string; port: number; tenants: string[] };
      };
      expect(info.arm.tenants).toHaveLength(3);
      const caPem = readFileSync(ca, 'utf8');
      const credential = fixedCredential(info.token);
      const clients = armClients({ url: info.arm.url, caPem }, credential);
      expect((await all(clients.subscriptions.tenants.list())).map((t) => t.tenantId)).toEqual(
        info.arm.tenants,
      );
      const subs = await all(clients.subscriptions.subscriptions.list());
      expect(subs).toHaveLength(2);
      const first = subs[0]!.subscriptionId!;
      const vaults = await all(
        new KeyVaultManagementClient(credential, first, {
          endpoint: info.arm.url,
          tlsOptions: { ca: caPem },
          credentials: { scopes: [ARM_SCOPE] },
        }).vaults.listBySubscription(),
      );
      // Three generated vaults and the local vault, whose vaultUri opens it.
      expect(vaults.map((v) => v.name)).toHaveLength(4);
      const local = vaults.find((v) => v.name === 'kv-local-one')!;
      expect(local.properties.vaultUri).toBe(`${info.vaults[0]!.url}/`);
      const secrets = new SecretClient(local.properties.vaultUri!, credential, {
        tlsOptions: { ca: caPem },
        disableChallengeResourceVerification: true,
      });
      await secrets.setSecret('found-through-arm', 'v');
      expect((await secrets.getSecret('found-through-arm')).value).toBe('v');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(out).toMatch(/\[arm\] GET \/subscriptions 200 /);
    // The start line names the token (as without --arm); no log line does.
    expect(out.slice(out.indexOf('\n'))).not.toContain('arm-cli-token');
  });

  it('with --auth jwt checks per-tenant tokens against --arm-jwt-issuer and the JWKS', async () => {
    const provider = await startOidcProvider();
    const jwtCa = join(dir, 'oidc-ca.pem');
    writeFileSync(jwtCa, provider.caPem);
    const ca = join(dir, 'jwt-ca.pem');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/local-vault/cli.ts',
        '--ca-out',
        ca,
        '--auth',
        'jwt',
        '--jwt-issuer',
        provider.issuer(),
        '--jwt-jwks',
        provider.jwksUri(),
        '--jwt-ca',
        jwtCa,
        '--arm',
        '--arm-jwt-issuer',
        provider.issuer('{tenantid}'),
        '--arm-tenants',
        '2',
        '--arm-subscriptions',
        '3',
        '--arm-vaults',
        '1',
        '--quiet',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      while (!out.includes('\n')) {
        if (child.exitCode !== null) throw new Error(`exited early: ${out} ${err}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      const info = JSON.parse(out.slice(0, out.indexOf('\n'))) as { arm: { url: string; tenants: string[] } };
      const caPem = readFileSync(ca, 'utf8');
      const second = info.arm.tenants[1]!;
      const token = provider.issueAccessToken({
        resource: 'https://management.azure.com/',
        tenantId: second,
        asUser: true,
      });
      const subs = await all(
        armClients({ url: info.arm.url, caPem }, fixedCredential(token)).subscriptions.subscriptions.list(),
      );
      expect(subs).toHaveLength(3);
      expect(subs.every((s) => s.tenantId === second)).toBe(true);
      const vaultToken = provider.issueAccessToken({ resource: 'https://vault.azure.net', tenantId: second });
      await expect(
        all(
          armClients(
            { url: info.arm.url, caPem },
            fixedCredential(vaultToken),
          ).subscriptions.subscriptions.list(),
        ),
      ).rejects.toMatchObject({ statusCode: 401, code: 'InvalidAuthenticationTokenAudience' });
    } finally {
      child.kill('SIGINT');
      await provider.stop();
    }
    expect(await exited).toBe(0);
  });
});
