/**
 * Figure 8: compare two vaults of 2,000 secrets each (the same names, half the values differing), 20 ms latency
 * per request, the local vault's throttling on (the service's limits).
 *
 * Kluis: core's own handlers, as the renderer reaches them (`kluis:compare.start`, rows through the `emit` dep as
 * 'compare.progress', done at the event that says so): both listings, then every value of both sides read in
 * main and compared by HMAC. The vaults are two local vault processes (each its own event loop), added to core as
 * Azure vaults signing in with a service principal from the test OpenID provider (they accept any token).
 *
 * Baseline: a sequential SDK loop, what a script would do: list both vaults, then getSecret every name from A,
 * then from B, one request at a time. Its listing is measured whole; its gets over a sample of names, scaled
 * linearly to all (labelled as such).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretClient } from '@azure/keyvault-secrets';
import { channelOf, type CompareProgress, type Result } from '../../electron/contract';
import type { RunningLocalVault } from '../../electron/local-vault';
import { generateCa, issueLeaf } from '../../electron/local-vault/tls';
import { coreCaller } from '../support/core-caller';
import { addServicePrincipalVaults } from '../support/service-principal-vaults';
import { startOidcProvider } from '../support/oidc-provider';
import { startTestCore, type TestCore } from '../support/start-test-core';
import { testProtector } from '../support/test-protector';
import { SENDER, seedDataDirWith } from './harness';
import { median, round } from './stats';
import { startVaultProcess } from './vault-process';

export interface CompareBenchResult {
  secretsPerVault: number;
  latencyMs: number;
  throttle: string;
  reps: number;
  kluisMs: number;
  kluisSamples: number[];
  rows: number;
  differs: number;
  same: number;
  /** Rows whose values could not be compared (a throttled read that ran out of attempts would land here). */
  notCompared: number;
  notComparedReasons: string[];
  baselineListMs: number;
  baselineSampleNames: number;
  baselineSampleGetsMs: number;
  /** Listing plus the sampled gets scaled to every name of both vaults. */
  baselineMs: number;
  speedup: number;
}

/** A vault's store, written before it starts (so seeding is neither timed nor throttled). */
function seed(dataDir: string, key: Buffer, count: number, side: 'a' | 'b'): Promise<void> {
  return seedDataDirWith(dataDir, key, count, (i, now) => ({
    name: `cmp-setting-${String(i).padStart(6, '0')}`,
    version: {
      version: randomBytes(16).toString('hex'),
      // Half the values differ between the two vaults.
      value: i % 2 === 0 ? `shared-value-${i}` : `${side}-value-${i}`,
      contentType: 'text/plain',
      tags: { env: 'bench' },
      enabled: true,
      created: now,
      updated: now,
    },
  }));
}

