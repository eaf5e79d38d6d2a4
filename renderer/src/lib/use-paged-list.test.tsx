// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Page, Result } from '../../../electron/contract';
import { mergeByKey, usePagedList } from './use-paged-list';

type Item = { name: string };
const keyOf = (item: Item) => item.name;

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('usePagedList', () => {
  it('shows the first page before the next one arrives, then appends it', async () => {
    const second = deferred<Result<Page<Item>>>();
    const tokens: Array<string | undefined> = [];
    const loadPage = async (token: string | undefined): Promise<Result<Page<Item>>> => {
      tokens.push(token);
      if (!token)
        return { ok: true, value: { items: [{ name: 'b' }, { name: 'a' }], continuationToken: 't1' } };
      return second.promise;
    };
    const { result } = renderHook(() => usePagedList(loadPage, keyOf));
    expect(result.current.phase).toBe('loading');
    await waitFor(() => expect(result.current.phase).toBe('more'));
    expect(result.current.items.map(keyOf)).toEqual(['a', 'b']);
    await act(async () => second.resolve({ ok: true, value: { items: [{ name: 'c' }] } }));
    expect(result.current.phase).toBe('done');
    expect(result.current.items.map(keyOf)).toEqual(['a', 'b', 'c']);
    expect(tokens).toEqual([undefined, 't1']);
  });

  it('keeps the rows it has when a later page fails, with the error', async () => {
    const loadPage = async (token: string | undefined): Promise<Result<Page<Item>>> =>
      token
        ? { ok: false, error: { kind: 'throttled', message: 'Too many requests; wait a minute and retry.' } }
        : { ok: true, value: { items: [{ name: 'a' }], continuationToken: 't1' } };
    const { result } = renderHook(() => usePagedList(loadPage, keyOf));
    await waitFor(() => expect(result.current.phase).toBe('failed'));
    expect(result.current.items.map(keyOf)).toEqual(['a']);
    expect(result.current.error?.kind).toBe('throttled');
  });

  it('merges local changes without duplicating rows', async () => {
    const loadPage = async (): Promise<Result<Page<Item>>> => ({
      ok: true,
      value: { items: [{ name: 'a' }] },
    });
    const { result } = renderHook(() => usePagedList(loadPage, keyOf));
    await waitFor(() => expect(result.current.phase).toBe('done'));
    act(() => result.current.upsert({ name: 'a' }));
    act(() => result.current.upsert({ name: '0' }));
    expect(result.current.items.map(keyOf)).toEqual(['0', 'a']);
    act(() => result.current.remove('a'));
    expect(result.current.items.map(keyOf)).toEqual(['0']);
  });

  it('appends pages in order, and sorts and replaces by key when a page overlaps or comes out of order', async () => {
    const pages: Record<string, Page<Item & { v?: number }>> = {
      start: { items: [{ name: 'a-1' }, { name: 'a1' }], continuationToken: 'p2' },
      p2: { items: [{ name: 'b' }, { name: 'c' }], continuationToken: 'p3' },
      p3: { items: [{ name: 'a1', v: 2 }, { name: 'a-0' }] },
    };
    const loadPage = async (token: string | undefined): Promise<Result<Page<Item & { v?: number }>>> => ({
      ok: true,
      value: pages[token ?? 'start']!,
    });
    const { result } = renderHook(() => usePagedList(loadPage, keyOf));
    await waitFor(() => expect(result.current.phase).toBe('done'));
    // Code-unit order, as the service lists: '-' before digits before letters.
    expect(result.current.items.map(keyOf)).toEqual(['a-0', 'a-1', 'a1', 'b', 'c']);
    expect(result.current.items.find((i) => i.name === 'a1')).toEqual({ name: 'a1', v: 2 });
  });
});

describe('mergeByKey', () => {
  const lower = (name: string) => name.toLowerCase();
  /** Code-unit order of the lower-cased keys, as the service lists. */
  const byKey = (a: string, b: string) => (lower(a) < lower(b) ? -1 : lower(a) > lower(b) ? 1 : 0);
  const names = [
    'a',
    'a-1',
    'A0',
    'aB',
    'a-',
    'Key-10',
    'key-9',
    'z',
    '',
    'İx',
    'i',
    'ÄB',
    'äa',
    'a_b',
    'a[b',
  ];

  it('keeps names in key order whichever order they arrive in, each key once', () => {
    const sorted = [...names].sort(byKey);
    for (let shift = 0; shift < names.length; shift++) {
      const arrival = [...names.slice(shift), ...names.slice(0, shift)];
      let items: string[] = [];
      for (const name of arrival) items = mergeByKey(items, [name], lower);
      // The same keys again (other casing) replace, never duplicate.
      items = mergeByKey(
        items,
        arrival.map((n) => n.toUpperCase()),
        lower,
      );
      expect(items.map(lower), `arriving from ${shift}`).toEqual(sorted.map(lower));
    }
  });

  it('appends a page that follows in order, merges one that does not, and keeps the array for an empty page', () => {
    const items = mergeByKey<string>([], ['a', 'b'], lower);
    expect(mergeByKey(items, [], lower)).toBe(items);
    expect(mergeByKey(items, ['c', 'D'], lower)).toEqual(['a', 'b', 'c', 'D']);
    expect(mergeByKey(items, ['B', 'c'], lower)).toEqual(['a', 'B', 'c']);
  });
});
