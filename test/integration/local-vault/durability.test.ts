import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalVaultStoreError, startLocalVault } from '../../../electron/local-vault/index';
import { API, raw } from './helpers';
import { CLI, exitOf, put, ROOT, startCli, type Cli } from './cli-process';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'kluis-durable-'));
  dirs.push(d);
  return d;
}

function vaultOf(info: Cli['info'], ca: string) {
  return { url: info.url, port: info.port, token: info.token, caPem: ca, stop: async () => undefined };
}

function activeLog(dir: string): string {
  const logs = readdirSync(dir)
    .filter((n) => /^log-\d{8}\.kvl$/.test(n))
    .sort();
  return join(dir, logs[logs.length - 1]!);
}

describe('durable store', () => {
  it('keeps every acknowledged write across kill -9 mid-stream, encrypted at rest', async () => {
    const base = tempDir();
    const dataDir = join(base, 'vault');
    const key = randomBytes(32);
    const first = await startCli(dataDir, key);
    const ca = readFileSync(join(base, 'ca.pem'), 'utf8');
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const acked = new Map<string, string>();
    const sharedAcked = new Map<string, number>();
    let stop = false;
    const worker = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        try {
          const name = `w${w}-n${i}`;
          const value = `marker-value-${w}-${i}`;
          if ((await put(agent, first.info, ca, name, value)) === 200) acked.set(name, value);
          if ((await put(agent, first.info, ca, `w${w}-shared`, String(i))) === 200)
            sharedAcked.set(`w${w}-shared`, i);
        } catch {
          return; // the server died under us: expected
        }
      }
    };
    const workers = Array.from({ length: 12 }, (_, w) => worker(w));
    while (acked.size < 300) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    await exitOf(first.child);
    agent.destroy();

    for (const f of readdirSync(dataDir)) {
      expect(readFileSync(join(dataDir, f)).includes('marker-value-')).toBe(false);
    }

    const second = await startCli(dataDir, key);
    try {
      const v = vaultOf(second.info, ca);
      expect(second.info.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      for (const [name, value] of acked) {
        const res = await raw(v, 'GET', `/secrets/${name}/?${API}`);
        expect(res.status, name).toBe(200);
        expect((res.json as { value: string }).value).toBe(value);
      }
      for (const [name, i] of sharedAcked) {
        const res = await raw(v, 'GET', `/secrets/${name}/?${API}`);
        // The write in flight at the kill may or may not have landed; an acknowledged one must have.
        expect(Number((res.json as { value: string }).value)).toBeGreaterThanOrEqual(i);
      }
    } finally {
      second.child.kill('SIGTERM');
      expect(await exitOf(second.child)).toBe(0);
    }
  });

  it('refuses a wrong key with a clear error and leaves the data alone (CLI exit 2)', async () => {
    const base = tempDir();
    const dataDir = join(base, 'vault');
    const key = randomBytes(32);
    const v = await startLocalVault({
      dataDir,
      encryptionKey: key,
      auth: { mode: 'token', token: 'durable' },
    });
    await raw(v, 'PUT', `/secrets/kept?${API}`, { body: '{"value":"safe"}' });
    await v.stop();
    const before = readFileSync(activeLog(dataDir));

    await expect(startLocalVault({ dataDir, encryptionKey: randomBytes(32) })).rejects.toThrow(
      LocalVaultStoreError,
    );
    await expect(startLocalVault({ dataDir, encryptionKey: randomBytes(32) })).rejects.toThrow(
      /encryption key/,
    );
    await expect(startLocalVault({ dataDir })).rejects.toThrow(/encryptionKey/);

    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dataDir], {
      cwd: ROOT,
      env: { ...process.env, KLUIS_LOCAL_VAULT_KEY: randomBytes(32).toString('base64') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    expect(await exitOf(child)).toBe(2);
    expect(err).toMatch(/encryption key is not the one this vault store was created with/);
    expect(readFileSync(activeLog(dataDir)).equals(before)).toBe(true);

    const again = await startLocalVault({
      dataDir,
      encryptionKey: key,
      auth: { mode: 'token', token: 'durable' },
    });
    expect(((await raw(again, 'GET', `/secrets/kept/?${API}`)).json as { value: string }).value).toBe('safe');
    await again.stop();
  });

  it('cuts a torn tail (appended garbage or a truncated record) and reports it; refuses damage in the middle', async () => {
    const dataDir = join(tempDir(), 'vault');
    const key = randomBytes(32);
    const warnings: string[] = [];
    const open = () =>
      startLocalVault({
        dataDir,
        encryptionKey: key,
        auth: { mode: 'token', token: 't' },
        log: (l) => l.startsWith('warning') && warnings.push(l),
      });
    let v = await open();
    for (let i = 0; i < 5; i++) await raw(v, 'PUT', `/secrets/s${i}?${API}`, { body: `{"value":"v${i}"}` });
    await v.stop();
    const log = activeLog(dataDir);

    appendFileSync(log, randomBytes(100));
    v = await open();
    expect(warnings.join('\n')).toMatch(/damaged tail/);
    for (let i = 0; i < 5; i++) expect((await raw(v, 'GET', `/secrets/s${i}/?${API}`)).status).toBe(200);
    await raw(v, 'PUT', `/secrets/s5?${API}`, { body: '{"value":"v5"}' });
    await v.stop();

    warnings.length = 0;
    truncateSync(log, statSync(log).size - 3);
    v = await open();
    expect(warnings).toHaveLength(1);
    for (let i = 0; i < 5; i++) expect((await raw(v, 'GET', `/secrets/s${i}/?${API}`)).status).toBe(200);
    expect((await raw(v, 'GET', `/secrets/s5/?${API}`)).status).toBe(404);
    await raw(v, 'PUT', `/secrets/s6?${API}`, { body: '{"value":"v6"}' });
    await v.stop();

    // A flipped byte inside an early record, with intact records after it, is not a torn tail.
    const bytes = readFileSync(log);
    const damaged = Buffer.from(bytes);
    const at = Math.floor(bytes.length / 3);
    damaged[at] = (damaged[at] as number) ^ 0xff;
    writeFileSync(log, damaged);
    await expect(open()).rejects.toThrow(/damaged/);
    writeFileSync(log, bytes);
    v = await open();
    expect(((await raw(v, 'GET', `/secrets/s6/?${API}`)).json as { value: string }).value).toBe('v6');
    await v.stop();
  });

  it('keeps the generated CA across restarts of a data directory', async () => {
    const dataDir = join(tempDir(), 'vault');
    const key = randomBytes(32);
    const a = await startLocalVault({ dataDir, encryptionKey: key });
    await a.stop();
    const b = await startLocalVault({ dataDir, encryptionKey: key });
    await b.stop();
    expect(b.caPem).toBe(a.caPem);
  });
});