export async function measureCompare(opts: {
  secretsPerVault: number;
  latencyMs: number;
  reps: number;
  baselineSample: number;
  log: (line: string) => void;
}): Promise<CompareBenchResult> {
  const scratch = await mkdtemp(join(tmpdir(), 'kluis-bench-compare-'));
  const provider = await startOidcProvider();
  const servers: RunningLocalVault[] = [];
  const events: CompareProgress[] = [];
  let core: TestCore | undefined;
  try {
    opts.log(`   seeding 2 x ${opts.secretsPerVault} secrets...`);
    const key = randomBytes(32);
    const ca = await generateCa('Kluis bench compare CA');
    for (const side of ['a', 'b'] as const) {
      const leaf = await issueLeaf(ca);
      const dataDir = join(scratch, `vault-${side}`);
      await seed(dataDir, key, opts.secretsPerVault, side);
      servers.push(
        await startVaultProcess({
          dataDir,
          encryptionKey: key,
          latencyMs: opts.latencyMs,
          throttle: true,
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
        if (name === 'compare.progress') events.push(payload as CompareProgress);
      },
      // The bench calls the handlers with its own sender.
      isTrustedSender: () => true,
      appVersion: '0.0.0-bench',
      protector: testProtector(),
      testTrust: {
        vaultCa: ca.certPem,
        signInCa: provider.caPem,
        disableChallengeResourceVerification: true,
      },
    });
    const caller = coreCaller(core.handlers);
    const [vaultA, vaultB] = await addServicePrincipalVaults(
      caller,
      servers.map((server, i) => ({ url: server.url, displayName: `bench-${i}` })),
      { provider, clientId, secret },
    );
    const start = core.handlers.get(channelOf('compare', 'start'))!;
    const close = core.handlers.get(channelOf('compare', 'close'))!;

    const kluisOnce = async () => {
      events.length = 0;
      const t0 = performance.now();
      const answer = (await start(SENDER, { vaultA, vaultB })) as Result<{ compareId: string }>;
      if (!answer.ok) throw new Error(answer.error.message);
      const { compareId } = answer.value;
      const last = await new Promise<CompareProgress>((resolve) => {
        const check = () => {
          const done = events.find((e) => e.compareId === compareId && e.done);
          if (done) resolve(done);
          else setImmediate(check);
        };
        check();
      });
      const ms = performance.now() - t0;
      if (last.error) throw new Error(last.error.message);
      const rows = events.filter((e) => e.compareId === compareId).flatMap((e) => e.rows);
      await close(SENDER, { compareId });
      return { ms, rows };
    };

    // The raw SDK, the client a script would build (its own retries, for the throttle).
    const sdk = servers.map(
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
    ) as [SecretClient, SecretClient];

    opts.log('   warm-up (sign-in, connections)...');
    const warm = await kluisOnce();
    const samples: number[] = [];
    let last = warm;
    for (let r = 0; r < opts.reps; r++) {
      // Each run starts its vaults' throttle windows afresh: wait out the last run's 10 s.
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      opts.log(`   Kluis compare, run ${r + 1}/${opts.reps}...`);
      last = await kluisOnce();
      samples.push(last.ms);
    }
    await new Promise((resolve) => setTimeout(resolve, 10_000));

    opts.log(
      `   baseline: sequential SDK listing of both, then getSecret of ${opts.baselineSample} names from each...`,
    );
    let t0 = performance.now();
    const names: string[] = [];
    for (const client of sdk) {
      for await (const page of client.listPropertiesOfSecrets().byPage({ maxPageSize: 25 })) {
        if (client === sdk[0]) names.push(...page.map((p) => p.name));
      }
    }
    const listMs = performance.now() - t0;
    const sample = names.slice(0, opts.baselineSample);
    t0 = performance.now();
    for (const name of sample) {
      const a = await sdk[0].getSecret(name);
      const b = await sdk[1].getSecret(name);
      void (a.value === b.value);
    }
    const getsMs = performance.now() - t0;
    const baselineMs = listMs + getsMs * (names.length / sample.length);

    const kluisMs = median(samples);
    const notCompared = last.rows.filter((r) => r.valueError !== undefined);
    return {
      secretsPerVault: opts.secretsPerVault,
      latencyMs: opts.latencyMs,
      throttle: 'on (service limits: 300 creates / 4,000 other requests per 10 s)',
      reps: opts.reps,
      kluisMs: round(kluisMs, 0),
      kluisSamples: samples.map((s) => round(s, 0)),
      rows: last.rows.length,
      differs: last.rows.filter((r) => r.status === 'differs').length,
      same: last.rows.filter((r) => r.status === 'same').length,
      notCompared: notCompared.length,
      notComparedReasons: [...new Set(notCompared.map((r) => r.valueError as string))].slice(0, 5),
      baselineListMs: round(listMs, 0),
      baselineSampleNames: sample.length,
      baselineSampleGetsMs: round(getsMs, 0),
      baselineMs: round(baselineMs, 0),
      speedup: round(baselineMs / kluisMs, 1),
    };
  } finally {
    await core?.dispose();
    for (const s of servers) await s.stop().catch(() => undefined);
    await provider.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The figure's table rows. */
export function compareRows(c: CompareBenchResult) {
  const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
  const n = c.secretsPerVault.toLocaleString('en-US');
  const fast = c.speedup >= 8;
  const clean = c.notCompared === 0 && c.rows === c.secretsPerVault;
  const why = [
    ...(fast ? [] : [`${c.speedup}x, not 8x`]),
    ...(clean ? [] : [`${c.notCompared} not compared`]),
  ];
  return [
    {
      figure: `8. Compare 2 vaults x ${n} (half differing, throttle on)`,
      kluis: `${ms(c.kluisMs)} (${c.speedup}x faster, ${c.differs} differ, ${c.same} same, ${c.notCompared} not compared)`,
      baseline: `seq. SDK ${ms(c.baselineMs)} (list ${ms(c.baselineListMs)} + gets of ${c.baselineSampleNames} names scaled x${round(c.secretsPerVault / c.baselineSampleNames, 1)})`,
      target: `≥ 8x faster (≤ ${ms(c.baselineMs / 8)}), 0 throttling failures`,
      verdict: fast && clean ? 'met' : `missed: ${why.join(', ')}`,
    },
  ];
}

// Run alone: npx tsx test/bench/fig-compare.ts [--quick]
if (process.argv[1]?.endsWith('fig-compare.ts')) {
  const quick = process.argv.includes('--quick');
  measureCompare({
    secretsPerVault: 2000,
    latencyMs: 20,
    reps: quick ? 1 : 3,
    baselineSample: quick ? 100 : 400,
    log: (line) => process.stderr.write(`${line}\n`),
  })
    .then((c) => {
      process.stdout.write(`${JSON.stringify({ result: c, rows: compareRows(c) }, null, 2)}\n`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
