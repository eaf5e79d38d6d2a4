/**
 * Local vault benchmark (npm run bench:local-vault; not part of npm test).
 *
 * Measures, against a vault in its own process holding 100,000 secrets in an encrypted data dir:
 * startup time (store recovery + listen), GET throughput and p99 with 32 keep-alive connections
 * (autocannon), and the server's RSS. Prints a table and writes test/bench/local-vault-results.json.
 *
 * The server role runs when KLUIS_BENCH_ROLE=server (the same file, spawned as a child), so the
 * load generator and the server do not share an event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import tls from 'node:tls';
import { startLocalVault } from '../../electron/local-vault/index';
import { DurableStore } from '../../electron/local-vault/persistence/durable-store';
import { loadOrCreateTls } from '../../electron/local-vault/tls-store';

// autocannon ships no types; this is the slice of its API the benchmark uses.
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECRETS = 100_000;
const CONNECTIONS = 32;
const DURATION_S = Number(process.env.KLUIS_BENCH_DURATION ?? 10);
const TOKEN = 'bench-token';
const TARGETS = { getsPerSecond: 5000, p99Ms: 20, startupMs: 2000, rssMb: 300 };

async function serverRole(): Promise<void> {
  const t0 = performance.now();
  const vault = await startLocalVault({
    dataDir: process.env.KLUIS_BENCH_DIR!,
    encryptionKey: Buffer.from(process.env.KLUIS_BENCH_KEY!, 'base64'),
    auth: { mode: 'token', token: TOKEN },
  });
  const startupMs = performance.now() - t0;
  const rssAfterStartMb = process.memoryUsage().rss / 2 ** 20;
  process.stdout.write(
    `${JSON.stringify({ url: vault.url, port: vault.port, caPem: vault.caPem, startupMs, rssAfterStartMb })}\n`,
  );
  process.on('SIGTERM', () => void vault.stop().then(() => process.exit(0)));
}

async function seed(dir: string, key: Buffer): Promise<number> {
  const t0 = performance.now();
  const store = await DurableStore.open({ dataDir: dir, key, compactAfterRecords: Number.MAX_SAFE_INTEGER });
  const now = Math.floor(Date.now() / 1000);
  const writes: Promise<void>[] = [];
  for (let i = 0; i < SECRETS; i++) {
    const m = {
      op: 'set' as const,
      name: `secret-${i}`,
      version: {
        version: randomBytes(16).toString('hex'),
        value: randomBytes(24).toString('base64'),
        contentType: 'text/plain',
        tags: { team: `t${i % 10}` },
        enabled: true,
        created: now,
        updated: now,
      },
    };
    store.state.apply(m);
    writes.push(store.persist(m));
  }
  await Promise.all(writes);
  // Steady state of a long-lived store: a snapshot plus a short log.
  await store.compact();
  await store.close();
  await loadOrCreateTls(dir, key, []);
  return performance.now() - t0;
}

/**
 * autocannon hard-codes rejectUnauthorized:false in its TLS client. Wrap tls.connect in this
 * process so verification against our CA is enforced anyway: the benchmark must never talk to an
 * unverified server.
 */
function enforceTlsVerification(): { unverified: () => number } {
  let unverified = 0;
  const original = tls.connect;
  (tls as { connect: unknown }).connect = (...args: unknown[]) => {
    const opts = args.find((a) => typeof a === 'object' && a !== null) as tls.ConnectionOptions | undefined;
    if (opts) opts.rejectUnauthorized = true;
    const socket = (original as (...a: unknown[]) => tls.TLSSocket)(...args);
    socket.once('secureConnect', () => {
      if (!socket.authorized) unverified++;
    });
    return socket;
  };
  return { unverified: () => unverified };
}

interface ServerInfo {
  url: string;
  caPem: string;
  startupMs: number;
  rssAfterStartMb: number;
}

/** The vault in its own process (this file, server role), so the load generator does not share its loop. */
async function spawnServer(dir: string, key: Buffer): Promise<{ child: ChildProcess; info: ServerInfo }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'local-vault.ts')], {
    env: {
      ...process.env,
      KLUIS_BENCH_ROLE: 'server',
      KLUIS_BENCH_DIR: dir,
      KLUIS_BENCH_KEY: key.toString('base64'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise<ServerInfo>((res, rej) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) res(JSON.parse(out.slice(0, nl)) as ServerInfo);
    });
    child.on('exit', (code) => rej(new Error(`server exited ${code}`)));
  });
  return { child, info };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** A store that was not compacted lately: the snapshot plus this many updates still in the log. */
async function appendUpdates(dir: string, key: Buffer, count: number): Promise<void> {
  const store = await DurableStore.open({ dataDir: dir, key, compactAfterRecords: Number.MAX_SAFE_INTEGER });
  const writes: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const secret = store.state.active.get(`SECRET-${i}`)!;
    const m = {
      op: 'update' as const,
      key: `SECRET-${i}`,
      version: { ...secret.versions[0]!, enabled: i % 2 === 0 },
    };
    store.state.apply(m);
    writes.push(store.persist(m));
  }
  await Promise.all(writes);
  await store.close();
}

