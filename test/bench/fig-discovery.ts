/**
 * Figure 10: Browse vaults over 2,000 vaults in 50 subscriptions, 20 ms latency per request to Resource Manager.
 *
 * Kluis: core's own handler (`kluis:discovery.start`), pages through the `emit` dep as 'discovery.page': from the
 * call to the first vaults announced, and to the last of the 2,000. Signed in as a service principal of the test
 * OpenID provider (its token cached after a warm-up browse, as after any first browse).
 *
 * Baselines, in the same run and interleaved with Kluis's reps, with the same SDKs and credential:
 * - the raw Resource Graph query (ResourceGraphClient.resources, $skipToken followed): to its first page and to all;
 * - the `az keyvault list`-style loop: subscriptions listed, then each subscription's vaults one after another
 *   (KeyVaultManagementClient.vaults.listBySubscription, nextLink followed).
 *
 * The stand-in runs in this process (as the local vault does in figure 1's core-only rows); its latency knob delays
 * every answer by 20 ms.
 */
import { randomUUID } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import { ClientSecretCredential } from '@azure/identity';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { DiscoveryPage } from '../../electron/contract';
import { VAULTS_QUERY, GRAPH_PAGE_SIZE } from '../../electron/core/discovery/discovery-service';
import { ARM_AUDIENCE, startDiscoveryWorld } from '../support/discovery-world';
import { median, round } from './stats';

export interface DiscoveryResult {
  vaults: number;
  subscriptions: number;
  latencyMs: number;
  reps: number;
  kluisFirstVaultsMs: number;
  kluisAllVaultsMs: number;
  graphFirstPageMs: number;
  graphAllMs: number;
  sequentialMs: number;
  samples: {
    kluisFirst: number[];
    kluisAll: number[];
    graphFirst: number[];
    graphAll: number[];
    sequential: number[];
  };
}

