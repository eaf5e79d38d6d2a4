import { describe, expect, it, vi } from 'vitest';
import { allOperations, channelOf, type Result } from '../../../electron/contract';
import {
  createHandlerRegistry,
  type KluisImplementation,
  type SenderInfo,
} from '../../../electron/core/operations/handler-registry';
import { failure } from '../../../electron/core/errors/kluis-failure';

const trusted: SenderInfo = { webContentsId: 1, isMainFrame: true, url: 'file:///app/index.html' };
const isTrusted = (s: SenderInfo) => s.webContentsId === 1 && s.isMainFrame;

/** An implementation whose every method records its input and answers with a marker. */
function fakeImpl(): KluisImplementation {
  const impl: Record<string, Record<string, unknown>> = {};
  for (const [group, method] of allOperations()) {
    (impl[group] ??= {})[method] = vi.fn(async () => ({ from: `${group}.${method}` }));
  }
  return impl as unknown as KluisImplementation;
}

const VAULT = 'v1';

describe('handler registry', () => {
  it('has a handler for every contract operation', () => {
    const registry = createHandlerRegistry(fakeImpl(), isTrusted);
    const channels = allOperations().map(([g, m]) => channelOf(g, m));
    expect([...registry.keys()].sort()).toEqual(channels.sort());
  });

  it('passes parsed input to the implementation and wraps the result', async () => {
    const impl = fakeImpl();
    const registry = createHandlerRegistry(impl, isTrusted);
    const result = await registry.get(channelOf('secrets', 'set'))!(trusted, {
      vaultId: VAULT,
      name: 'db-password',
      value: 'hunter2',
      tags: { env: 'prod' },
    });
    expect(result).toEqual({ ok: true, value: { from: 'secrets.set' } });
    expect(impl.secrets.set).toHaveBeenCalledWith({
      vaultId: VAULT,
      name: 'db-password',
      value: 'hunter2',
      tags: { env: 'prod' },
    });
  });

  it('treats a missing input as an empty object', async () => {
    const registry = createHandlerRegistry(fakeImpl(), isTrusted);
    expect(await registry.get(channelOf('app', 'getState'))!(trusted, undefined)).toMatchObject({ ok: true });
  });

  it('refuses an untrusted sender without calling the implementation', async () => {
    const impl = fakeImpl();
    const registry = createHandlerRegistry(impl, isTrusted);
    for (const sender of [
      { ...trusted, isMainFrame: false },
      { ...trusted, webContentsId: 2 },
    ]) {
      const result = await registry.get(channelOf('secrets', 'get'))!(sender, { vaultId: VAULT, name: 'x' });
      expect(result).toMatchObject({ ok: false, error: { kind: 'sender-refused' } });
    }
    expect(impl.secrets.get).not.toHaveBeenCalled();
  });

  it('turns schema failures into invalid-input with the field, never quoting the input', async () => {
    const impl = fakeImpl();
    const registry = createHandlerRegistry(impl, isTrusted);
    const set = registry.get(channelOf('secrets', 'set'))!;
    const badName = (await set(trusted, {
      vaultId: VAULT,
      name: 'bad name!',
      value: 'hunter2',
    })) as Result<unknown>;
    expect(badName).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'name' } });
    if (!badName.ok) expect(badName.error.message).toMatch(/letters, digits and dashes/);

    const tooLong = 'x'.repeat(25_601);
    const longValue = (await set(trusted, { vaultId: VAULT, name: 'n', value: tooLong })) as Result<unknown>;
    expect(longValue).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'value' } });
    expect(JSON.stringify(longValue)).not.toContain('xxxxxxxx');

    const wrongType = (await set(trusted, { vaultId: VAULT, name: 'n', value: 42 })) as Result<unknown>;
    expect(wrongType).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'value' } });

    const extra = (await set(trusted, {
      vaultId: VAULT,
      name: 'n',
      value: 'hunter2',
      sneaky: 'hunter2',
    })) as Result<unknown>;
    expect(extra).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'sneaky' } });
    expect(JSON.stringify(extra)).not.toContain('hunter2');

    const notObject = await set(trusted, 'hunter2');
    expect(notObject).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(JSON.stringify(notObject)).not.toContain('hunter2');
    expect(impl.secrets.set).not.toHaveBeenCalled();
  });

  it('reports nested fields as a dotted path', async () => {
    const registry = createHandlerRegistry(fakeImpl(), isTrusted);
    const result = await registry.get(channelOf('vaults', 'add'))!(trusted, {
      vault: 'my-vault',
      auth: { method: 'magic' },
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'auth.method' } });
  });

  it('maps thrown errors to KluisErrors and never throws', async () => {
    const impl = fakeImpl();
    impl.secrets.get = vi.fn(async () => {
      throw failure('disabled', 'The secret is disabled.');
    });
    impl.secrets.delete = vi.fn(async () => {
      throw Object.assign(new Error('Not found hunter2'), {
        name: 'RestError',
        statusCode: 404,
        code: 'SecretNotFound',
      });
    });
    impl.secrets.listPage = vi.fn(async () => {
      throw new Error('boom with hunter2');
    });
    const log = vi.fn();
    const registry = createHandlerRegistry(impl, isTrusted, {
      log,
      errorContext: () => ({ authMethod: 'azure-cli' }),
    });
    expect(await registry.get(channelOf('secrets', 'get'))!(trusted, { vaultId: VAULT, name: 'x' })).toEqual({
      ok: false,
      error: { kind: 'disabled', message: 'The secret is disabled.' },
    });
    const deleted = await registry.get(channelOf('secrets', 'delete'))!(trusted, {
      vaultId: VAULT,
      name: 'gone',
    });
    expect(deleted).toMatchObject({ ok: false, error: { kind: 'not-found', status: 404 } });
    const internal = await registry.get(channelOf('secrets', 'listPage'))!(trusted, { vaultId: VAULT });
    expect(internal).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('hunter2');
    expect(JSON.stringify(log.mock.calls)).not.toContain('hunter2');
  });

  it('refuses to build when an operation is missing', () => {
    const impl = fakeImpl() as unknown as Record<string, Record<string, unknown>>;
    delete impl.deleted!.purge;
    expect(() => createHandlerRegistry(impl as unknown as KluisImplementation, isTrusted)).toThrow(
      /deleted\.purge/,
    );
  });
});
