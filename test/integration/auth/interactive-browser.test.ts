import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInPersistence } from '../../../electron/core/auth/sign-in-persistence';
import { createCredential } from '../../../electron/core/auth/credentials';
import { openSignInPage } from '../../../electron/main/sign-in-browser';
import { testProtector } from '../../support/test-protector';
import { startIdentityWorld, vaultClient } from './helpers';

let world: Awaited<ReturnType<typeof startIdentityWorld>>;
const dir = mkdtempSync(join(tmpdir(), 'kluis-browser-'));

beforeAll(async () => {
  world = await startIdentityWorld();
});
afterAll(async () => {
  await world?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Stands in for Electron's shell.openExternal: what a user's browser does on a consenting provider: load the
 * authorize URL (trusting the provider's CA), follow its redirect to the app's loopback listener. Records each URL
 * it was asked to open.
 */
function scriptedBrowser(opened: string[]) {
  return async (url: string): Promise<void> => {
    opened.push(url);
    const location = await new Promise<string>((resolve, reject) => {
      httpsGet(url, { ca: world.provider.caPem }, (res) => {
        res.resume();
        const to = res.headers.location;
        if (res.statusCode === 302 && to) resolve(to);
        else reject(new Error(`authorize answered ${res.statusCode ?? 0}`));
      }).on('error', reject);
    });
    // Like a browser, do not hold the opener: the app's listener answers once it has the code.
    httpGet(location, (res) => res.resume()).on('error', () => undefined);
  };
}

const custom = (clientId: string) =>
  ({
    method: 'interactive-browser',
    clientId,
    tenantId: world.provider.tenantId,
    cloud: 'custom',
    authorityHost: world.provider.authorityHost,
    resource: 'https://vault.azure.net',
  }) as const;

const files = (d: string) =>
  readdirSync(d, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(d, f)).isFile());

describe('interactive-browser against the local provider', () => {
  it('opens the sign-in page through the checked opener, signs in (PKCE, loopback), then reads the vault', async () => {
    const opened: string[] = [];
    const clientId = randomUUID();
    world.provider.registerClient({ clientId });
    const grantsBefore = world.provider.grants.length;
    const waits: string[] = [];
    const credential = await createCredential(custom(clientId), {
      tokenOptions: { tlsOptions: { ca: world.provider.caPem } },
      openSignInPage: (url, host) => openSignInPage(url, host, scriptedBrowser(opened)),
      onBrowserSignIn: (waiting, host) => waits.push(`${String(waiting)} ${host}`),
    });
    const client = vaultClient(world.vault, credential);
    await client.setSecret('from-browser', 'v');
    expect((await client.getSecret('from-browser')).value).toBe('v');
    expect(opened).toHaveLength(1);
    // The app is told the page is open and waits for the user, then that it no longer waits (once: later tokens
    // come silently from the cache).
    expect(waits).toEqual([`true ${world.provider.authorityHost}`, `false ${world.provider.authorityHost}`]);
    const page = new URL(opened[0] ?? '');
    expect(`${page.origin}${page.pathname}`).toBe(
      `${world.provider.authorityHost}/${world.provider.tenantId}/oauth2/v2.0/authorize`,
    );
    expect([...page.searchParams.keys()]).toEqual(
      expect.arrayContaining([
        'client_id',
        'code_challenge',
        'code_challenge_method',
        'redirect_uri',
        'scope',
      ]),
    );
    expect(page.searchParams.get('code_challenge_method')).toBe('S256');
    // The literal loopback address the listener is on, never a name (RFC 8252 §8.3).
    expect(page.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/?$/);
    expect(world.provider.grants.slice(grantsBefore)).toContain('authorization_code');
  });

  it.each([
    ['a plain-http page', (origin: string) => origin.replace('https:', 'http:')],
    ['a page on another host', (origin: string) => origin.replace('127.0.0.1', 'localhost')],
  ])('refuses %s and never opens it', async (_what, pageOrigin) => {
    const opened: string[] = [];
    const clientId = randomUUID();
    world.provider.registerClient({ clientId });
    world.provider.advertiseAuthorizeEndpoint(
      `${pageOrigin(world.provider.authorityHost)}/${world.provider.tenantId}/oauth2/v2.0/authorize`,
    );
    try {
      const credential = await createCredential(custom(clientId), {
        tokenOptions: { tlsOptions: { ca: world.provider.caPem } },
        openSignInPage: (url, host) => openSignInPage(url, host, scriptedBrowser(opened)),
      });
      const grantsBefore = world.provider.grants.length;
      await expect(credential.getToken('https://vault.azure.net/.default')).rejects.toMatchObject({
        error: {
          kind: 'unauthenticated',
          message: expect.stringContaining('did not open the sign-in page') as unknown,
        },
      });
      expect(opened).toEqual([]);
      expect(world.provider.grants.slice(grantsBefore)).toEqual([]);
    } finally {
      world.provider.advertiseAuthorizeEndpoint(undefined);
    }
  });

  it('a cancelled sign-in stops waiting and closes its loopback listener; a wrong state is not taken', async () => {
    const clientId = randomUUID();
    world.provider.registerClient({ clientId });
    const opened: string[] = [];
    const waits: boolean[] = [];
    const credential = await createCredential(custom(clientId), {
      tokenOptions: { tlsOptions: { ca: world.provider.caPem } },
      // A browser the user never finishes in.
      openSignInPage: (url, host) =>
        openSignInPage(url, host, async (page) => {
          opened.push(page);
        }),
      onBrowserSignIn: (waiting) => waits.push(waiting),
    });
    const controller = new AbortController();
    const waiting = credential.getToken('https://vault.azure.net/.default', {
      abortSignal: controller.signal,
    });
    waiting.catch(() => undefined);
    await expect.poll(() => opened.length).toBe(1);
    const redirect = new URL(opened[0] ?? '').searchParams.get('redirect_uri') ?? '';
    const listener = `http://127.0.0.1:${new URL(redirect).port}`;

    // An answer with another state (a stale or forged redirect) is refused and the sign-in keeps waiting.
    const forged = await new Promise<number>((resolve, reject) =>
      httpGet(`${listener}/?code=stolen&state=not-ours`, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject),
    );
    expect(forged).toBe(400);

    expect(waits).toEqual([true]);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ error: { kind: 'cancelled' } });
    expect(waits).toEqual([true, false]);
    const refused = await new Promise<string>((resolve) =>
      // A fresh connection (agent: false), not a kept-alive one from the request above.
      httpGet(listener, { agent: false }, (res) => {
        res.resume();
        resolve(`answered ${res.statusCode ?? 0}`);
      }).on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error')),
    );
    expect(refused).toBe('ECONNREFUSED');
  });

  it('remembers the browser sign-in across a restart (encrypted files), and signs in again after sign-out', async () => {
    const userData = mkdtempSync(join(dir, 'profile-'));
    const protector = testProtector();
    const clientId = randomUUID();
    world.provider.registerClient({ clientId });
    const opened: string[] = [];
    const launch = async () => {
      // A fresh persistence and credential, as after a restart of the app.
      const signIn = createSignInPersistence(join(userData, 'sign-in'), protector).forVault('vault-1');
      const credential = await createCredential(custom(clientId), {
        tokenOptions: { tlsOptions: { ca: world.provider.caPem } },
        openSignInPage: (url, host) => openSignInPage(url, host, scriptedBrowser(opened)),
        signIn,
      });
      return { signIn, client: vaultClient(world.vault, credential) };
    };

    const first = await launch();
    await first.client.setSecret('remembered-browser', 'v1');
    expect(opened).toHaveLength(1);
    const stored = files(join(userData, 'sign-in'));
    expect(stored.length).toBeGreaterThan(0);
    for (const f of stored) {
      const file = join(userData, 'sign-in', f);
      expect(statSync(file).mode & 0o077).toBe(0);
      // Encrypted: neither tokens (JWTs start eyJ) nor the account name are readable on disk.
      const raw = readFileSync(file, 'latin1');
      expect(raw).not.toContain('eyJ');
      expect(raw).not.toContain(world.provider.user.preferredUsername);
    }

    const grantsBefore = world.provider.grants.length;
    const second = await launch();
    expect((await second.client.getSecret('remembered-browser')).value).toBe('v1');
    expect(opened).toHaveLength(1); // no browser this time
    expect(world.provider.grants.slice(grantsBefore)).not.toContain('authorization_code');

    await second.signIn.clear();
    const third = await launch();
    expect((await third.client.getSecret('remembered-browser')).value).toBe('v1');
    expect(opened).toHaveLength(2);
  });
});
