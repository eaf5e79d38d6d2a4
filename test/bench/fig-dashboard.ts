/**
 * Figure 7: the dashboard's property index over 10 vaults of 5,000 secrets each, 20 ms latency per request.
 *
 * Kluis: core's own handlers, as the renderer reaches them (`kluis:index.build` with fresh: true, pages through
 * the `emit` dep as 'index.page'): from the call to the first page of properties, and to the last vault's last
 * page. The vaults are ten local vault processes (each its own event loop, like ten real vaults), added to core as
 * Azure vaults signing in with a service principal from the test OpenID provider (they accept any token).
 *
 * Baseline, in the same run and interleaved: the raw SDK listing the ten vaults in parallel (byPage, 25 a page),
 * from the start to its first page and to the end of the slowest vault.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretClient } from '@azure/keyvault-secrets';
import { channelOf, type IndexPage, type Result } from '../../electron/contract';
import type { RunningLocalVault } from '../../electron/local-vault';
import { generateCa, issueLeaf } from '../../electron/local-vault/tls';
import { TRUSTED_SENDER } from '../support/core-caller';
import { addServicePrincipalVaults } from '../support/service-principal-vaults';
import { startOidcProvider } from '../support/oidc-provider';
import { startTestCore, type TestCore } from '../support/start-test-core';
import { testProtector } from '../support/test-protector';
import { seedDataDir } from './harness';
import { median, round } from './stats';
import { startVaultProcess } from './vault-process';

export interface DashboardResult {
  vaults: number;
  secretsPerVault: number;
  latencyMs: number;
  reps: number;
  kluisFirstPageMs: number;
  kluisWholeMs: number;
  sdkFirstPageMs: number;
  sdkWholeMs: number;
  secretsIndexed: number;
  samples: { kluisFirst: number[]; kluisWhole: number[]; sdkFirst: number[]; sdkWhole: number[] };
}

export async function measureDashboard(opts: {
  vaults: number;
  secretsPerVault: number;
  latencyMs: number;
  reps: number;
  log: (line: string) => void;
}): Promise<DashboardResult> {
  const scratch = await mkdtemp(join(tmpdir(), 'kluis-bench-dashboard-'));
  const provider = await startOidcProvider();
  const servers: RunningLocalVault[] = [];
  const events: IndexPage[] = [];
  let core: TestCore | undefined;
  try {
    opts.log(`   seeding ${opts.vaults} x ${opts.secretsPerVault} secrets...`);
    const key = randomBytes(32);
    // One CA for all ten (as one organisation's vaults share a public CA), so core trusts them with one bundle.
    const ca = await generateCa('Kluis bench vaults CA');
    for (let i = 0; i < opts.vaults; i++) {
      const leaf = await issueLeaf(ca);
      const dataDir = join(scratch, `vault-${i}`);
      await seedDataDir(dataDir, key, opts.secretsPerVault, `v${i}-setting`);
      servers.push(
        await startVaultProcess({
          dataDir,
          encryptionKey: key,
          latencyMs: opts.latencyMs,
          auth: { mode: 'any' },
          tenantId: provider.tenantId,
          tls: { certPem: `${leaf.certPem}${ca.certPem}`, keyPem: leaf.keyPem, caPem: ca.certPem },
        }),
      );
    }
    const clientId = randomUUID();
    const secret = `sp-${randomUUID()}`;
    provider.registerClient({ clientId, secret });
    core = await startTestCore({
      userDataDir: join(scratch, 'user-data'),
      onEvent: (name, payload) => {
        if (name === 'index.page') events.push(payload as IndexPage);
      },
      protector: testProtector(),
      testTrust: {
        vaultCa: ca.certPem,
        signInCa: provider.caPem,
        disableChallengeResourceVerification: true,
      },
    });
    await addServicePrincipalVaults(
      core,
      servers.map((server, i) => ({ url: server.url, displayName: `bench-${i}` })),
      { provider, clientId, secret },
    );
    const { events: everyEvent } = core;
    const build = core.handlers.get(channelOf('index', 'build'))!;
    const sdkClients = servers.map(
      (s) =>
        new SecretClient(
          s.url,
          { getToken: async () => ({ token: 'bench', expiresOnTimestamp: Date.now() + 3_600_000 }) },
          {
            tlsOptions: { ca: s.caPem },
            disableChallengeResourceVerification: true,
            retryOptions: { maxRetries: 3 },
          },
        ),
    );

    /** One Kluis build: ms to the first page with items, and to every vault done. */
    const kluisOnce = async () => {
      events.length = 0;
      // startTestCore keeps every event too; the last build's pages need not stay alive through this one.
      everyEvent.length = 0;
      const buildId = randomUUID();
      const t0 = performance.now();
      let first = NaN;
      let whole = NaN;
      const done = new Set<string>();
      const settled = new Promise<void>((resolve, reject) => {
        const check = () => {
          for (const e of events.splice(0)) {
            if (e.buildId !== buildId) continue;
            if (e.error) return reject(new Error(`${e.vaultId}: ${e.error.message}`));
            if (Number.isNaN(first) && e.items.length > 0) first = performance.now() - t0;
            if (e.done) done.add(e.vaultId);
          }
          if (done.size === opts.vaults) {
            whole = performance.now() - t0;
            resolve();
          } else setImmediate(check);
        };
        check();
      });
      const answer = (await build(TRUSTED_SENDER, { buildId, fresh: true })) as Result<unknown>;
      if (!answer.ok) throw new Error(answer.error.message);
      await settled;
      return { first, whole };
    };
    /** The raw SDK over the ten vaults in parallel. */
    const sdkOnce = async () => {
      const t0 = performance.now();
      let first = NaN;
      let count = 0;
      await Promise.all(
        sdkClients.map(async (client) => {
          for await (const page of client.listPropertiesOfSecrets().byPage({ maxPageSize: 25 })) {
            if (Number.isNaN(first)) first = performance.now() - t0;
            count += page.length;
          }
        }),
      );
      return { first, whole: performance.now() - t0, count };
    };

    // Warm up both: sign-in, the vaults' auth challenges, TLS sessions, JIT.
    opts.log('   warming up...');
    await kluisOnce();
    const warm = await sdkOnce();
    const samples = {
      kluisFirst: [] as number[],
      kluisWhole: [] as number[],
      sdkFirst: [] as number[],
      sdkWhole: [] as number[],
    };
    for (let r = 0; r < opts.reps; r++) {
      const s = await sdkOnce();
      samples.sdkFirst.push(round(s.first));
      samples.sdkWhole.push(round(s.whole, 0));
      const k = await kluisOnce();
      samples.kluisFirst.push(round(k.first));
      samples.kluisWhole.push(round(k.whole, 0));
      opts.log(
        `   rep ${r + 1}: Kluis first ${k.first.toFixed(1)} ms, whole ${k.whole.toFixed(0)} ms; SDK first ${s.first.toFixed(1)} ms, whole ${s.whole.toFixed(0)} ms`,
      );
    }
    return {
      vaults: opts.vaults,
      secretsPerVault: opts.secretsPerVault,
      latencyMs: opts.latencyMs,
      reps: opts.reps,
      kluisFirstPageMs: median(samples.kluisFirst),
      kluisWholeMs: median(samples.kluisWhole),
      sdkFirstPageMs: median(samples.sdkFirst),
      sdkWholeMs: median(samples.sdkWhole),
      secretsIndexed: warm.count,
      samples,
    };
  } finally {
    await core?.dispose();
    for (const s of servers) await s.stop().catch(() => undefined);
    await provider.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The figure's table rows. */
export function dashboardRows(d: DashboardResult) {
  const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
  const firstTarget = d.latencyMs + 50;
  const wholeTarget = d.sdkWholeMs * 1.1;
  return [
    {
      figure: `7. Dashboard ${d.vaults}x${d.secretsPerVault.toLocaleString('en-US')}: build → first page of properties`,
      kluis: ms(d.kluisFirstPageMs),
      baseline: `SDK 1st page ${ms(d.sdkFirstPageMs)}`,
      target: `≤ 1 RTT + 50 (${firstTarget} ms)`,
      verdict: d.kluisFirstPageMs <= firstTarget ? 'met' : 'missed',
    },
    {
      figure: `7. Dashboard ${d.vaults}x${d.secretsPerVault.toLocaleString('en-US')}: build → every vault indexed`,
      kluis: `${ms(d.kluisWholeMs)} (${(d.kluisWholeMs / d.sdkWholeMs).toFixed(2)}x)`,
      baseline: `SDK ${d.vaults} vaults in parallel ${ms(d.sdkWholeMs)}`,
      target: `≤ 1.1x (${ms(wholeTarget)})`,
      verdict: d.kluisWholeMs <= wholeTarget ? 'met' : 'missed',
    },
  ];
}

// Run alone: npx tsx test/bench/fig-dashboard.ts [--quick]
if (process.argv[1]?.endsWith('fig-dashboard.ts')) {
  const quick = process.argv.includes('--quick');
  measureDashboard({
    vaults: 10,
    secretsPerVault: quick ? 1000 : 5000,
    latencyMs: 20,
    reps: quick ? 1 : 3,
    log: (line) => process.stderr.write(`${line}\n`),
  })
    .then((d) => {
      process.stdout.write(`${JSON.stringify({ result: d, rows: dashboardRows(d) }, null, 2)}\n`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
