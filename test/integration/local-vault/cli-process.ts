import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request as httpsRequest } from 'node:https';
import { join, resolve } from 'node:path';
import { API } from './helpers';

/** The local vault's CLI as a separate process, for tests that kill it. */
export const ROOT = resolve(import.meta.dirname, '../../..');
export const CLI = join(ROOT, 'electron/local-vault/cli.ts');

export interface Cli {
  child: ChildProcess;
  info: { url: string; port: number; token: string; ca: string };
  stderr: () => string;
}

/** Starts the CLI as a separate process and waits for its JSON start line. */
export function startCli(dataDir: string, key: Buffer, extra: string[] = []): Promise<Cli> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CLI,
      '--data-dir',
      dataDir,
      '--ca-out',
      join(dataDir, '..', 'ca.pem'),
      '--auth',
      'token:durable',
      '--quiet',
      ...extra,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, KLUIS_LOCAL_VAULT_KEY: key.toString('base64') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolveStart, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0)
        resolveStart({ child, info: JSON.parse(out.slice(0, nl)) as Cli['info'], stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`local vault exited (${code}): ${err}`)));
  });
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((r) =>
    child.exitCode !== null ? r(child.exitCode) : child.on('exit', (code) => r(code)),
  );
}

export function put(
  agent: Agent,
  info: Cli['info'],
  ca: string,
  name: string,
  value: string,
): Promise<number> {
  return new Promise((resolveReq, reject) => {
    const body = JSON.stringify({ value });
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: info.port,
        method: 'PUT',
        path: `/secrets/${name}?${API}`,
        agent,
        ca,
        headers: {
          Authorization: 'Bearer durable',
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolveReq(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
