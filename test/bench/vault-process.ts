import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LocalVaultOptions, RunningLocalVault } from '../../electron/local-vault';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'electron/local-vault/cli.ts');

/**
 * Starts the local vault as its own process through its CLI (`npm run local-vault`), the way the issue describes
 * the benchmark's vault, so that the vault's own work (TLS, JSON, the 20 ms latency timers) runs on its own event
 * loop, as the real service's does, and not on the loop that runs core and the SDK being measured.
 * Takes the options core passes to its startLocalVault dep; the store key goes through the environment.
 */
export function startVaultProcess(options: LocalVaultOptions): Promise<RunningLocalVault> {
  const caDir = mkdtempSync(join(tmpdir(), 'kluis-bench-ca-'));
  const caFile = join(caDir, 'ca.pem');
  const args = ['--import', 'tsx', CLI, '--quiet', '--ca-out', caFile, '--host', options.host ?? '127.0.0.1'];
  args.push('--port', String(options.port ?? 0));
  if (options.auth?.mode === 'token') args.push('--auth', `token:${options.auth.token}`);
  else if (options.auth?.mode === 'any') args.push('--auth', 'any');
  else if (options.auth) throw new Error('startVaultProcess: only token and any auth are supported');
  if (options.tenantId) args.push('--tenant', options.tenantId);
  if (options.tls) {
    // Given TLS material (e.g. several vaults under one CA, so one client can trust them all).
    const write = (file: string, pem: string) => {
      writeFileSync(join(caDir, file), pem, { mode: 0o600 });
      return join(caDir, file);
    };
    args.push(
      '--tls-cert',
      write('cert.pem', options.tls.certPem),
      '--tls-key',
      write('key.pem', options.tls.keyPem),
    );
    if (options.tls.caPem) args.push('--tls-ca', write('tls-ca.pem', options.tls.caPem));
  }
  if (options.dataDir) args.push('--data-dir', options.dataDir);
  if (options.latencyMs) args.push('--latency', String(options.latencyMs));
  if (options.throttle) {
    if (options.throttle !== true)
      throw new Error('startVaultProcess: only the service limits are supported');
    args.push('--throttle');
  }
  const env = { ...process.env };
  if (options.encryptionKey) env.KLUIS_LOCAL_VAULT_KEY = options.encryptionKey.toString('base64');
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((r) =>
    child.once('exit', () => {
      rmSync(caDir, { recursive: true, force: true });
      r();
    }),
  );
  return new Promise((resolveStart, reject) => {
    let out = '';
    const onData = (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      const info = JSON.parse(out.slice(0, nl)) as { url: string; port: number; token?: string };
      resolveStart({
        url: info.url,
        port: info.port,
        caPem: readFileSync(caFile, 'utf8'),
        token: options.auth?.mode === 'token' ? options.auth.token : info.token,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`the local vault process exited (${code}): ${stderr.trim()}`)),
    );
  });
}
