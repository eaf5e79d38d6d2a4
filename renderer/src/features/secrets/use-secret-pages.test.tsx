// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Page, Result, SecretProperties } from '../../../../electron/contract';
import { COMMIT_EVERY_MS, startSecretPages, useSecretPages, type SecretPageLoader } from './use-secret-pages';

const secret = (name: string): SecretProperties => ({
  name,
  id: `https://kv.vault.azure.net/secrets/${name}`,
  vaultUrl: 'https://kv.vault.azure.net',
  enabled: true,
  tags: {},
});
const page = (names: string[], continuationToken?: string): Result<Page<SecretProperties>> => ({
  ok: true,
  value: { items: names.map(secret), ...(continuationToken ? { continuationToken } : {}) },
});

/** A loader whose pages the test answers one by one, recording each request as it is made. */
function manualLoader() {
  const asked: Array<{
    vaultId: string;
    token?: string;
    answer: (r: Result<Page<SecretProperties>>) => void;
  }> = [];
  const load: SecretPageLoader = (vaultId, token) =>
    new Promise((resolve) => asked.push({ vaultId, ...(token ? { token } : {}), answer: resolve }));
  return { load, asked, tokens: () => asked.map((a) => a.token) };
}

const names = (items: SecretProperties[]) => items.map((s) => s.name);

afterEach(() => {
  vi.useRealTimers();
});

describe('useSecretPages', () => {
  it('shows the first page at once and asks for the next before rendering this one', async () => {
    const l = manualLoader();
    const { result } = renderHook(() => useSecretPages('v1', l.load));
    expect(result.current.phase).toBe('loading');
    await waitFor(() => expect(l.asked).toHaveLength(1));
    await act(async () => l.asked[0]!.answer(page(['a', 'b'], 't1')));
    expect(names(result.current.items)).toEqual(['a', 'b']);
    expect(result.current.phase).toBe('more');
    expect(l.tokens()).toEqual([undefined, 't1']);
    await act(async () => l.asked[1]!.answer(page(['c'])));
    expect(names(result.current.items)).toEqual(['a', 'b', 'c']);
    expect(result.current.phase).toBe('done');
  });

  it('shows later pages together, at most every COMMIT_EVERY_MS, and the last one at once', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: false });
    const l = manualLoader();
    const { result } = renderHook(() => useSecretPages('v1', l.load));
    await vi.waitFor(() => expect(l.asked).toHaveLength(1));
    await act(async () => l.asked[0]!.answer(page(['a'], 't1')));
    await act(async () => l.asked[1]!.answer(page(['b'], 't2')));
    await act(async () => l.asked[2]!.answer(page(['c'], 't3')));
    // Both pages were requested on arrival of their predecessor, but not yet shown.
    expect(l.tokens()).toEqual([undefined, 't1', 't2', 't3']);
    expect(names(result.current.items)).toEqual(['a']);
    await act(async () => vi.advanceTimersByTime(COMMIT_EVERY_MS));
    expect(names(result.current.items)).toEqual(['a', 'b', 'c']);
    await act(async () => l.asked[3]!.answer(page(['d'])));
    expect(names(result.current.items)).toEqual(['a', 'b', 'c', 'd']);
    expect(result.current.phase).toBe('done');
  });

  it('keeps the rows it has when a later page fails, with the error', async () => {
    const l = manualLoader();
    const { result } = renderHook(() => useSecretPages('v1', l.load));
    await waitFor(() => expect(l.asked).toHaveLength(1));
    await act(async () => l.asked[0]!.answer(page(['a'], 't1')));
    await act(async () =>
      l.asked[1]!.answer({ ok: false, error: { kind: 'throttled', message: 'Too many requests.' } }),
    );
    expect(result.current.phase).toBe('failed');
    expect(result.current.error?.kind).toBe('throttled');
    expect(names(result.current.items)).toEqual(['a']);
  });

  it('uses a first page asked for at the click, once; a reload asks again', async () => {
    const l = manualLoader();
    startSecretPages('v1', l.load);
    expect(l.asked).toHaveLength(1);
    const { result } = renderHook(() => useSecretPages('v1', l.load));
    await act(async () => l.asked[0]!.answer(page(['a'])));
    expect(names(result.current.items)).toEqual(['a']);
    expect(l.asked).toHaveLength(1); // the hook did not ask for page one again
    act(() => result.current.reload());
    await waitFor(() => expect(l.asked).toHaveLength(2));
    await act(async () => l.asked[1]!.answer(page(['a', 'b'])));
    expect(names(result.current.items)).toEqual(['a', 'b']);
  });

  it('merges local changes with pages that arrive later, without duplicates', async () => {
    const l = manualLoader();
    const { result } = renderHook(() => useSecretPages('v1', l.load));
    await waitFor(() => expect(l.asked).toHaveLength(1));
    await act(async () => l.asked[0]!.answer(page(['a', 'c'], 't1')));
    act(() => result.current.upsert(secret('B')));
    act(() => result.current.upsert(secret('z')));
    await act(async () => l.asked[1]!.answer(page(['d', 'z'])));
    expect(names(result.current.items)).toEqual(['a', 'B', 'c', 'd', 'z']);
    act(() => result.current.remove('b'));
    expect(names(result.current.items)).toEqual(['a', 'c', 'd', 'z']);
  });
});
