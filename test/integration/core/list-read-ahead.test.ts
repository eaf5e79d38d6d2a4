import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { SecretClient } from '@azure/keyvault-secrets';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, SecretProperties } from '../../../electron/contract';
import type { KluisCore } from '../../../electron/core';
import { staticTokenCredential } from '../../../electron/core/auth/credentials';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault';
import { coreCaller } from '../../support/core-caller';
import { startTestCore } from '../../support/start-test-core';

/**
 * secrets.listPage reads the next pages ahead (electron/core/secrets/list-read-ahead.ts). Core over the real local vault,
 * whose request log shows what reached it: one GET per page, and no page read before a write answering after it.
 */
const COUNT = 60; // pages of 25, 25 and 10; the last one carries "nextLink": null, as the service's does
const name = (i: number) => `item-${String(i).padStart(2, '0')}`;

describe('listing read-ahead against the local vault', () => {
  let userDataDir: string;
  let core: KluisCore;
  let handle: RunningLocalVault | undefined;
  let vaultId: string;
  let caller: ReturnType<typeof coreCaller>;
  const requests: string[] = [];
  const events: Array<{ name: EventName; payload: unknown }> = [];
  /** Page requests still to break before they are sent (a test sets it). */
  let breakPageRequests = 0;
  const breakPages: PipelinePolicy = {
    name: 'testBreakPageRequests',
    async sendRequest(request, next) {
      if (request.method === 'GET' && request.url.includes('$skiptoken') && breakPageRequests > 0) {
        breakPageRequests--;
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      return next(request);
    },
  };

  /** GETs of the listing itself (/secrets?…), as the local vault logged them. */
  const listGets = () => requests.filter((line) => line.startsWith('GET /secrets ')).length;
  const list = (continuationToken?: string) =>
    caller.value('secrets', 'listPage', { vaultId, ...(continuationToken ? { continuationToken } : {}) });
  const names = (items: SecretProperties[]) => items.map((s) => s.name);

  beforeAll(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'kluis-read-ahead-'));
    ({ core } = await startTestCore({
      userDataDir,
      onEvent: (name, payload) => events.push({ name, payload }),
      startLocalVault: async (options) => {
        handle = await startLocalVault({ ...options, log: (line) => requests.push(line) });
        return handle;
      },
      testPolicies: [{ position: 'perRetry', policy: breakPages }],
    }));
    caller = coreCaller(core.handlers);
    vaultId = (await caller.value('localVault', 'open', {})).id;
    // Seeded by another client of the vault, so core has no part in it.
    if (!handle?.token) throw new Error('the local vault did not start');
    const other = new SecretClient(handle.url, staticTokenCredential(handle.token), {
      tlsOptions: { ca: handle.caPem },
      disableChallengeResourceVerification: true,
    });
    for (let i = 0; i < COUNT; i++) await other.setSecret(name(i), `value-${i}`);
    // Core's client meets the vault's auth challenge once, here, so the counts below are page requests only.
    await caller.value('secrets', 'get', { vaultId, name: name(0) });
  });
  afterAll(async () => {
    await core?.dispose();
    await rm(userDataDir, { recursive: true, force: true });
  });

  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    requests.length = 0;
    events.length = 0;
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('asks the vault for each page exactly once, the next ones before the caller asks, answered in one batch', async () => {
    const first = await list();
    expect(names(first.items)).toEqual(Array.from({ length: 25 }, (_, i) => name(i)));
    // Pages 2 and 3 are requested without anyone asking for them yet.
    await vi.waitFor(() => expect(listGets()).toBe(3));

    const seen = names(first.items);
    let token = first.continuationToken;
    let pages = 1;
    while (token) {
      const page = await list(token);
      seen.push(...names(page.items));
      token = page.continuationToken;
      pages++;
    }
    expect(seen).toEqual(Array.from({ length: COUNT }, (_, i) => name(i)));
    // The first page alone (first rows), then everything read ahead in one answer.
    expect(pages).toBe(2);
    expect(listGets()).toBe(3);
    expect(unhandled).toEqual([]);
  });

  it('does not answer a page read before a write: the continued and a fresh listing both see it', async () => {
    const first = await list();
    await vi.waitFor(() => expect(listGets()).toBe(3)); // pages 2 and 3 are read ahead
    // item-30a sorts into page 2; item-40 leaves it.
    await caller.value('secrets', 'set', { vaultId, name: 'item-30a', value: 'new' });
    await caller.value('secrets', 'delete', { vaultId, name: name(40) });

    const second = await list(first.continuationToken);
    expect(names(second.items)).toContain('item-30a');
    expect(names(second.items)).not.toContain(name(40));
    // The page was fetched again after the writes, not taken from the read-ahead.
    expect(listGets()).toBeGreaterThanOrEqual(3);

    const fresh = await list();
    const again = await list(fresh.continuationToken);
    // The fresh listing's second call may carry more pages (a batch); it starts with the same ones.
    expect(names(again.items).slice(0, second.items.length)).toEqual(names(second.items));
    expect(unhandled).toEqual([]);
  });

  it('a read-ahead that fails is silent and the caller fetches the page itself', async () => {
    breakPageRequests = 1; // the read-ahead of page 2 is the first page request with a $skiptoken
    const first = await list();
    await vi.waitFor(() => expect(breakPageRequests).toBe(0));
    const second = await list(first.continuationToken);
    expect(second.items.length).toBe(25);
    expect(second.continuationToken).toBeTruthy();
    // The broken read-ahead never reached the vault and was not retried; the caller's request was the only one.
    expect(listGets()).toBeGreaterThanOrEqual(2);
    // page 1, page 2 (by the caller), then page 3 read ahead again
    await vi.waitFor(() => expect(listGets()).toBe(3));
    expect(events.filter((e) => e.name === 'operation.retrying')).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});
