import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../../../electron/core/credentials';
import { startIdentityWorld, vaultClient } from './helpers';

let world: Awaited<ReturnType<typeof startIdentityWorld>>;
const dir = mkdtempSync(join(tmpdir(), 'kluis-browser-'));
const savedBrowser = process.env.BROWSER;

beforeAll(async () => {
  world = await startIdentityWorld();
});
afterAll(async () => {
  if (savedBrowser === undefined) delete process.env.BROWSER;
  else process.env.BROWSER = savedBrowser;
  await world?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * @azure/identity opens the sign-in page with the `open` package, which on Linux runs xdg-open, which honours
 * $BROWSER. This "browser" is a script that does what a user's browser does on a consenting provider: load the
 * authorize URL (trusting the provider's CA), follow its redirect to the app's loopback listener.
 */
function scriptedBrowser(caFile: string, visited: string): string {
  const path = join(dir, 'browser');
  writeFileSync(
    path,
    `#!${process.execPath}
const fs = require('node:fs');
const https = require('node:https');
const http = require('node:http');
const start = new URL(process.argv[2]);
fs.writeFileSync(${JSON.stringify(visited)}, start.origin + start.pathname + '\\n' + [...start.searchParams.keys()].sort().join(','));
https.get(start, { ca: fs.readFileSync(${JSON.stringify(caFile)}) }, (res) => {
  res.resume();
  const location = res.headers.location;
  if (res.statusCode !== 302 || !location) process.exit(3);
  http.get(location, (done) => { done.resume(); done.on('end', () => process.exit(0)); }).on('error', () => process.exit(4));
}).on('error', () => process.exit(2));
`,
  );
  chmodSync(path, 0o755);
  return path;
}

describe('interactive-browser against the local provider', () => {
  it('signs in through the authorize page and the loopback redirect (PKCE), then reads the vault', async () => {
    const caFile = join(dir, 'idp-ca.pem');
    writeFileSync(caFile, world.provider.caPem);
    const visited = join(dir, 'visited');
    process.env.BROWSER = scriptedBrowser(caFile, visited);
    const clientId = randomUUID();
    world.provider.registerClient({ clientId });
    const credential = await createCredential(
      {
        method: 'interactive-browser',
        clientId,
        tenantId: world.provider.tenantId,
        cloud: 'custom',
        authorityHost: world.provider.authorityHost,
      },
      { tokenOptions: { tlsOptions: { ca: world.provider.caPem } } },
    );
    const client = vaultClient(world.vault, credential);
    await client.setSecret('from-browser', 'v');
    expect((await client.getSecret('from-browser')).value).toBe('v');
    const [page, params] = readFileSync(visited, 'utf8').split('\n');
    expect(page).toBe(`${world.provider.authorityHost}/${world.provider.tenantId}/oauth2/v2.0/authorize`);
    expect(params?.split(',')).toEqual(
      expect.arrayContaining([
        'client_id',
        'code_challenge',
        'code_challenge_method',
        'redirect_uri',
        'scope',
      ]),
    );
    expect(world.provider.grants).toContain('authorization_code');
  });
});
