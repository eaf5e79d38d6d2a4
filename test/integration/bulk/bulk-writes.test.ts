import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { SecretClient } from '@azure/keyvault-secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkProgress } from '../../../electron/contract';
import { createBulkRunner, type BulkRunner } from '../../../electron/core/bulk/bulk-runner';
import {
  bulkWriteRunner,
  describeBulkWriteFailure,
  type BulkWriteItem,
} from '../../../electron/core/bulk/bulk-writes';
import { describeBulkItemFailure } from '../../../electron/core/bulk/bulk-items';
import { failure } from '../../../electron/core/errors/kluis-failure';
import { createOperationRunner } from '../../../electron/core/operations/operation-runner';
import { createSecretOperations } from '../../../electron/core/operations/secret-operations';
import type { ClipboardGuard } from '../../../electron/core/secrets/clipboard-guard';
import { createSecretsService } from '../../../electron/core/secrets/secrets-service';
import { defaultSettings } from '../../../electron/core/settings/settings-schema';
import type { SettingsState } from '../../../electron/core/settings/settings-state';
import { unconfiguredFileDialogs } from '../../../electron/core/files/value-file-writer';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault';
import { collect, sdkClient } from '../local-vault/helpers';

/**
 * Write jobs (promote, import) over the real SDK and the real local vault, each item run as core's own
 * secrets.set / deleted.recover under the operation runner, as kluis-core.ts wires them.
 */
