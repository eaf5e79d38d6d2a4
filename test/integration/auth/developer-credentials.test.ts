import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../../../electron/core/auth/credentials';
import { toKluisError } from '../../../electron/core/errors/error-mapping';
import { startIdentityWorld, vaultClient } from './helpers';

// These tests change process.env (each vitest file runs in its own worker process) and restore it afterwards.
const savedEnv = { ...process.env };
let world: Awaited<ReturnType<typeof startIdentityWorld>>;
const dir = mkdtempSync(join(tmpdir(), 'kluis-devcred-'));

beforeAll(async () => {
  world = await startIdentityWorld();
});
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
});
afterAll(async () => {
  await world?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('developer and hosting credentials against a --auth jwt vault', () => {
  it('default: DefaultAzureCredential uses the App Service managed identity endpoint', async () => {
    const requests: Array<{ query: URLSearchParams; header: string | undefined }> = [];
    // App Service's local identity endpoint (api-version 2019-08-01) hands out tokens from the provider.
    const endpoint: Server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const header = req.headers['x-identity-header'];
      requests.push({ query: url.searchParams, header: typeof header === 'string' ? header : undefined });
      if (header !== 'identity-header-value') {
        res.writeHead(401).end();
        return;
      }
      const resource = url.searchParams.get('resource') ?? '';
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          access_token: world.provider.issueAccessToken({ resource }),
          expires_on: String(Math.floor(Date.now() / 1000) + 3600),
          resource,
          token_type: 'Bearer',
          client_id: 'mi-client',
        }),
      );
    });
    await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
    try {
      for (const k of [
        'AZURE_CLIENT_ID',
        'AZURE_TENANT_ID',
        'AZURE_CLIENT_SECRET',
        'AZURE_FEDERATED_TOKEN_FILE',
      ])
        delete process.env[k];
      process.env.IDENTITY_ENDPOINT = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/msi/token`;
      process.env.IDENTITY_HEADER = 'identity-header-value';
      const credential = await createCredential({ method: 'default' });
      const client = vaultClient(world.vault, credential);
      await client.setSecret('from-managed-identity', 'v');
      expect((await client.getSecret('from-managed-identity')).value).toBe('v');
      expect(requests[0]?.query.get('api-version')).toBe('2019-08-01');
      expect(requests[0]?.query.get('resource')).toBe('https://vault.azure.net');
    } finally {
      await new Promise<void>((r) => endpoint.close(() => r()));
    }
  });

  it('azure-cli: AzureCliCredential runs az account get-access-token', async () => {
    const bin = join(dir, 'bin');
    const tokenFile = join(dir, 'token');
    const argsFile = join(dir, 'args');
    writeFileSync(tokenFile, world.provider.issueAccessToken({ resource: 'https://vault.azure.net' }));
    fakeAz(bin, tokenFile, argsFile, world.provider.tenantId);
    process.env.PATH = `${bin}${delimiter}${process.env.PATH ?? ''}`;
    const credential = await createCredential({ method: 'azure-cli', tenantId: world.provider.tenantId });
    const client = vaultClient(world.vault, credential);
    await client.setSecret('from-az', 'v');
    expect((await client.getSecret('from-az')).value).toBe('v');
    expect(readFileSync(argsFile, 'utf8')).toBe(
      `account get-access-token --output json --resource https://vault.azure.net --tenant ${world.provider.tenantId}`,
    );
  });

  it('azure-cli: a CLI that is not logged in gives identity\'s "run az login" error', async () => {
    const bin = join(dir, 'bin-logged-out');
    fakeAz(bin, undefined, join(dir, 'args2'), world.provider.tenantId);
    process.env.PATH = `${bin}${delimiter}${process.env.PATH ?? ''}`;
    const credential = await createCredential({ method: 'azure-cli' });
    const error = await vaultClient(world.vault, credential)
      .getSecret('x')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'CredentialUnavailableError',
      message: expect.stringMatching(/az login/),
    });
    // What the user sees: the CLI is there but not signed in.
    expect(toKluisError(error, { authMethod: 'azure-cli' })).toMatchObject({
      kind: 'unauthenticated',
      message: expect.stringMatching(/Azure CLI is not signed in/),
    });
  });
});

/** A stand-in for az: prints what `az account get-access-token --output json` prints, or the logged-out error. */
function fakeAz(bin: string, tokenFile: string | undefined, argsFile: string, tenant: string): void {
  mkdirSync(bin, { recursive: true });
  const script = `#!${process.execPath}
const fs = require('node:fs');
fs.writeFileSync(${JSON.stringify(argsFile)}, process.argv.slice(2).join(' '));
const tokenFile = ${JSON.stringify(tokenFile ?? null)};
if (!tokenFile) {
  process.stderr.write("ERROR: Please run 'az login' to setup account.\\n");
  process.exit(1);
}
const expires = Math.floor(Date.now() / 1000) + 3600;
process.stdout.write(JSON.stringify({
  accessToken: fs.readFileSync(tokenFile, 'utf8'),
  expiresOn: new Date(expires * 1000).toISOString().replace('T', ' ').slice(0, 19) + '.000000',
  expires_on: expires,
  subscription: '00000000-0000-0000-0000-000000000000',
  tenant: ${JSON.stringify(tenant)},
  tokenType: 'Bearer',
}, null, 2));
`;
  writeFileSync(join(bin, 'az'), script);
  chmodSync(join(bin, 'az'), 0o755);
}
