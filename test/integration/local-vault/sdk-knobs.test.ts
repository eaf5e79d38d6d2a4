import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { SecretClient } from '@azure/keyvault-secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault/index';
import { collect, sdkClient } from './helpers';

/**
 * The official JS SDK against each realism knob of issue 17: sparse paging, the consistency lag (the SDK's
 * delete and recover pollers), the older login.windows.net challenge host, and a vault addressed without a port
 * whose nextLinks carry :443.
 */

const POLL = { intervalInMs: 20 };
const NAMES = Array.from({ length: 40 }, (_, i) => `k${String(i).padStart(2, '0')}`);

describe('JS SDK with --paging sparse', () => {
  let vault: RunningLocalVault;
  let client: SecretClient;
  beforeAll(async () => {
    vault = await startLocalVault({ paging: { mode: 'sparse', seed: 11 } });
    client = sdkClient(vault);
    for (const n of NAMES) await client.setSecret(n, 'v');
    for (let i = 0; i < 6; i++) await client.setSecret('k00', `v${i}`);
  });
  afterAll(() => vault.stop());

  it('lists every secret, deleted secret and version exactly once across empty and short pages', async () => {
    const names = (await collect(client.listPropertiesOfSecrets())).map((p) => p.name);
    expect(names).toEqual(NAMES);
    const pages: number[] = [];
    for await (const page of client.listPropertiesOfSecrets().byPage({ maxPageSize: 3 }))
      pages.push(page.length);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(NAMES.length);
    expect(pages).toContain(0); // the SDK follows empty linked pages on
    expect(await collect(client.listPropertiesOfSecretVersions('k00'))).toHaveLength(7);
    for (const n of NAMES.slice(0, 12)) await (await client.beginDeleteSecret(n, POLL)).pollUntilDone();
    expect((await collect(client.listDeletedSecrets())).map((d) => d.name)).toEqual(NAMES.slice(0, 12));
  });
});

describe('JS SDK with --consistency-lag', () => {
  let vault: RunningLocalVault;
  let client: SecretClient;
  beforeAll(async () => {
    vault = await startLocalVault({ consistencyLag: { ms: 500, seed: 2 } });
    client = sdkClient(vault);
  });
  afterAll(() => vault.stop());

  it('its delete and recover pollers wait until the service shows the change', async () => {
    await client.setSecret('polled', 'value');
    const deleted = await (await client.beginDeleteSecret('polled', POLL)).pollUntilDone();
    expect(deleted.name).toBe('polled');
    // Done means visible: the deleted secret reads at once, and is listed as deleted, not as a secret.
    expect((await client.getDeletedSecret('polled')).name).toBe('polled');
    expect((await collect(client.listDeletedSecrets())).map((d) => d.name)).toContain('polled');
    expect((await collect(client.listPropertiesOfSecrets())).map((p) => p.name)).not.toContain('polled');

    const recovered = await (await client.beginRecoverDeletedSecret('polled', POLL)).pollUntilDone();
    expect(recovered.name).toBe('polled');
    expect((await client.getSecret('polled')).value).toBe('value');

    await (await client.beginDeleteSecret('polled', POLL)).pollUntilDone();
    await client.purgeDeletedSecret('polled');
    // The purge lags too: the deleted secret still reads for a while.
    expect((await client.getDeletedSecret('polled')).name).toBe('polled');
  });
});

/** Records the tenant each token request names. */
function tenantRecorder(token: string): TokenCredential & { tenants: Array<string | undefined> } {
  const tenants: Array<string | undefined> = [];
  return {
    tenants,
    getToken: async (_scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> => {
      tenants.push(options?.tenantId);
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

describe('JS SDK with either challenge sign-in host', () => {
  it('reads the tenant from login.windows.net and login.microsoftonline.com challenges alike', async () => {
    for (const authority of ['https://login.windows.net', 'https://login.microsoftonline.com']) {
      const vault = await startLocalVault({ challengeAuthority: authority, tenantId: 'tenant-a' });
      try {
        const credential = tenantRecorder(vault.token!);
        const client = new SecretClient(vault.url, credential, {
          tlsOptions: { ca: vault.caPem },
          disableChallengeResourceVerification: true,
          retryOptions: { maxRetries: 0 },
        });
        await client.setSecret('s', 'v');
        expect((await client.getSecret('s')).value).toBe('v');
        expect(credential.tenants[0]).toBe('tenant-a');
      } finally {
        await vault.stop();
      }
    }
  });
});

/**
 * Test plumbing only: a vault "at" https://localhost (port 443) that really listens on its own port. Requests
 * go to the vault's port with a Host header without a port, as a client of a port-443 vault sends it.
 */
export function port443Policy(realPort: number): PipelinePolicy {
  return {
    name: 'testPort443',
    sendRequest(request, next) {
      const url = new URL(request.url);
      if (url.hostname === 'localhost' && url.port === '') {
        url.port = String(realPort);
        request.url = url.toString();
        request.headers.set('host', 'localhost');
      }
      return next(request);
    },
  };
}

describe('JS SDK with a vault addressed without a port', () => {
  it('follows nextLinks that carry :443 and keeps its challenge state for them', async () => {
    const log: string[] = [];
    const vault = await startLocalVault({ log: (line) => log.push(line) });
    try {
      const credential = tenantRecorder(vault.token!);
      const seen: string[] = [];
      const client = new SecretClient('https://localhost', credential, {
        tlsOptions: { ca: vault.caPem },
        disableChallengeResourceVerification: true,
        retryOptions: { maxRetries: 0 },
        additionalPolicies: [
          {
            position: 'perCall',
            policy: {
              name: 'testSeen',
              sendRequest: async (req, next) => {
                const url = req.url;
                const res = await next(req);
                seen.push(`${res.status} ${url}`);
                return res;
              },
            },
          },
          { position: 'perRetry', policy: port443Policy(vault.port) },
        ],
      });
      for (const n of ['p1', 'p2', 'p3']) await client.setSecret(n, 'v');
      const pages: string[][] = [];
      for await (const page of client.listPropertiesOfSecrets().byPage({ maxPageSize: 2 }))
        pages.push(page.map((p) => p.name));
      expect(pages).toEqual([['p1', 'p2'], ['p3']]);
      expect(seen).toContain(seen.find((u) => u.startsWith('200 https://localhost:443/secrets?')));
      // One challenge for the whole client: the page requests to host:443 reused the state from host.
      expect(log.filter((line) => / 401 /.test(line))).toHaveLength(1);
      expect(new Set(credential.tenants)).toEqual(new Set(['c0ffee00-0000-4000-8000-00006b6c7569']));
    } finally {
      await vault.stop();
    }
  });
});
