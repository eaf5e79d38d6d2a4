import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault/index';
import { API, raw } from './helpers';

/**
 * The places where the service is less simple than a naive emulator and clients go wrong (issue 17): paging
 * shapes, the port in nextLinks, eventual consistency after deletes, recovers and purges, the challenge's
 * sign-in host. Sources are cited in electron/local-vault/README.md.
 */

interface ListPage {
  value: Array<{ id: string; recoveryId?: string }>;
  nextLink: string | null;
}

async function put(v: RunningLocalVault, name: string, value = 'v'): Promise<void> {
  const res = await raw(v, 'PUT', `/secrets/${name}?${API}`, { body: JSON.stringify({ value }) });
  expect(res.status).toBe(200);
}

/** Every page of a listing, following nextLinks to the end (at most `limit` pages). */
async function walk(
  v: RunningLocalVault,
  path: string,
  limit = 200,
): Promise<{ pages: ListPage[]; texts: string[] }> {
  const pages: ListPage[] = [];
  const texts: string[] = [];
  let next: string | null = path;
  while (next !== null && pages.length < limit) {
    const res = await raw(v, 'GET', next);
    expect(res.status, next).toBe(200);
    const page = res.json as ListPage;
    pages.push(page);
    texts.push(res.text);
    next = page.nextLink === null ? null : new URL(page.nextLink).pathname + new URL(page.nextLink).search;
  }
  return { pages, texts };
}

const namesOf = (pages: ListPage[]) =>
  pages.flatMap((p) => p.value.map((i) => (i.recoveryId ?? i.id).split('/')[4] as string));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns true (each try a real request), failing after `tries`. */
async function eventually(probe: () => Promise<boolean>, tries = 200): Promise<number> {
  for (let i = 0; i < tries; i++) {
    if (await probe()) return i;
    await sleep(25);
  }
  throw new Error('the change never became visible');
}

describe('paging like the service (default)', () => {
  let v: RunningLocalVault;
  beforeAll(async () => {
    v = await startLocalVault();
    for (const n of ['a1', 'a2', 'a3']) await put(v, n);
    await put(v, 'a1', 'second');
  });
  afterAll(() => v.stop());

  it('ends a listing that fits on its one page with "nextLink": null and no trailing empty page', async () => {
    for (const path of [`/secrets?${API}`, `/secrets?${API}&maxresults=3`]) {
      const { pages, texts } = await walk(v, path);
      expect(pages).toHaveLength(1);
      expect(namesOf(pages)).toEqual(['a1', 'a2', 'a3']);
      expect(texts[0]).toMatch(/\],"nextLink":null\}$/);
    }
    const versions = await walk(v, `/secrets/a1/versions?${API}`);
    expect(versions.pages).toHaveLength(1);
    expect(versions.pages[0]!.value).toHaveLength(2);
    expect(versions.pages[0]!.nextLink).toBeNull();
  });

  it('links on only while items remain: the page that reaches the end carries null', async () => {
    const { pages } = await walk(v, `/secrets?${API}&maxresults=2`);
    expect(pages.map((p) => [p.value.length, p.nextLink === null])).toEqual([
      [2, false],
      [1, true],
    ]);
    const versions = await walk(v, `/secrets/a1/versions?${API}&maxresults=1`);
    expect(versions.pages.map((p) => [p.value.length, p.nextLink === null])).toEqual([
      [1, false],
      [1, true],
    ]);
  });

  it('answers an empty listing with {"value":[],"nextLink":null}', async () => {
    const { texts } = await walk(v, `/deletedsecrets?${API}`);
    expect(texts).toEqual(['{"value":[],"nextLink":null}']);
  });

  it('writes the port in nextLinks as the service writes :443, while ids keep the host as addressed', async () => {
    for (const host of ['localhost', 'localhost:443']) {
      const res = await raw(v, 'GET', `/secrets?${API}&maxresults=1`, { headers: { Host: host } });
      const page = res.json as ListPage;
      expect(page.nextLink).toMatch(
        /^https:\/\/localhost:443\/secrets\?api-version=7\.6&\$skiptoken=[\w-]+&maxresults=1$/,
      );
      expect(page.value[0]!.id).toBe(
        host === 'localhost' ? 'https://localhost/secrets/a1' : 'https://localhost:443/secrets/a1',
      );
    }
    const onPort = (await raw(v, 'GET', `/secrets?${API}&maxresults=1`)).json as ListPage;
    expect(onPort.nextLink!.startsWith(`${v.url}/secrets?`)).toBe(true);
    const v6 = (await raw(v, 'GET', `/secrets?${API}&maxresults=1`, { headers: { Host: '[::1]' } }))
      .json as ListPage;
    expect(v6.nextLink!.startsWith('https://[::1]:443/secrets?')).toBe(true);
  });
});