function rssOf(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, peakMb: NaN };
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kluis-bench-'));
  const key = randomBytes(32);
  try {
    process.stdout.write(`seeding ${SECRETS} secrets...\n`);
    const seedMs = await seed(dir, key);

    const { child, info } = await spawnServer(dir, key);
    const rssIdle = rssOf(child.pid!);

    const guard = enforceTlsVerification();
    const paths = Array.from(
      { length: 64 },
      (_, i) => `/secrets/secret-${(i * 1543) % SECRETS}/?api-version=7.6`,
    );
    const result = await autocannon({
      url: info.url,
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers: { authorization: `Bearer ${TOKEN}` },
      tlsOptions: { ca: info.caPem },
      // Fixed requests, cycled: autocannon pre-renders them, so the load generator stays cheap.
      requests: paths.map((path) => ({ method: 'GET', path })),
    });
    const rssLoaded = rssOf(child.pid!);
    await stopServer(child);

    // Worst case between compactions: the log may hold a quarter as many records as there are secrets.
    await appendUpdates(dir, key, SECRETS / 4);
    const replay = await spawnServer(dir, key);
    // Durable writes: every PUT is fsynced before its answer; concurrent ones share a sync.
    const puts = await autocannon({
      url: replay.info.url,
      connections: CONNECTIONS,
      duration: Math.max(2, Math.round(DURATION_S / 2)),
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      tlsOptions: { ca: replay.info.caPem },
      requests: paths.map((path) => ({
        method: 'PUT',
        path: path.replace('/?', '?'),
        body: JSON.stringify({ value: 'bench-value', contentType: 'text/plain' }),
      })),
    });
    await stopServer(replay.child);
    if (guard.unverified() > 0) throw new Error(`${guard.unverified()} TLS connections were not verified`);
    const non2xx = result.non2xx + result.errors + result.timeouts;

    const results = {
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      seed: { secrets: SECRETS, seedMs: Math.round(seedMs) },
      startup: {
        ms: Math.round(info.startupMs),
        withQuarterLogMs: Math.round(replay.info.startupMs),
        targetMs: TARGETS.startupMs,
      },
      get: {
        connections: CONNECTIONS,
        durationS: DURATION_S,
        requestsPerSecond: Math.round(result.requests.average),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        maxMs: result.latency.max,
        failedRequests: non2xx,
        targetRequestsPerSecond: TARGETS.getsPerSecond,
        targetP99Ms: TARGETS.p99Ms,
      },
      durablePut: {
        connections: CONNECTIONS,
        requestsPerSecond: Math.round(puts.requests.average),
        p50Ms: puts.latency.p50,
        p99Ms: puts.latency.p99,
        failedRequests: puts.non2xx + puts.errors + puts.timeouts,
      },
      rss: {
        afterStartMb: Math.round(info.rssAfterStartMb),
        idleMb: Math.round(rssIdle.rssMb),
        underLoadMb: Math.round(rssLoaded.rssMb),
        peakMb: Math.round(rssLoaded.peakMb),
        targetMb: TARGETS.rssMb,
      },
    };
    const pass = (ok: boolean) => (ok ? 'ok' : 'MISSED');
    const rows: Array<[string, string, string, string]> = [
      [
        'startup, 100k + 25k in log',
        `${results.startup.withQuarterLogMs} ms`,
        `< ${TARGETS.startupMs} ms`,
        pass(results.startup.withQuarterLogMs < TARGETS.startupMs),
      ],
      [
        'startup with 100k secrets',
        `${results.startup.ms} ms`,
        `< ${TARGETS.startupMs} ms`,
        pass(results.startup.ms < TARGETS.startupMs),
      ],
      [
        'GET throughput (32 conns)',
        `${results.get.requestsPerSecond} req/s`,
        `>= ${TARGETS.getsPerSecond}`,
        pass(results.get.requestsPerSecond >= TARGETS.getsPerSecond),
      ],
      [
        'GET p99 latency',
        `${results.get.p99Ms} ms`,
        `< ${TARGETS.p99Ms} ms`,
        pass(results.get.p99Ms < TARGETS.p99Ms),
      ],
      ['GET failures', String(non2xx), '0', pass(non2xx === 0)],
      [
        'durable PUT (32 conns, fsync)',
        `${results.durablePut.requestsPerSecond} req/s, p99 ${results.durablePut.p99Ms} ms`,
        '(no target)',
        pass(results.durablePut.failedRequests === 0),
      ],
      [
        'server RSS peak',
        `${results.rss.peakMb} MB`,
        `< ${TARGETS.rssMb} MB`,
        pass(results.rss.peakMb < TARGETS.rssMb),
      ],
    ];
    const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length), 8));
    const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ');
    process.stdout.write(
      `\n${line(['metric', 'result', 'target', ''])}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n`,
    );
    for (const r of rows) process.stdout.write(`${line(r)}\n`);
    writeFileSync(
      resolve(import.meta.dirname, 'local-vault-results.json'),
      `${JSON.stringify(results, null, 2)}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.KLUIS_BENCH_ROLE === 'server') {
  void serverRole();
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
