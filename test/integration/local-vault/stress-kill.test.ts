import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exitOf, put, startCli } from './cli-process';
import { API, raw } from './helpers';

/**
 * Durability under stress: several concurrent writers, SIGKILL at a random moment, restart on the same data,
 * round after round. Every write acknowledged in any round must be there afterwards, and the store must always
 * start again. `npm test` runs a few rounds; `npm run test:stress` runs the full count.
 */
const ROUNDS = process.env.npm_lifecycle_event === 'test:stress' ? 20 : 3;
const WRITERS = 8;

/** Seeded, so a failing round can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const base = mkdtempSync(join(tmpdir(), 'kluis-stress-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe(`local vault under SIGKILL (${ROUNDS} rounds)`, () => {
  it(
    'never loses an acknowledged write and always starts again',
    async () => {
      const dataDir = join(base, 'vault');
      const key = randomBytes(32);
      const random = prng(Number(process.env.KLUIS_STRESS_SEED ?? 4242));
      const acked = new Map<string, string>();

      for (let round = 0; round < ROUNDS; round++) {
        const cli = await startCli(dataDir, key);
        const ca = readFileSync(join(base, 'ca.pem'), 'utf8');
        const agent = new Agent({ keepAlive: true, maxSockets: WRITERS });
        let stop = false;
        const writer = async (w: number) => {
          for (let i = 0; !stop; i++) {
            // Overwrite a few names (new versions) and create new ones, as real use does.
            const name = random() < 0.3 ? `hot-${w}` : `r${round}-w${w}-${i}`;
            const value = `stress-${round}-${w}-${i}`;
            try {
              if ((await put(agent, cli.info, ca, name, value)) === 200) acked.set(name, value);
            } catch {
              return; // killed under us
            }
          }
        };
        const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
        await new Promise((r) => setTimeout(r, 50 + Math.floor(random() * 400)));
        cli.child.kill('SIGKILL');
        stop = true;
        await Promise.all(writers);
        await exitOf(cli.child);
        agent.destroy();
      }

      // One last start: everything acknowledged in any round is there, with its last acknowledged value or a
      // later one from a write that was in flight at a kill.
      const last = await startCli(dataDir, key);
      try {
        const ca = readFileSync(join(base, 'ca.pem'), 'utf8');
        const v = { url: last.info.url, port: last.info.port, token: last.info.token, caPem: ca };
        const lost: string[] = [];
        for (const [name, value] of acked) {
          const res = await raw({ ...v, stop: async () => undefined }, 'GET', `/secrets/${name}/?${API}`);
          if (res.status !== 200) lost.push(`${name}: ${res.status}`);
          else if (!name.startsWith('hot-')) expect((res.json as { value: string }).value).toBe(value);
        }
        expect(lost).toEqual([]);
        expect(acked.size).toBeGreaterThan(ROUNDS * 10);
      } finally {
        last.child.kill('SIGTERM');
        expect(await exitOf(last.child)).toBe(0);
      }
    },
    ROUNDS * 15_000 + 30_000,
  );
});