describe('bulk write jobs against the local vault', () => {
  let vault: RunningLocalVault;
  let other: SecretClient;
  let bulk: BulkRunner;
  let losePutsOf: Set<string>;
  const lost: string[] = [];
  const events: BulkProgress[] = [];

  /** Loses the answer of the first PUT of each named secret after the vault stored it (the connection broke). */
  const losePut: PipelinePolicy = {
    name: 'testLosePutResponse',
    async sendRequest(request, next) {
      const response = await next(request);
      const name = /\/secrets\/([^/?]+)/.exec(new URL(request.url).pathname)?.[1];
      if (request.method === 'PUT' && response.status === 200 && name && losePutsOf.delete(name)) {
        lost.push(name);
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      return response;
    },
  };

  beforeAll(async () => {
    vault = await startLocalVault({});
    other = sdkClient(vault);
    losePutsOf = new Set();
    const client = sdkClient(vault, { additionalPolicies: [{ policy: losePut, position: 'perRetry' }] });
    const secrets = createSecretsService(async () => client);
    const runner = createOperationRunner({
      onRetrying: () => undefined,
      supervised: (_vaultId, _mode, run) => run(),
      forgetReadAhead: (id) => secrets.forgetReadAhead(id),
      recordCall: () => undefined,
    });
    const settings = { get: () => defaultSettings() } as unknown as SettingsState;
    const ops = runner.wrap(
      createSecretOperations({
        settings,
        secrets,
        clipboardGuard: {} as ClipboardGuard,
        fileDialogs: unconfiguredFileDialogs,
      }),
    );
    bulk = createBulkRunner({
      runItem: async () => undefined,
      describe: describeBulkItemFailure,
      runWrite: bulkWriteRunner(ops, (vaultId, name, version) =>
        runner.runOnVault(vaultId, 'secrets.get', 'read', async () => {
          return (await secrets.get({ vaultId, name, ...(version ? { version } : {}) })).value;
        }),
      ),
      describeWrite: describeBulkWriteFailure,
      emit: (p) => events.push(p),
    });
  });
  afterAll(async () => {
    await bulk?.dispose();
    await vault?.stop();
  });

  const versions = async (name: string) => (await collect(other.listPropertiesOfSecretVersions(name))).length;
  const run = async (items: BulkWriteItem[]) => {
    const { jobId } = bulk.startWrites({ vaultId: 'target', items });
    const final = await bulk.settled(jobId);
    return Object.fromEntries((final?.results ?? []).map((r) => [r.name, r]));
  };
  const value =
    (v: string, extra: Partial<Awaited<ReturnType<BulkWriteItem['read']>>> = {}) =>
    async () => ({ value: v, ...extra });

  it('copies, writes new versions, recovers then updates, and skips, each as chosen', async () => {
    await other.setSecret('nv', 'old');
    await other.setSecret('gone', 'before');
    await (await other.beginDeleteSecret('gone')).pollUntilDone();
    await other.setSecret('left-alone', 'keep');
    const results = await run([
      { name: 'fresh', mode: 'copy', read: value('one', { contentType: 'text/plain', tags: { team: 'a' } }) },
      { name: 'nv', mode: 'new-version', read: value('two') },
      { name: 'gone', mode: 'recover-then-update', read: value('three') },
      { name: 'left-alone', mode: 'skip', read: value('never') },
    ]);
    expect(results.fresh).toMatchObject({ ok: true, outcome: 'created' });
    expect(results.nv).toMatchObject({ ok: true, outcome: 'new-version' });
    expect(results.gone).toMatchObject({ ok: true, outcome: 'recovered' });
    expect(results['left-alone']).toEqual({ name: 'left-alone', ok: true, outcome: 'skipped' });

    const fresh = await other.getSecret('fresh');
    expect([fresh.value, fresh.properties.contentType, fresh.properties.tags]).toEqual([
      'one',
      'text/plain',
      { team: 'a' },
    ]);
    expect(fresh.properties.version).toBe(results.fresh?.version);
    expect((await other.getSecret('nv')).value).toBe('two');
    expect(await versions('nv')).toBe(2);
    expect((await other.getSecret('gone')).value).toBe('three');
    expect(await versions('gone')).toBe(2);
    expect((await other.getSecret('left-alone')).value).toBe('keep');
  });

  it('refuses a copy onto a name that exists now, and a new version over a version that moved on', async () => {
    await other.setSecret('taken', 'theirs');
    const moved = await other.setSecret('moved', 'v1');
    await other.setSecret('moved', 'v2');
    const results = await run([
      { name: 'taken', mode: 'copy', read: value('ours') },
      { name: 'moved', mode: 'new-version', expectedVersion: moved.properties.version, read: value('ours') },
    ]);
    expect(results.taken?.ok).toBe(false);
    expect(results.taken?.error).toMatch(/exists in the target vault now/);
    expect(results.moved?.ok).toBe(false);
    expect(results.moved?.error).toMatch(/saved a new version/);
    expect((await other.getSecret('taken')).value).toBe('theirs');
    expect((await other.getSecret('moved')).value).toBe('v2');
  });

  it('a write whose answer was lost after the vault stored it is found, not written twice', async () => {
    await other.setSecret('lost-nv', 'old');
    losePutsOf = new Set(['lost-copy', 'lost-nv']);
    lost.length = 0;
    const results = await run([
      { name: 'lost-copy', mode: 'copy', read: value('copied') },
      { name: 'lost-nv', mode: 'new-version', read: value('newer') },
    ]);
    expect(lost.sort()).toEqual(['lost-copy', 'lost-nv']);
    expect(results['lost-copy']).toMatchObject({ ok: true, outcome: 'created' });
    expect(results['lost-nv']).toMatchObject({ ok: true, outcome: 'new-version' });
    expect(await versions('lost-copy')).toBe(1);
    expect(await versions('lost-nv')).toBe(2);
    expect((await other.getSecret('lost-nv')).properties.version).toBe(results['lost-nv']?.version);
  });

  it("an item whose value cannot be read fails with the reader's message; the others are written", async () => {
    const results = await run([
      {
        name: 'unreadable',
        mode: 'copy',
        read: async () => {
          throw failure('conflict', 'The value changed in the source vault after the comparison.');
        },
      },
      { name: 'readable', mode: 'copy', read: value('fine') },
    ]);
    expect(results.unreadable).toMatchObject({ ok: false, error: /changed in the source vault/ });
    expect(results.readable).toMatchObject({ ok: true });
    await expect(other.getSecret('unreadable')).rejects.toMatchObject({ statusCode: 404 });
  });
});
