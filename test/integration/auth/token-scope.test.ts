import { randomUUID, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VaultConfig } from '../../../electron/contract';
import { toKluisError } from '../../../electron/core/errors/error-mapping';
import { createVaultConnections } from '../../../electron/core/vault/vault-connections';
import { testConnectionPolicy } from '../../support/test-connection-policy';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault/index';
import { startOidcProvider, type OidcProvider } from '../../support/oidc-provider';

/*
 * A custom cloud's vault, pinned (so the SDK cannot check the challenge's resource against the host 127.0.0.1): its
 * challenge decides what token the SDK asks for. Real local vaults in --auth jwt mode whose WWW-Authenticate names
 * another resource (Azure Resource Manager) or another tenant, and the real OpenID provider stand-in: Kluis must ask
 * it for no such token.
 */
const RESOURCE = 'https://vault.azure.net';
const ARM = 'https://management.azure.com';
let provider: OidcProvider;
const vaults: RunningLocalVault[] = [];
const clientId = randomUUID();
const secret = `sp-${randomUUID()}`;

beforeAll(async () => {
  provider = await startOidcProvider();
  provider.registerClient({ clientId, secret });
});
afterAll(async () => {
  for (const v of vaults) await v.stop();
  await provider?.stop();
});

async function localVault(challenge: { resource?: string; tenantId?: string }): Promise<RunningLocalVault> {
  const vault = await startLocalVault({
    auth: { mode: 'jwt', issuer: provider.issuer(), jwksUri: provider.jwksUri(), ca: provider.caPem },
    ...challenge,
  });
  vaults.push(vault);
  return vault;
}

/** A client-secret vault on a custom cloud (the provider), with the local vault's CA pinned. */
function customVault(vault: RunningLocalVault): VaultConfig {
  const ca = new X509Certificate(vault.caPem);
  return {
    id: randomUUID(),
    displayName: 'stack',
    url: vault.url,
    kind: 'azure',
    auth: {
      method: 'client-secret',
      clientId,
      tenantId: provider.tenantId,
      cloud: 'custom',
      authorityHost: provider.authorityHost,
      resource: RESOURCE,
      credentialRef: 'sp',
    },
    pinned: false,
    pinnedCertificates: [
      {
        origin: new URL(vault.url).origin,
        fingerprint256: ca.fingerprint256,
        subject: ca.subject,
        validTo: Date.parse(ca.validTo),
        pem: ca.toString(),
      },
    ],
  };
}

const connections = () =>
  createVaultConnections({
    localAccess: () => undefined,
    credentialStore: { read: async () => ({ kind: 'client-secret', secret }) },
    // Only the sign-in host's CA; the vault's trust is its pin.
    policy: testConnectionPolicy({
      testTrust: { signInCa: provider.caPem },
      retryPlans: {
        azure: {
          maxAttempts: 1,
          baseDelayMs: 1,
          maxDelayMs: 1,
          maxTotalMs: 10_000,
          attemptTimeoutMs: 10_000,
        },
      },
    }),
  });

const errorOf = async (p: Promise<unknown>) =>
  toKluisError(
    await p.then(
      () => undefined,
      (e: unknown) => e,
    ),
  );

describe('a custom cloud gets tokens for its own resource and tenant only', () => {
  it('the control: a vault whose challenge names the configured resource and tenant is read', async () => {
    const vault = await localVault({});
    const client = await connections().clientFor(customVault(vault));
    await client.setSecret('ok', 'v');
    expect((await client.getSecret('ok')).value).toBe('v');
    expect(provider.tokenRequests.at(-1)).toMatchObject({
      scope: `${RESOURCE}/.default`,
      tenant: provider.tenantId,
    });
  });

  it('a challenge for another resource (Azure Resource Manager) gets no token: the provider is never asked', async () => {
    const vault = await localVault({ resource: ARM });
    const before = provider.tokenRequests.length;
    const client = await connections().clientFor(customVault(vault));
    const error = await errorOf(client.getSecret('any'));
    expect(provider.tokenRequests.slice(before)).toEqual([]);
    expect(error).toMatchObject({ kind: 'unauthenticated', code: 'TokenScopeRefused' });
    expect(error.message).toContain(`asked Kluis for a token for ${ARM}`);
    expect(error.message).toContain(`sign-in is for ${RESOURCE} only`);
    expect(provider.tokenRequests.some((r) => r.scope.includes('management'))).toBe(false);
  });

  it('a challenge from another tenant gets no token: the provider is never asked for it', async () => {
    const otherTenant = randomUUID();
    const vault = await localVault({ tenantId: otherTenant });
    const before = provider.tokenRequests.length;
    const client = await connections().clientFor(customVault(vault));
    const error = await errorOf(client.getSecret('any'));
    expect(provider.tokenRequests.slice(before)).toEqual([]);
    expect(error).toMatchObject({ kind: 'unauthenticated', code: 'TokenTenantRefused' });
    expect(error.message).toContain(
      `tenant ${otherTenant}, but this vault's sign-in is for tenant ${provider.tenantId}`,
    );
    expect(provider.tokenRequests.some((r) => r.tenant === otherTenant)).toBe(false);
  });

  it('without a configured tenant, the tenant a challenge names is not followed: the sign-in page is for the default', async () => {
    const otherTenant = randomUUID();
    const vault = await localVault({ tenantId: otherTenant });
    const opened: string[] = [];
    const browserVault = customVault(vault);
    const { tenantId: _tenant, credentialRef: _ref, ...auth } = browserVault.auth;
    browserVault.auth = { ...auth, method: 'interactive-browser', clientId };
    const client = await createVaultConnections({
      localAccess: () => undefined,
      policy: testConnectionPolicy({ testTrust: { signInCa: provider.caPem } }),
      // The "browser" records the page and does not open it: enough to see which tenant it was for.
      openSignInPage: async (url) => {
        opened.push(url);
        return false;
      },
    }).clientFor(browserVault);
    const error = await errorOf(client.getSecret('any'));
    expect(error.kind).toBe('unauthenticated');
    expect(opened).toHaveLength(1);
    const page = new URL(opened[0] ?? '');
    expect(page.origin).toBe(provider.authorityHost);
    expect(page.pathname).not.toContain(otherTenant);
    expect(page.pathname).toBe('/common/oauth2/v2.0/authorize');
    expect(provider.tokenRequests.some((r) => r.tenant === otherTenant)).toBe(false);
  });
});
