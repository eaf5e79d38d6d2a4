import { randomUUID } from 'node:crypto';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { ClientSecretCredential } from '@azure/identity';
import type { SecretClient } from '@azure/keyvault-secrets';
import type { BulkProgress, CompareProgress, CompareRow } from '../../../electron/contract';
import type { KluisCoreDeps } from '../../../electron/core';
import type { AccessOptions } from '../../../electron/local-vault/access';
import {
  startLocalVault,
  type LocalVaultOptions,
  type RunningLocalVault,
} from '../../../electron/local-vault';
import { generateCa, issueLeaf } from '../../../electron/local-vault/tls';
import { startOidcProvider } from '../../support/oidc-provider';
import { startTestCore } from '../../support/start-test-core';
import { testProtector } from '../../support/test-protector';
import { vaultClient } from '../auth/helpers';

const FAST = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50, maxTotalMs: 5_000, attemptTimeoutMs: 10_000 };

export interface WorldVault {
  /** The tenant whose tokens the vault accepts (its issuer); each tenant has its own service principal. */
  tenant: 'one' | 'two';
  access?: AccessOptions;
  latencyMs?: number;
  throttle?: LocalVaultOptions['throttle'];
  /** The vault's clock (a fast one passes throttle windows quickly). */
  now?: () => number;
}

/**
 * Real local vaults with `--auth jwt` behind one test OpenID provider, in one or two tenants (each with its own
 * service principal), added to a real core as Azure vaults; plus the core's own local vault. `losePuts` names
 * secrets whose first PUT answer is lost after the vault stored it (a broken connection).
 */
export async function startCompareWorld(specs: WorldVault[], extra: Partial<KluisCoreDeps> = {}) {
  const provider = await startOidcProvider();
  const tenants = { one: provider.tenantId, two: randomUUID() };
  const ca = await generateCa('Kluis compare test CA');
  const sps = {
    one: { clientId: randomUUID(), secret: `sp-${randomUUID()}` },
    two: { clientId: randomUUID(), secret: `sp-${randomUUID()}` },
  };
  provider.registerClient(sps.one);
  provider.registerClient(sps.two);
  const servers: RunningLocalVault[] = [];
  /** Each vault's answered requests: method, path and status (never a body). */
  const logs: Array<Array<{ method: string; path: string; status: number }>> = [];
  for (const spec of specs) {
    const log: Array<{ method: string; path: string; status: number }> = [];
    logs.push(log);
    const leaf = await issueLeaf(ca);
    const tenantId = tenants[spec.tenant];
    servers.push(
      await startLocalVault({
        auth: {
          mode: 'jwt',
          issuer: provider.issuer(tenantId),
          jwksUri: provider.jwksUri(tenantId),
          ca: provider.caPem,
        },
        tls: { certPem: `${leaf.certPem}${ca.certPem}`, keyPem: leaf.keyPem },
        ...(spec.access ? { access: spec.access } : {}),
        ...(spec.latencyMs ? { latencyMs: spec.latencyMs } : {}),
        ...(spec.throttle ? { throttle: spec.throttle } : {}),
        ...(spec.now ? { now: spec.now } : {}),
        log: (line) => {
          const [method, path, status] = line.split(' ');
          if (method && path && status) log.push({ method, path, status: Number(status) });
        },
      }),
    );
  }

  const losePuts = new Set<string>();
  const lost: string[] = [];
  const losePut: PipelinePolicy = {
    name: 'testLosePutResponse',
    async sendRequest(request, next) {
      const response = await next(request);
      const name = /\/secrets\/([^/?]+)/.exec(new URL(request.url).pathname)?.[1];
      if (request.method === 'PUT' && response.status === 200 && name && losePuts.delete(name)) {
        lost.push(name);
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      return response;
    },
  };

  const test = await startTestCore({
    protector: testProtector(),
    testTrust: { vaultCa: ca.certPem, signInCa: provider.caPem, disableChallengeResourceVerification: true },
    retryPlans: { azure: FAST, local: FAST },
    testPolicies: [{ position: 'perRetry', policy: losePut }],
    ...extra,
  });
  const { call, value, events } = test;

  const vaultIds: string[] = [];
  for (const [i, spec] of specs.entries()) {
    const tenantId = tenants[spec.tenant];
    const vault = await value('vaults', 'add', {
      vault: (servers[i] as RunningLocalVault).url,
      displayName: `vault-${i}`,
      auth: {
        method: 'device-code',
        cloud: 'custom',
        authorityHost: provider.authorityHost,
        resource: 'https://vault.azure.net',
        tenantId,
      },
    });
    await value('auth', 'saveServicePrincipal', { vaultId: vault.id, tenantId, ...sps[spec.tenant] });
    vaultIds.push(vault.id);
  }

  /** The real SDK straight at vault i, as its tenant's service principal (seeding and checking, not Kluis). */
  const clientOf = (i: number): SecretClient => {
    const spec = specs[i] as WorldVault;
    const sp = sps[spec.tenant];
    const credential = new ClientSecretCredential(tenants[spec.tenant], sp.clientId, sp.secret, {
      authorityHost: provider.authorityHost,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: provider.caPem },
    });
    return vaultClient({ ...(servers[i] as RunningLocalVault), caPem: ca.certPem }, credential);
  };

  const compareEvents = (compareId: string) =>
    events
      .filter((e) => e.name === 'compare.progress')
      .map((e) => e.payload as CompareProgress)
      .filter((p) => p.compareId === compareId);

  async function waitFor<T>(find: () => T | undefined, timeoutMs = 60_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > until) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Runs a comparison to its end: its rows by name, and its last event. */
  async function compare(vaultA: string, vaultB: string, filter?: string) {
    const { compareId } = await value('compare', 'start', { vaultA, vaultB, ...(filter ? { filter } : {}) });
    const last = await waitFor(() => compareEvents(compareId).find((p) => p.done));
    const rows = new Map<string, CompareRow>();
    for (const p of compareEvents(compareId)) for (const r of p.rows) rows.set(r.name, r);
    return { compareId, rows, last, events: compareEvents(compareId) };
  }

  const finished = (jobId: string) =>
    waitFor(() =>
      events
        .filter((e) => e.name === 'bulk.progress')
        .map((e) => e.payload as BulkProgress)
        .find((p) => p.jobId === jobId && p.results !== undefined),
    );

  return {
    ...test,
    call,
    value,
    provider,
    servers,
    logs,
    vaultIds,
    clientOf,
    compare,
    compareEvents,
    finished,
    waitFor,
    losePuts,
    lost,
    async stop() {
      await test.dispose();
      for (const s of servers) await s.stop().catch(() => undefined);
      await provider.stop();
    },
  };
}