export async function measureDiscovery(opts: {
  subscriptions: number;
  vaultsPerSubscription: number;
  latencyMs: number;
  reps: number;
  log: (line: string) => void;
}): Promise<DiscoveryResult> {
  const total = opts.subscriptions * opts.vaultsPerSubscription;
  let onPage: ((page: DiscoveryPage) => void) | undefined;
  const w = await startDiscoveryWorld({
    world: {
      tenants: 1,
      subscriptionsPerTenant: opts.subscriptions,
      vaultsPerSubscription: opts.vaultsPerSubscription,
      deletedVaultsPerSubscription: 1,
    },
    core: {
      retryPlans: undefined,
      onEvent: (name, payload) => {
        if (name === 'discovery.page') onPage?.(payload as DiscoveryPage);
      },
    },
  });
  const samples: DiscoveryResult['samples'] = {
    kluisFirst: [],
    kluisAll: [],
    graphFirst: [],
    graphAll: [],
    sequential: [],
  };
  try {
    const options = {
      endpoint: w.arm.url,
      tlsOptions: { ca: w.arm.caPem },
      credentials: { scopes: [`${ARM_AUDIENCE}/.default`] },
      retryOptions: { maxRetries: 0 },
    };
    // The same service principal and token endpoint as Kluis's browse; identity caches its token.
    const credential: TokenCredential = new ClientSecretCredential(
      w.provider.tenantId,
      w.sp.clientId,
      w.sp.secret,
      {
        authorityHost: w.provider.authorityHost,
        disableInstanceDiscovery: true,
        tlsOptions: { ca: w.provider.caPem },
      } as ConstructorParameters<typeof ClientSecretCredential>[3],
    );

    const kluisRun = async () => {
      const browseId = randomUUID();
      let first = 0;
      let seen = 0;
      const started = performance.now();
      const all = new Promise<number>((resolve) => {
        onPage = (page) => {
          if (page.browseId !== browseId || !page.vaults?.length) return;
          if (first === 0) first = performance.now() - started;
          seen += page.vaults.length;
          if (seen >= total) resolve(performance.now() - started);
        };
      });
      await w.core.value('discovery', 'start', { browseId, auth: w.auth });
      const allMs = await all;
      onPage = undefined;
      // Let the browse finish (deleted vaults) before the next run, so runs do not overlap.
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (
            w.core.events.some(
              (e) =>
                e.name === 'discovery.page' &&
                (e.payload as DiscoveryPage).browseId === browseId &&
                (e.payload as DiscoveryPage).done,
            )
          ) {
            clearInterval(check);
            resolve();
          }
        }, 5);
      });
      w.core.events.length = 0;
      return { first, all: allMs };
    };

    const graphRun = async () => {
      const graph = new ResourceGraphClient(credential, options);
      const started = performance.now();
      let first = 0;
      let rows = 0;
      let skipToken: string | undefined;
      do {
        const answer = await graph.resources({
          query: VAULTS_QUERY,
          options: { resultFormat: 'objectArray', top: GRAPH_PAGE_SIZE, ...(skipToken ? { skipToken } : {}) },
        });
        if (first === 0) first = performance.now() - started;
        rows += Array.isArray(answer.data) ? answer.data.length : 0;
        skipToken = answer.skipToken;
      } while (skipToken);
      if (rows !== total) throw new Error(`Resource Graph answered ${rows} of ${total} vaults`);
      return { first, all: performance.now() - started };
    };

    const sequentialRun = async () => {
      const started = performance.now();
      const subs = new SubscriptionClient(credential, options);
      let rows = 0;
      for await (const s of subs.subscriptions.list()) {
        const kv = new KeyVaultManagementClient(credential, s.subscriptionId!, options);
        for await (const _ of kv.vaults.listBySubscription()) rows++;
      }
      if (rows !== total) throw new Error(`the loop listed ${rows} of ${total} vaults`);
      return performance.now() - started;
    };

    opts.log('   warm-up (sign-ins, connections)...');
    await kluisRun();
    await graphRun();
    w.arm.faults.latencyMs = opts.latencyMs;
    await sequentialRun();
    for (let rep = 0; rep < opts.reps; rep++) {
      const k = await kluisRun();
      samples.kluisFirst.push(k.first);
      samples.kluisAll.push(k.all);
      const g = await graphRun();
      samples.graphFirst.push(g.first);
      samples.graphAll.push(g.all);
      if (rep === 0 || rep === opts.reps - 1) samples.sequential.push(await sequentialRun());
      opts.log(
        `   rep ${rep + 1}: kluis first ${round(k.first)} ms, all ${round(k.all)} ms; graph first ${round(g.first)} ms, all ${round(g.all)} ms`,
      );
    }
  } finally {
    await w.stop();
  }
  return {
    vaults: total,
    subscriptions: opts.subscriptions,
    latencyMs: opts.latencyMs,
    reps: opts.reps,
    kluisFirstVaultsMs: round(median(samples.kluisFirst)),
    kluisAllVaultsMs: round(median(samples.kluisAll)),
    graphFirstPageMs: round(median(samples.graphFirst)),
    graphAllMs: round(median(samples.graphAll)),
    sequentialMs: round(median(samples.sequential)),
    samples,
  };
}

const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

/** The figure's rows for the bench table. */
export function discoveryRows(r: DiscoveryResult): Array<{
  figure: string;
  kluis: string;
  baseline: string;
  target: string;
  verdict: string;
}> {
  const firstTarget = r.graphFirstPageMs + r.latencyMs + 50;
  const allTarget = r.graphAllMs * 1.2;
  const speedup = r.sequentialMs / r.kluisAllVaultsMs;
  const label = `${r.vaults.toLocaleString('en-US')} vaults / ${r.subscriptions} subs`;
  return [
    {
      figure: `10. Browse ${label}: start → first vaults`,
      kluis: ms(r.kluisFirstVaultsMs),
      baseline: `Resource Graph 1st page ${ms(r.graphFirstPageMs)}`,
      target: `≤ answer + 1 RTT + 50 (${ms(firstTarget)})`,
      verdict: r.kluisFirstVaultsMs <= firstTarget ? 'met' : 'missed',
    },
    {
      figure: `10. Browse ${label}: start → all vaults`,
      kluis: `${ms(r.kluisAllVaultsMs)} (${(r.kluisAllVaultsMs / r.graphAllMs).toFixed(2)}x)`,
      baseline: `Resource Graph all pages ${ms(r.graphAllMs)}`,
      target: `≤ 1.2x (${ms(allTarget)})`,
      verdict: r.kluisAllVaultsMs <= allTarget ? 'met' : 'missed',
    },
    {
      figure: `10. Browse ${label}: vs az keyvault list loop`,
      kluis: `${ms(r.kluisAllVaultsMs)} (${speedup.toFixed(1)}x faster)`,
      baseline: `sequential per subscription ${ms(r.sequentialMs)}`,
      target: '≥ 5x faster',
      verdict: speedup >= 5 ? 'met' : 'missed',
    },
  ];
}
