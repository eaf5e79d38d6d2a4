// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AppState, Settings } from '../../../electron/contract';
import { installFakeKluis } from '../test-support/fake-kluis';
import { useAppState } from './use-app-state';

const state: AppState = {
  // Only the local vault status matters here.
  settings: { version: 1, vaults: [] } as unknown as Settings,
  notices: [],
  localVault: { state: 'running', url: 'https://127.0.0.1:1/' },
  appVersion: '0.1.0-test',
};

describe('useAppState', () => {
  it('keeps its state for a local vault status it already has, and takes a changed one', async () => {
    const { emit } = installFakeKluis({ 'app.getState': () => ({ ok: true, value: state }) });
    const { result } = renderHook(() => useAppState());
    await waitFor(() => expect(result.current.load.phase).toBe('ready'));
    const before = result.current.load;
    act(() => emit('localVault.status', { state: 'running', url: 'https://127.0.0.1:1/' }));
    expect(result.current.load).toBe(before);
    act(() => emit('localVault.status', { state: 'stopped' }));
    expect(result.current.load).toMatchObject({
      phase: 'ready',
      state: { localVault: { state: 'stopped' } },
    });
  });

  it('shows a notice that arises after start-up (app.notice) once, also when the state read already had it', async () => {
    const { emit } = installFakeKluis({ 'app.getState': () => ({ ok: true, value: state }) });
    const { result } = renderHook(() => useAppState());
    await waitFor(() => expect(result.current.load.phase).toBe('ready'));
    const notice = {
      level: 'warning' as const,
      message: "The local vault's encryption key is not protected.",
    };
    act(() => emit('app.notice', notice));
    expect(result.current.load).toMatchObject({ phase: 'ready', state: { notices: [notice] } });
    act(() => emit('app.notice', { ...notice }));
    expect(result.current.load).toMatchObject({ phase: 'ready', state: { notices: [notice] } });
  });
});
