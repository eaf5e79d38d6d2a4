import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault/index';
import { generateTls } from '../../../electron/local-vault/tls';

// Debian's python3-azure is importable only by the system interpreter, not a python3 on PATH.
const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import azure.keyvault.secrets'], { encoding: 'utf8' });
const pythonSdk = probe.status === 0;
if (!pythonSdk) {
  console.warn(
    `SKIPPING the Python SDK test: "${PYTHON} -c 'import azure.keyvault.secrets'" failed ` +
      `(${probe.error?.message ?? probe.stderr.trim()}). Install Debian's python3-azure to run it.`,
  );
}

describe.skipIf(!pythonSdk)('local vault with the official Python SDK (azure-keyvault-secrets)', () => {
  let vault: RunningLocalVault;
  let dir: string;
  beforeAll(async () => {
    vault = await startLocalVault();
    dir = mkdtempSync(join(tmpdir(), 'kluis-py-'));
    writeFileSync(join(dir, 'ca.pem'), vault.caPem);
  });
  afterAll(async () => {
    await vault.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('set, get, list, delete (poller), recover, purge, backup and restore', async () => {
    const result = await runPython('python_client.py', {
      VAULT_URL: vault.url,
      VAULT_TOKEN: vault.token!,
      VAULT_CA: join(dir, 'ca.pem'),
    });
    expect(result.ok).toBe(true);
    expect(result.api_version).toMatch(/^7\./);
  });

  it('with --paging sparse, --consistency-lag, a login.windows.net challenge and :443 nextLinks', async () => {
    const tls = await generateTls();
    const auth = { mode: 'token', token: 'py-knobs' } as const;
    const port443Log: string[] = [];
    const vaults = await Promise.all([
      startLocalVault({ tls, auth, paging: { mode: 'sparse', seed: 4 } }),
      startLocalVault({ tls, auth, consistencyLag: { ms: 500, seed: 4 } }),
      startLocalVault({ tls, auth, challengeAuthority: 'https://login.windows.net', tenantId: 'tenant-w' }),
      startLocalVault({ tls, auth, log: (line) => port443Log.push(line) }),
    ]);
    try {
      writeFileSync(join(dir, 'knobs-ca.pem'), tls.caPem);
      const [sparse, lag, windows, port443] = vaults;
      const result = await runPython('python_knobs.py', {
        SPARSE_URL: sparse!.url,
        LAG_URL: lag!.url,
        WINDOWS_URL: windows!.url,
        PORT443_PORT: String(port443!.port),
        VAULT_TOKEN: 'py-knobs',
        VAULT_CA: join(dir, 'knobs-ca.pem'),
      });
      expect(result.ok).toBe(true);
      expect(result.sparse_pages).toBeGreaterThan(10);
      // Python keys its challenge cache by host with :443 dropped: the :443 page request was not challenged again.
      expect(port443Log.filter((line) => / 401 /.test(line))).toHaveLength(1);
      expect(port443Log.filter((line) => /^GET \/secrets 200 /.test(line))).toHaveLength(2);
    } finally {
      await Promise.all(vaults.map((v) => v.stop()));
    }
  });
});

/** Runs a script beside this file with the system Python; returns its last stdout line, parsed. */
async function runPython(
  name: string,
  env: Record<string, string>,
): Promise<{ ok?: boolean; api_version?: string; sparse_pages?: number }> {
  const script = join(import.meta.dirname, name);
  const { stdout, stderr, code } = await new Promise<{
    stdout: string;
    stderr: string;
    code: number | null;
  }>((resolve) => {
    execFile(
      PYTHON,
      [script],
      { env: { PATH: process.env.PATH, ...env }, timeout: 60_000 },
      (error, out, err) =>
        resolve({ stdout: out, stderr: err, code: error ? ((error as { code?: number }).code ?? 1) : 0 }),
    );
  });
  expect(stderr, stdout).not.toMatch(/Traceback/);
  expect(code, stdout + stderr).toBe(0);
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
    ok?: boolean;
    api_version?: string;
    sparse_pages?: number;
  };
}
