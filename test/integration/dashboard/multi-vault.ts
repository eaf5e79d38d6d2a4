import { randomUUID } from 'node:crypto';
import { ClientSecretCredential } from '@azure/identity';
import type { SecretClient } from '@azure/keyvault-secrets';
import type { IndexPage } from '../../../electron/contract';
import type { KluisCoreDeps } from '../../../electron/core';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault';
import type { AccessOptions } from '../../../electron/local-vault/access';
import { generateCa, issueLeaf } from '../../../electron/local-vault/tls';
import { coreCaller } from '../../support/core-caller';
import { startOidcProvider, type OidcProvider } from '../../support/oidc-provider';
import { addServicePrincipalVaults } from '../../support/service-principal-vaults';
import { startTestCore } from '../../support/start-test-core';
import { testProtector } from '../../support/test-protector';
import { vaultClient } from '../auth/helpers';

const FAST = { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20, maxTotalMs: 2_000, attemptTimeoutMs: 5_000 };

/**
 * Several real local vaults behind one test OpenID provider and one CA: each is added to a core as an Azure vault
 * that signs in with a service principal. What "every connected vault" is for the dashboard, without Azure.
 * Vaults listed in `refuse` turn every token away (401); `access` gives a vault the service's access refusals.
 */
export async function startVaultWorld(
  count: number,
  options: { refuse?: number[]; access?: Record<number, AccessOptions> } = {},
) {
  const provider: OidcProvider = await startOidcProvider();
  const ca = await generateCa('Kluis dashboard test CA');
  const servers: RunningLocalVault[] = [];
  /** Each vault's request log, one line per request (method and path, never a body). */
  const logs: string[][] = [];
  const auth = {
    mode: 'jwt' as const,
    issuer: provider.issuer(),
    jwksUri: provider.jwksUri(),
    ca: provider.caPem,
  };
  for (let i = 0; i < count; i++) {
    const leaf = await issueLeaf(ca);
    const log: string[] = [];
    logs.push(log);
    servers.push(
      await startLocalVault({
        // A refusing vault expects another issuer: every token is answered 401, as for a user of another tenant.
        auth: options.refuse?.includes(i) ? { ...auth, issuer: `${auth.issuer}-elsewhere` } : auth,
        tls: { certPem: `${leaf.certPem}${ca.certPem}`, keyPem: leaf.keyPem },
        log: (line) => log.push(line),
        // A vault that answers some permissions with the service's 403 (e.g. lists but refuses get).
        ...(options.access?.[i] ? { access: options.access[i] } : {}),
      }),
    );
  }
  const clientId = randomUUID();
  const secret = `sp-${randomUUID()}`;
  provider.registerClient({ clientId, secret });
  const credential = new ClientSecretCredential(provider.tenantId, clientId, secret, {
    authorityHost: provider.authorityHost,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: provider.caPem },
  });
  return {
    provider,
    servers,
    logs,
    testTrust: { vaultCa: ca.certPem, signInCa: provider.caPem, disableChallengeResourceVerification: true },
    /** Another client of vault i (the real SDK straight at it), to seed and check without core. */
    clientOf: (i: number): SecretClient =>
      vaultClient({ ...(servers[i] as RunningLocalVault), caPem: ca.certPem }, credential),
    /** Adds every vault to a core (named vault-0, vault-1, …) with the service principal; their ids in order. */
    async connect(caller: ReturnType<typeof coreCaller>, names = servers.map((_, i) => `vault-${i}`)) {
      return addServicePrincipalVaults(
        caller,
        servers.map((server, i) => ({ url: server.url, displayName: names[i] ?? `vault-${i}` })),
        { provider, clientId, secret },
      );
    },
    async stop() {
      for (const s of servers) await s.stop().catch(() => undefined);
      await provider.stop();
    },
  };
}

/** A real core with every vault of a fresh world connected, and index.build with the pages it streamed. */
export async function startVaults(count: number, extra: Partial<KluisCoreDeps> = {}) {
  const world = await startVaultWorld(count);
  const test = await startTestCore({
    protector: testProtector(),
    testTrust: world.testTrust,
    retryPlans: { azure: FAST, local: FAST },
    ...extra,
  });
  const { core, events } = test;
  const caller = coreCaller(core.handlers);
  const vaultIds = await world.connect(caller);

  async function build(ids?: string[]) {
    const buildId = randomUUID();
    const from = events.length;
    await caller.value('index', 'build', { buildId, ...(ids ? { vaultIds: ids } : {}) });
    const pages = () =>
      events
        .slice(from)
        .filter((e) => e.name === 'index.page' && (e.payload as IndexPage).buildId === buildId)
        .map((e) => e.payload as IndexPage);
    return { buildId, pages };
  }

  return {
    ...world,
    core,
    caller,
    vaultIds,
    events,
    build,
    async stop() {
      await test.dispose();
      await world.stop();
    },
  };
}