describe('sparse paging (--paging sparse)', () => {
  const names = Array.from({ length: 60 }, (_, i) => `s${String(i).padStart(2, '0')}`);
  let v: RunningLocalVault;
  let other: RunningLocalVault;
  beforeAll(async () => {
    [v, other] = await Promise.all([
      startLocalVault({ paging: { mode: 'sparse', seed: 7 } }),
      startLocalVault({ paging: { mode: 'sparse', seed: 8 } }),
    ]);
    for (const n of names) await Promise.all([put(v, n), put(other, n)]);
  });
  afterAll(async () => {
    await Promise.all([v.stop(), other.stop()]);
  });

  it('answers empty pages that still link on, and short pages, yet lists every secret exactly once', async () => {
    const { pages } = await walk(v, `/secrets?${API}&maxresults=5`);
    expect(namesOf(pages)).toEqual(names);
    const empties = pages.filter((p) => p.value.length === 0 && p.nextLink !== null);
    expect(empties.length).toBeGreaterThan(0);
    expect(pages.some((p) => p.value.length > 0 && p.value.length < 5 && p.nextLink !== null)).toBe(true);
    // Two or more empty linked pages in a row somewhere (the recordings show runs of them).
    expect(pages.some((p, i) => p.value.length === 0 && pages[i + 1]?.value.length === 0 && p.nextLink)).toBe(
      true,
    );
    // A client that stops at the first empty page loses secrets.
    const firstEmpty = pages.findIndex((p) => p.value.length === 0);
    expect(namesOf(pages.slice(0, firstEmpty)).length).toBeLessThan(names.length);
    expect(pages[pages.length - 1]!.nextLink).toBeNull();
  });

  it('is reproducible from the seed: the same link gets the same answer, another seed other shapes', async () => {
    const a = await walk(v, `/secrets?${API}&maxresults=5`);
    const b = await walk(v, `/secrets?${API}&maxresults=5`);
    expect(b.texts).toEqual(a.texts);
    const c = await walk(other, `/secrets?${API}&maxresults=5`);
    expect(namesOf(c.pages)).toEqual(names);
    expect(c.pages.map((p) => p.value.length)).not.toEqual(a.pages.map((p) => p.value.length));
  });

  it('shapes the deleted list and the versions list the same way', async () => {
    for (const n of names.slice(0, 30)) {
      expect((await raw(v, 'DELETE', `/secrets/${n}?${API}`)).status).toBe(200);
    }
    const deleted = await walk(v, `/deletedsecrets?${API}&maxresults=4`);
    expect(namesOf(deleted.pages)).toEqual(names.slice(0, 30));
    expect(deleted.pages.some((p) => p.value.length === 0 && p.nextLink !== null)).toBe(true);
    for (let i = 0; i < 11; i++) await put(v, 's59', `v${i}`);
    const versions = await walk(v, `/secrets/s59/versions?${API}&maxresults=2`);
    expect(versions.pages.flatMap((p) => p.value)).toHaveLength(12);
    expect(versions.pages.some((p) => p.value.length === 0 && p.nextLink !== null)).toBe(true);
  });
});

