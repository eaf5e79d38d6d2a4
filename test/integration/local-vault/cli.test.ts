import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTls } from '../../../electron/local-vault/tls';
import { API, raw } from './helpers';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'kluis-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('local vault CLI', () => {
  it('runs one server per --vault, prints one JSON line then one log line per request, stops on SIGINT', async () => {
    const ca = join(dir, 'ca.pem');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/local-vault/cli.ts',
        '--vault',
        'alpha',
        '--vault',
        'beta',
        '--ca-out',
        ca,
        '--auth',
        'token:cli-token',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    while (!out.includes('\n')) {
      if (child.exitCode !== null) throw new Error(`exited early: ${out}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const info = JSON.parse(out.slice(0, out.indexOf('\n'))) as {
      url: string;
      ca: string;
      token: string;
      vaults: Array<{ name: string; url: string; port: number }>;
    };
    expect(info.token).toBe('cli-token');
    expect(info.ca).toBe(ca);
    expect(info.vaults.map((v) => v.name)).toEqual(['alpha', 'beta']);
    expect(new Set(info.vaults.map((v) => v.port)).size).toBe(2);
    const caPem = readFileSync(ca, 'utf8');
    for (const v of info.vaults) {
      const vault = { url: v.url, port: v.port, caPem, token: info.token, stop: async () => undefined };
      await raw(vault, 'PUT', `/secrets/only-in-${v.name}?${API}`, { body: '{"value":"do-not-log-me"}' });
      const list = await raw(vault, 'GET', `/secrets?${API}`);
      expect((list.json as { value: Array<{ id: string }> }).value.map((i) => i.id)).toEqual([
        `${v.url}/secrets/only-in-${v.name}`,
      ]);
    }
    await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const lines = out.trim().split('\n').slice(1);
    expect(lines).toEqual([
      expect.stringMatching(/^\[alpha\] PUT \/secrets\/only-in-alpha 200 [\d.]+ms$/),
      expect.stringMatching(/^\[alpha\] GET \/secrets 200 /),
      expect.stringMatching(/^\[beta\] PUT \/secrets\/only-in-beta 200 /),
      expect.stringMatching(/^\[beta\] GET \/secrets 200 /),
    ]);
    expect(out).not.toMatch(/do-not-log-me|cli-token.*PUT/);
  });

  it('serves a given --tls-cert/--tls-key, writes --tls-ca to --ca-out, reads --key-file', async () => {
    const tls = await generateTls();
    const files = { cert: join(dir, 'leaf.pem'), key: join(dir, 'leaf.key'), ca: join(dir, 'given-ca.pem') };
    writeFileSync(files.cert, tls.certPem);
    writeFileSync(files.key, tls.keyPem);
    writeFileSync(files.ca, tls.caPem);
    const storeKey = join(dir, 'store.key');
    writeFileSync(storeKey, randomBytes(32));
    const out = join(dir, 'out-ca.pem');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/local-vault/cli.ts',
        '--tls-cert',
        files.cert,
        '--tls-key',
        files.key,
        '--tls-ca',
        files.ca,
        '--ca-out',
        out,
        '--data-dir',
        join(dir, 'data'),
        '--key-file',
        storeKey,
        '--auth',
        'any',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KLUIS_LOCAL_VAULT_KEY: '' } },
    );
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    while (!text.includes('\n')) {
      if (child.exitCode !== null) throw new Error(`exited early: ${text}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const info = JSON.parse(text.slice(0, text.indexOf('\n'))) as {
      url: string;
      port: number;
      token: string | null;
    };
    expect(info.token).toBeNull();
    expect(readFileSync(out, 'utf8')).toBe(tls.caPem);
    const vault = {
      url: info.url,
      port: info.port,
      caPem: tls.caPem,
      token: 'anything',
      stop: async () => undefined,
    };
    expect((await raw(vault, 'GET', `/secrets?${API}`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
