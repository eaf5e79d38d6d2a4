import { describe, expect, it } from 'vitest';
import type { IndexPage, Page, SecretProperties } from '../../../electron/contract';
import { createPropertyIndex } from '../../../electron/core/dashboard/property-index';

const secret = (name: string): SecretProperties => ({
  name,
  id: `https://v/secrets/${name}`,
  vaultUrl: 'https://v/',
  tags: {},
});

function setup(pagesOf: Record<string, Array<Page<SecretProperties>> | Error>) {
  const emitted: IndexPage[] = [];
  const calls: string[] = [];
  let clock = 1_000;
  const index = createPropertyIndex({
    vaultIds: () => Object.keys(pagesOf),
    listPage: async (vaultId, token) => {
      calls.push(`${vaultId}:${token ?? ''}`);
      const pages = pagesOf[vaultId];
      if (pages instanceof Error) throw pages;
      const page = pages?.[token ? Number(token) : 0] ?? { items: [] };
      index.observe(vaultId, token, page);
      return page;
    },
    describe: (err) => ({ kind: 'forbidden', message: `no access: ${(err as Error).message}` }),
    emit: (p) => emitted.push(p),
    now: () => clock,
    reuseMs: 100,
  });
  return { index, emitted, calls, tick: (ms: number) => (clock += ms) };
}

const twoPages = [{ items: [secret('a'), secret('b')], continuationToken: '1' }, { items: [secret('c')] }];

describe('property index', () => {
  it('streams each vault page by page; a failing vault reports its error and the others finish', async () => {
    const { index, emitted } = setup({ one: twoPages, two: new Error('403') });
    expect(index.build('b1').vaultIds).toEqual(['one', 'two']);
    const result = await index.settled('b1');
    expect(emitted.filter((p) => p.vaultId === 'one').map((p) => [p.items.length, p.done])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(emitted.find((p) => p.vaultId === 'two')).toEqual({
      buildId: 'b1',
      vaultId: 'two',
      items: [],
      done: true,
      error: { kind: 'forbidden', message: 'no access: 403' },
    });
    expect(result.get('one')?.items.map((s) => s.name)).toEqual(['a', 'b', 'c']);
    expect(index.latest('two')?.error?.kind).toBe('forbidden');
  });

  it('reuses a listing observed complete, until it is forgotten or too old', async () => {
    const { index, emitted, calls, tick } = setup({ one: twoPages });
    index.observe('one', undefined, twoPages[0]!);
    index.observe('one', '1', twoPages[1]!);
    index.build('b1');
    await index.settled('b1');
    expect(calls).toEqual([]);
    expect(emitted).toEqual([
      { buildId: 'b1', vaultId: 'one', items: [secret('a'), secret('b'), secret('c')], done: true },
    ]);

    index.build('b1b', undefined, { fresh: true });
    await index.settled('b1b');
    expect(calls).toEqual(['one:', 'one:1']);
    calls.length = 0;

    index.forget('one');
    index.build('b2');
    await index.settled('b2');
    expect(calls).toEqual(['one:', 'one:1']);

    tick(101);
    index.build('b3');
    await index.settled('b3');
    expect(calls).toHaveLength(4);
  });

  it('a page that does not continue the observed walk is ignored', async () => {
    const { index, calls } = setup({ one: twoPages });
    index.observe('one', undefined, twoPages[0]!);
    index.observe('one', 'other', { items: [secret('x')] });
    index.forget('one');
    index.build('b1');
    const result = await index.settled('b1');
    expect(calls).toEqual(['one:', 'one:1']);
    expect(result.get('one')?.items.map((s) => s.name)).toEqual(['a', 'b', 'c']);
  });

  it('a walk the list stopped half-way is carried on from its next page, not listed again from the start', async () => {
    const { index, emitted, calls, tick } = setup({ one: twoPages });
    index.observe('one', undefined, twoPages[0]!);
    tick(500); // the list was closed: no page for longer than it takes
    index.build('b1');
    const result = await index.settled('b1');
    expect(calls).toEqual(['one:1']);
    expect(result.get('one')?.items.map((s) => s.name)).toEqual(['a', 'b', 'c']);
    expect(emitted.map((p) => [p.items.map((s) => s.name), p.done])).toEqual([
      [['a', 'b'], false],
      [['c'], true],
    ]);
  });

  it('limits the build to the vaults asked for, among the connected ones', () => {
    const { index } = setup({ one: twoPages, two: twoPages });
    expect(index.build('b1', ['two', 'gone']).vaultIds).toEqual(['two']);
  });
});
