// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { SecretProperties, VaultConfig } from '../../../../electron/contract';
import { installFakeKluis } from '../../test-support/fake-kluis';
import { updateIndexed, usePropertyIndex } from './index-store';
import { renderHook, act } from '@testing-library/react';

const vault = (id: string, displayName: string): VaultConfig => ({
  id,
  displayName,
  url: `https://${id}/`,
  kind: 'azure',
  auth: { method: 'azure-cli' },
  pinned: false,
});
const secret = (name: string): SecretProperties => ({
  name,
  id: `https://v/secrets/${name}`,
  vaultUrl: 'https://v/',
  tags: {},
});

describe('the shared property index store', () => {
  it("streams each vault's pages in, names their vault, ignores other builds, and reports a vault's error", async () => {
    const fake = installFakeKluis({
      'index.build': (input) => ({ ok: true, value: { vaultIds: input.vaultIds ?? [] } }),
    });
    const vaults = [vault('a', 'Prod'), vault('b', 'Dev')];
    const { result } = renderHook(() => usePropertyIndex(vaults));
    const build = fake.calls.find((c) => c.op === 'index.build');
    expect(build?.input).toMatchObject({ vaultIds: ['a', 'b'] });
    const buildId = build!.input.buildId as string;

    act(() => {
      fake.emit('index.page', { buildId, vaultId: 'a', items: [secret('one')], done: false });
      fake.emit('index.page', { buildId: 'another', vaultId: 'a', items: [secret('stray')], done: true });
      fake.emit('index.page', {
        buildId,
        vaultId: 'b',
        items: [],
        done: true,
        error: { kind: 'forbidden', message: 'Ask for list.' },
      });
    });
    expect(result.current.items.map((s) => `${s.vaultName}/${s.name}`)).toEqual(['Prod/one']);
    expect(result.current.complete).toBe(false);
    expect(result.current.vaults.find((v) => v.vaultId === 'b')?.error?.message).toBe('Ask for list.');

    act(() => fake.emit('index.page', { buildId, vaultId: 'a', items: [secret('two')], done: true }));
    expect(result.current.items.map((s) => s.name)).toEqual(['one', 'two']);
    expect(result.current.complete).toBe(true);

    act(() => updateIndexed('a', 'TWO', { contentType: 'text/plain' }));
    expect(result.current.items.find((s) => s.name === 'two')?.contentType).toBe('text/plain');

    // Refresh lists anew (fresh: the list's pages are not reused).
    act(() => result.current.refresh());
    expect(fake.calls.filter((c) => c.op === 'index.build').at(-1)?.input).toMatchObject({ fresh: true });
    expect(result.current.items).toEqual([]);
  });
});
