import { randomUUID } from 'node:crypto';
import type { AuthConfig, DiscoveryPage, EventName } from '../../electron/contract';
import { startLocalArm, type RunningLocalArm } from '../../electron/local-arm/index';
import type { LocalArmOptions } from '../../electron/local-arm/options';
import type { WorldOptions } from '../../electron/local-arm/world';
import { startOidcProvider, type OidcProvider } from './oidc-provider';
import { startTestCore, type TestCore, type TestCoreOptions } from './start-test-core';
import { testProtector } from './test-protector';

/** Resource Manager's real audience, which the stand-in checks tokens for. */
export const ARM_AUDIENCE = 'https://management.azure.com';

export interface DiscoveryWorld {
  provider: OidcProvider;
  arm: RunningLocalArm;
  core: TestCore;
  /** A service principal of the provider; its object id is the world's principal (access policies name it). */
  sp: { clientId: string; secret: string };
  /** The sign-in a browse uses: the service principal, on a custom cloud whose Resource Manager is the stand-in. */
  auth: AuthConfig;
  /** Starts a browse and waits for its last page; answers every page, in order. */
  browse(input?: {
    tenantId?: string;
    auth?: AuthConfig;
  }): Promise<{ browseId: string; pages: DiscoveryPage[] }>;
  stop(): Promise<void>;
}

/**
 * The test OpenID provider, the local ARM stand-in (jwt mode: the provider's tokens, per tenant), and a core that
 * trusts both CAs explicitly (TLS verified), with a service principal whose secret core keeps (test protector).
 */
export async function startDiscoveryWorld(
  opts: {
    world?: WorldOptions;
    arm?: Omit<LocalArmOptions, 'auth' | 'world'>;
    core?: TestCoreOptions;
  } = {},
): Promise<DiscoveryWorld> {
  const provider = await startOidcProvider();
  const sp = { clientId: randomUUID(), secret: randomUUID() };
  provider.registerClient(sp);
  const arm = await startLocalArm({
    ...opts.arm,
    auth: {
      mode: 'jwt',
      issuer: provider.issuer('{tenantid}'),
      jwksUri: provider.jwksUri(),
      ca: provider.caPem,
    },
    world: { tenantIds: [provider.tenantId], principalId: sp.clientId, ...opts.world },
  });
  const core = await startTestCore({
    protector: testProtector(),
    testTrust: { armCa: arm.caPem, signInCa: provider.caPem },
    // Short waits: the stand-in's Retry-After is honoured as given; backoff without one stays brief.
    retryPlans: {
      azure: {
        maxAttempts: 4,
        baseDelayMs: 20,
        maxDelayMs: 200,
        maxTotalMs: 10_000,
        attemptTimeoutMs: 10_000,
      },
    },
    ...opts.core,
  });
  // The secret goes in as a user's would: for one vault, then the browse names the reference Kluis keeps.
  const seed = await core.value('vaults', 'add', {
    vault: 'https://seed.vault.azure.net/',
    auth: {
      method: 'client-secret',
      cloud: 'custom',
      authorityHost: provider.authorityHost,
      resource: 'https://vault.azure.net',
      tenantId: provider.tenantId,
      clientId: sp.clientId,
    },
  });
  const { credentialRef } = await core.value('auth', 'saveServicePrincipal', {
    vaultId: seed.id,
    tenantId: provider.tenantId,
    clientId: sp.clientId,
    secret: sp.secret,
  });
  const auth: AuthConfig = {
    method: 'client-secret',
    cloud: 'custom',
    authorityHost: provider.authorityHost,
    resource: 'https://vault.azure.net',
    armEndpoint: arm.url,
    armResource: ARM_AUDIENCE,
    clientId: sp.clientId,
    tenantId: provider.tenantId,
    credentialRef,
  };

  return {
    provider,
    arm,
    core,
    sp,
    auth,
    async browse(input = {}) {
      const browseId = randomUUID();
      const pages: DiscoveryPage[] = [];
      const done = new Promise<void>((resolve) => {
        const seen = core.events.length;
        const check = setInterval(() => {
          for (const e of core.events.slice(seen)) {
            const p = e.payload as DiscoveryPage;
            if ((e.name as EventName) === 'discovery.page' && p.browseId === browseId && p.done) {
              clearInterval(check);
              resolve();
            }
          }
        }, 5);
      });
      const before = core.events.length;
      await core.value('discovery', 'start', {
        browseId,
        auth: input.auth ?? auth,
        ...(input.tenantId ? { tenantId: input.tenantId } : {}),
      });
      await done;
      for (const e of core.events.slice(before)) {
        if (e.name === 'discovery.page' && (e.payload as DiscoveryPage).browseId === browseId)
          pages.push(e.payload as DiscoveryPage);
      }
      return { browseId, pages };
    },
    async stop() {
      await core.dispose();
      await arm.close();
      await provider.stop();
    },
  };
}

/** Every vault, deleted vault, subscription and error the pages carried. */
export function collect(pages: DiscoveryPage[]) {
  return {
    tenants: pages.flatMap((p) => p.tenants ?? []),
    subscriptions: pages.flatMap((p) => p.subscriptions ?? []),
    vaults: pages.flatMap((p) => p.vaults ?? []),
    deleted: pages.flatMap((p) => p.deletedVaults ?? []),
    errors: pages.flatMap((p) => (p.error ? [p.error] : [])),
    sources: new Set(pages.flatMap((p) => (p.source ? [p.source] : []))),
    completed: new Set(
      pages.flatMap((p) => (p.completed && !p.completed.deleted ? p.completed.subscriptionIds : [])),
    ),
  };
}
