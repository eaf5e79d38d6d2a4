import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './cli-process';
import { API, raw } from './helpers';

/** How the standalone local vault takes its token without showing it in `ps`, and whom it lets in (issue 14). */

const dir = mkdtempSync(join(tmpdir(), 'kluis-cli-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  info: { url: string; port: number; token: string | null };
  stderr: () => string;
}

/** Runs the CLI; resolves once it printed its JSON line, or with its exit code and stderr if it exited first. */
function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<Started | { code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/local-vault/cli.ts', '--quiet', ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, KLUIS_LOCAL_VAULT_TOKEN: '', KLUIS_LOCAL_VAULT_KEY: '', ...env },
    },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0)
        resolve({ child, info: JSON.parse(out.slice(0, nl)) as Started['info'], stderr: () => err });
    });
    child.on('exit', (code) => resolve({ code, stderr: err }));
  });
}

async function stop(s: Started): Promise<void> {
  const exited = new Promise((r) => s.child.on('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

function started(r: Awaited<ReturnType<typeof run>>): Started {
  if (!('info' in r)) throw new Error(`the local vault exited (${r.code}): ${r.stderr}`);
  return r;
}

describe('local vault CLI token sources', () => {
  it('takes the token from --token-file: it is not on the command line, and it is the one accepted', async () => {
    const file = join(dir, 'token');
    writeFileSync(file, 'from-a-file\n', { mode: 0o600 });
    const ca = join(dir, 'ca-file.pem');
    const s = started(await run(['--token-file', file, '--ca-out', ca]));
    try {
      expect(s.info.token).toBe('from-a-file');
      // What `ps` shows: the process's argv.
      expect(readFileSync(`/proc/${s.child.pid}/cmdline`, 'utf8')).not.toContain('from-a-file');
      const vault = {
        url: s.info.url,
        port: s.info.port,
        caPem: readFileSync(ca, 'utf8'),
        token: 'from-a-file',
        stop: async () => undefined,
      };
      expect((await raw(vault, 'GET', `/secrets?${API}`)).status).toBe(200);
      expect((await raw(vault, 'GET', `/secrets?${API}`, { token: 'other' })).status).toBe(401);
      expect(s.stderr()).not.toMatch(/warning/);
    } finally {
      await stop(s);
    }
  });

  it('takes the token from KLUIS_LOCAL_VAULT_TOKEN, and warns when it is given as --auth token:VALUE', async () => {
    const fromEnv = started(await run([], { KLUIS_LOCAL_VAULT_TOKEN: 'from-the-env' }));
    expect(fromEnv.info.token).toBe('from-the-env');
    await stop(fromEnv);
    const onCommandLine = started(await run(['--auth', 'token:visible']));
    try {
      expect(onCommandLine.info.token).toBe('visible');
      expect(onCommandLine.stderr()).toMatch(/warning: --auth token:VALUE shows the token .*--token-file/);
    } finally {
      await stop(onCommandLine);
    }
  });

  it('refuses --auth any on a non-loopback --host unless --insecure-any-token-on-network is given', async () => {
    const refused = await run(['--auth', 'any', '--host', '0.0.0.0']);
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toMatch(
      /auth "any" accepts every bearer token.*--insecure-any-token-on-network/,
    );
    const forced = started(
      await run(['--auth', 'any', '--host', '0.0.0.0', '--insecure-any-token-on-network']),
    );
    expect(forced.info.token).toBeNull();
    await stop(forced);
  });
});
