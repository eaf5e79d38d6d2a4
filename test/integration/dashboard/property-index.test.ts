import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySecret, DAY_MS, type IndexPage } from '../../../electron/contract';
import { startVaults } from './multi-vault';

/**
 * index.build over three real local vaults through a real core: pages stream per vault, a vault that cannot be
 * reached reports its error while the others still answer, no value is read, and a vault the secrets list has just
 * listed is answered from those pages without listing it again.
 */
describe('property index across several vaults', () => {
  let w: Awaited<ReturnType<typeof startVaults>>;
  const now = Date.now();

  beforeAll(async () => {
    w = await startVaults(3);
    // 60 secrets in vault 0 (three pages), a handful in vault 1; vault 2 is stopped before the builds.
    const a = w.clientOf(0);
    for (let i = 0; i < 60; i++) {
      await a.setSecret(`a-${String(i).padStart(2, '0')}`, `value-${i}`, {
        contentType: 'text/plain',
        expiresOn: new Date(now + (i < 5 ? -DAY_MS : i < 10 ? 5 * DAY_MS : 200 * DAY_MS)),
      });
    }
    const b = w.clientOf(1);
    await b.setSecret('b-plain', 'x');
    await b.setSecret('b-disabled', 'x', { enabled: false, contentType: 'text/plain' });
    await b.setSecret('b-later', 'x', { notBefore: new Date(now + 3 * DAY_MS), contentType: 'text/plain' });
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('streams every vault page by page; the unreachable vault reports its error, the others still show', async () => {
    await w.servers[2]?.stop();
    const { buildId, pages } = await w.build();
    await waitFor(() => doneVaults(pages()).size === 3);
    const byVault = (i: number) => pages().filter((p) => p.vaultId === w.vaultIds[i]);

    const first = byVault(0);
    expect(first.length).toBeGreaterThanOrEqual(2); // the first page alone, then the read-ahead's batch
    expect(first[0]?.items).toHaveLength(25);
    expect(first.at(-1)?.done).toBe(true);
    expect(first.flatMap((p) => p.items.map((s) => s.name))).toHaveLength(60);

    const second = byVault(1).flatMap((p) => p.items);
    expect(second.map((s) => s.name).sort()).toEqual(['b-disabled', 'b-later', 'b-plain']);

    const failed = byVault(2);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ done: true, items: [], error: { kind: 'network' } });
    expect(failed[0]?.error?.message).toMatch(/reach|connect/i);

    // Properties only: nothing an index page carries is a value.
    expect(JSON.stringify(pages())).not.toMatch(/value-\d/);
    expect(pages().every((p) => p.buildId === buildId)).toBe(true);

    const o = { now, warningDays: 30, staleDays: 365 };
    const classes = (items: IndexPage['items']) => items.flatMap((s) => classifySecret(s, o));
    const all = pages().flatMap((p) => p.items);
    expect(classes(all).filter((c) => c === 'expired')).toHaveLength(5);
    expect(classes(all).filter((c) => c === 'expiring')).toHaveLength(5);
    expect(classes(second)).toEqual(
      expect.arrayContaining(['disabled', 'not-yet-active', 'no-content-type']),
    );
  });

  it('a vault the secrets list just listed is answered from the list pages: no second listing', async () => {
    const vaultId = w.vaultIds[0] as string;
    // The list walks vault 0 the way the renderer does.
    let token: string | undefined;
    const listed: string[] = [];
    do {
      const page = await w.caller.value('secrets', 'listPage', {
        vaultId,
        ...(token ? { continuationToken: token } : {}),
      });
      listed.push(...page.items.map((s) => s.name));
      token = page.continuationToken;
    } while (token);
    expect(listed).toHaveLength(60);

    const before = listRequests(w, 0);
    expect(before).toBeGreaterThanOrEqual(3);
    const { pages } = await w.build([vaultId]);
    await waitFor(() => doneVaults(pages()).size === 1);
    expect(
      pages()
        .flatMap((p) => p.items.map((s) => s.name))
        .sort(),
    ).toEqual([...listed].sort());
    expect(listRequests(w, 0)).toBe(before);
  });

  it('after a write the vault is listed again, and the index shows the change', async () => {
    const vaultId = w.vaultIds[1] as string;
    await w.caller.value('secrets', 'updateProperties', {
      vaultId,
      name: 'b-plain',
      contentType: 'text/x-new',
    });
    const { pages } = await w.build([vaultId]);
    await waitFor(() => doneVaults(pages()).size === 1);
    const plain = pages()
      .flatMap((p) => p.items)
      .find((s) => s.name === 'b-plain');
    expect(plain?.contentType).toBe('text/x-new');
  });
});

/** Vaults whose last page (or error) arrived. */
const doneVaults = (pages: IndexPage[]) => new Set(pages.filter((p) => p.done).map((p) => p.vaultId));

/** How many listing requests reached the vault (its access log). */
function listRequests(w: Awaited<ReturnType<typeof startVaults>>, i: number): number {
  return w.logs[i]?.filter((line) => line.startsWith('GET /secrets ')).length ?? 0;
}

async function waitFor(check: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