describe('eventual consistency (--consistency-lag)', () => {
  let v: RunningLocalVault;
  beforeAll(async () => {
    v = await startLocalVault({ consistencyLag: { ms: 600, seed: 5 } });
  });
  afterAll(() => v.stop());

  const listed = async (path: string, name: string) =>
    namesOf((await walk(v, `${path}?${API}`)).pages).includes(name);

  it('after DELETE: deletedsecrets/x is "Deleted Secret not found" and x stays listed, for the lag only', async () => {
    await put(v, 'lagged');
    const del = await raw(v, 'DELETE', `/secrets/lagged?${API}`);
    expect(del.status).toBe(200);
    expect((del.json as { recoveryId: string }).recoveryId).toMatch(/\/deletedsecrets\/lagged$/);
    const early = await raw(v, 'GET', `/deletedsecrets/lagged?${API}`);
    expect(early.status).toBe(404);
    expect(early.json).toEqual({
      error: { code: 'SecretNotFound', message: 'Deleted Secret not found: lagged' },
    });
    expect(await listed('/secrets', 'lagged')).toBe(true);
    expect(await listed('/deletedsecrets', 'lagged')).toBe(false);
    // Recover and purge do not see it yet either.
    expect((await raw(v, 'POST', `/deletedsecrets/lagged/recover?${API}`)).status).toBe(404);
    expect((await raw(v, 'DELETE', `/deletedsecrets/lagged?${API}`)).status).toBe(404);
    // The name cannot be reused meanwhile (it is deleted, as the store knows).
    expect((await raw(v, 'PUT', `/secrets/lagged?${API}`, { body: '{"value":"x"}' })).status).toBe(409);
    const tries = await eventually(
      async () => (await raw(v, 'GET', `/deletedsecrets/lagged?${API}`)).status === 200,
    );
    expect(tries).toBeGreaterThan(0);
    expect(await listed('/secrets', 'lagged')).toBe(false);
    expect(await listed('/deletedsecrets', 'lagged')).toBe(true);
  });

  it('after recover: secrets/x is SecretNotFound and x stays in the deleted list, until the lag ends', async () => {
    const rec = await raw(v, 'POST', `/deletedsecrets/lagged/recover?${API}`);
    expect(rec.status).toBe(200);
    const early = await raw(v, 'GET', `/secrets/lagged/?${API}`);
    expect(early.status).toBe(404);
    expect((early.json as { error: { code: string } }).error.code).toBe('SecretNotFound');
    expect((await raw(v, 'GET', `/deletedsecrets/lagged?${API}`)).status).toBe(200);
    expect(await listed('/deletedsecrets', 'lagged')).toBe(true);
    expect(await listed('/secrets', 'lagged')).toBe(false);
    await eventually(async () => (await raw(v, 'GET', `/secrets/lagged/?${API}`)).status === 200);
    expect(await listed('/secrets', 'lagged')).toBe(true);
    expect(await listed('/deletedsecrets', 'lagged')).toBe(false);
  });

  it('after purge: deletedsecrets/x still answers and stays listed, until the lag ends', async () => {
    await raw(v, 'DELETE', `/secrets/lagged?${API}`);
    await eventually(async () => (await raw(v, 'GET', `/deletedsecrets/lagged?${API}`)).status === 200);
    expect((await raw(v, 'DELETE', `/deletedsecrets/lagged?${API}`)).status).toBe(204);
    expect((await raw(v, 'GET', `/deletedsecrets/lagged?${API}`)).status).toBe(200);
    expect(await listed('/deletedsecrets', 'lagged')).toBe(true);
    await eventually(async () => (await raw(v, 'GET', `/deletedsecrets/lagged?${API}`)).status === 404);
    expect(await listed('/deletedsecrets', 'lagged')).toBe(false);
    // Re-created once the purge shows.
    await put(v, 'lagged', 'again');
    expect((await raw(v, 'GET', `/secrets/lagged/?${API}`)).status).toBe(200);
  });
});

describe('the challenge names the sign-in host', () => {
  it('login.microsoftonline.com by default, or login.windows.net as older service answers do', async () => {
    const v = await startLocalVault({ challengeAuthority: 'https://login.windows.net', tenantId: 't-1' });
    try {
      const res = await raw(v, 'GET', `/secrets?${API}`, { token: null });
      expect(res.headers['www-authenticate']).toBe(
        'Bearer authorization="https://login.windows.net/t-1", resource="https://vault.azure.net"',
      );
    } finally {
      await v.stop();
    }
    await expect(startLocalVault({ challengeAuthority: 'http://login.windows.net' })).rejects.toThrow(
      /challengeAuthority/,
    );
  });
});
