import { describe, expect, it, vi } from 'vitest';
import { buildKluisApi, type Transport } from '../../../electron/preload/api-builder';
import { allOperations } from '../../../electron/contract';

function fakeTransport() {
  const invoke = vi.fn<Transport['invoke']>(async () => ({ ok: true, value: null }));
  const on = vi.fn<Transport['on']>(() => () => undefined);
  return { invoke, on };
}

describe('buildKluisApi', () => {
  it('exposes one named method per operation and nothing generic', () => {
    const api = buildKluisApi(fakeTransport()) as unknown as Record<string, Record<string, unknown>>;
    for (const [group, method] of allOperations()) {
      expect(typeof api[group]?.[method], `${group}.${method}`).toBe('function');
    }
    expect(Object.keys(api).sort()).toEqual([...new Set(allOperations().map(([g]) => g)), 'events'].sort());
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });

  it('sends each call on its own channel with its input', async () => {
    const t = fakeTransport();
    const api = buildKluisApi(t);
    await api.secrets.get({ vaultId: 'v', name: 'n' });
    await api.app.getState();
    expect(t.invoke).toHaveBeenNthCalledWith(1, 'kluis:secrets.get', { vaultId: 'v', name: 'n' });
    expect(t.invoke).toHaveBeenNthCalledWith(2, 'kluis:app.getState', {});
  });

  it('subscribes only to known events', () => {
    const t = fakeTransport();
    const api = buildKluisApi(t);
    api.events.on('localVault.status', () => undefined);
    expect(t.on).toHaveBeenCalledWith('kluis-event:localVault.status', expect.any(Function));
    expect(() => api.events.on('nope' as 'localVault.status', () => undefined)).toThrow(/Unknown event/);
  });
});
