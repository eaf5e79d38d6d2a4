import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault/index';

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
    const script = join(import.meta.dirname, 'python_client.py');
    const { stdout, stderr, code } = await new Promise<{
      stdout: string;
      stderr: string;
      code: number | null;
    }>((resolve) => {
      execFile(
        PYTHON,
        [script],
        {
          env: {
            PATH: process.env.PATH,
            VAULT_URL: vault.url,
            VAULT_TOKEN: vault.token,
            VAULT_CA: join(dir, 'ca.pem'),
          },
          timeout: 60_000,
        },
        (error, out, err) =>
          resolve({ stdout: out, stderr: err, code: error ? ((error as { code?: number }).code ?? 1) : 0 }),
      );
    });
    expect(stderr, stdout).not.toMatch(/Traceback/);
    expect(code, stdout + stderr).toBe(0);
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
      ok?: boolean;
      api_version?: string;
    };
    expect(result.ok).toBe(true);
    expect(result.api_version).toMatch(/^7\./);
  });
});
