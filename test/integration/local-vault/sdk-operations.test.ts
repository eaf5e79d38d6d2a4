import type { SecretClient } from '@azure/keyvault-secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLocalVault } from '../../../electron/local-vault/index';
import { collect, sdkClient, startTestVault, statusOf } from './helpers';

// 4.11.2 names the poll interval `intervalInMs`; the local vault completes deletes at once anyway.
const POLL = { intervalInMs: 5 };

async function rejection(
  p: Promise<unknown>,
): Promise<{ statusCode?: number; code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return statusOf(e);
  }
  throw new Error('expected the call to fail');
}

describe('local vault with the official JS SDK (@azure/keyvault-secrets 4.11.2)', () => {
  let vault: RunningLocalVault;
  let client: SecretClient;

  beforeAll(async () => {
    ({ vault, client } = await startTestVault());
  });
  afterAll(() => vault.stop());

  it('sets and gets the latest and a given version, keeping the original name casing', async () => {
    const first = await client.setSecret('Mixed-Case', 'one', {
      contentType: 'text/plain',
      tags: { env: 'dev' },
    });
    expect(first.name).toBe('Mixed-Case');
    expect(first.value).toBe('one');
    expect(first.properties.version).toMatch(/^[0-9a-f]{32}$/);
    expect(first.properties.id).toBe(`${vault.url}/secrets/Mixed-Case/${first.properties.version}`);
    expect(first.properties.createdOn!.getTime() % 1000).toBe(0);
    expect(first.properties.recoveryLevel).toBe('Recoverable+Purgeable');
    expect(first.properties.recoverableDays).toBe(90);
    expect(first.properties.enabled).toBe(true);
    expect(first.properties.contentType).toBe('text/plain');
    expect(first.properties.tags).toEqual({ env: 'dev' });

    const second = await client.setSecret('mixed-CASE', 'two');
    expect(second.name).toBe('Mixed-Case');
    expect((await client.getSecret('MIXED-case')).value).toBe('two');
    expect((await client.getSecret('mixed-case', { version: first.properties.version! })).value).toBe('one');
    expect(await rejection(client.getSecret('mixed-case', { version: '0'.repeat(32) }))).toMatchObject({
      statusCode: 404,
      code: 'SecretNotFound',
    });
  });

  it('accepts an empty value and a value of exactly 25,600 characters, refuses one more', async () => {
    expect((await client.setSecret('empty-value', '')).value).toBe('');
    const big = 'x'.repeat(25_600);
    expect((await client.setSecret('big-value', big)).value).toBe(big);
    expect(await rejection(client.setSecret('too-big', big + 'x'))).toMatchObject({
      statusCode: 400,
      code: 'BadParameter',
      message: 'Secret is beyond the maximum permitted length of 25600 characters.',
    });
  });

  it('validates names, content types and tags like the service', async () => {
    for (const name of ['bad_name', 'a'.repeat(128), 'spa ce', 'dot.ted']) {
      const e = await rejection(client.setSecret(name, 'v'));
      expect(e.statusCode).toBe(400);
      expect(e.code).toBe('BadParameter');
      expect(e.message).toBe(`The request URI contains an invalid name: ${name}`);
    }
    expect((await client.setSecret('a'.repeat(127), 'v')).name).toHaveLength(127);
    expect(await rejection(client.setSecret('ct', 'v', { contentType: 'c'.repeat(256) }))).toMatchObject({
      statusCode: 400,
      code: 'BadParameter',
    });
    const sixteen = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, 'v']));
    expect(await rejection(client.setSecret('tags', 'v', { tags: sixteen }))).toMatchObject({
      statusCode: 400,
      code: 'BadParameter',
      message: 'Property has invalid value',
    });
    expect(await rejection(client.setSecret('tags', 'v', { tags: { k: 'v'.repeat(513) } }))).toMatchObject({
      statusCode: 400,
    });
    const fifteen = Object.fromEntries(
      Array.from({ length: 15 }, (_, i) => [`t${i}`.padEnd(512, 'k'), 'v'.repeat(512)]),
    );
    expect(
      Object.keys((await client.setSecret('tags', 'v', { tags: fifteen })).properties.tags!),
    ).toHaveLength(15);
  });

  it('updates properties: tags replaced wholesale, other fields kept, updated bumps, no value', async () => {
    const created = await client.setSecret('upd', 'v', { tags: { a: '1', b: '2' }, contentType: 'ct' });
    const updated = await client.updateSecretProperties('upd', created.properties.version!, {
      tags: { c: '3' },
    });
    expect(updated.tags).toEqual({ c: '3' });
    expect(updated.contentType).toBe('ct');
    expect((updated as unknown as { value?: string }).value).toBeUndefined();
    const latest = await client.updateSecretProperties('upd', '', { contentType: 'other' });
    expect(latest.contentType).toBe('other');
    expect(latest.tags).toEqual({ c: '3' });
    expect(
      await rejection(client.updateSecretProperties('missing-secret', '', { enabled: true })),
    ).toMatchObject({
      statusCode: 404,
      code: 'SecretNotFound',
    });
  });

  it('refuses to read a disabled secret (403) but lets it be updated, and treats nbf/exp as informational', async () => {
    const s = await client.setSecret('disabled-one', 'hidden', { enabled: false });
    const e = await rejection(client.getSecret('disabled-one'));
    expect(e).toMatchObject({ statusCode: 403, code: 'Forbidden' });
    expect(e.message).toMatch(/not allowed on a disabled secret/);
    const props = await client.updateSecretProperties('disabled-one', s.properties.version!, {
      enabled: true,
    });
    expect(props.enabled).toBe(true);
    expect((await client.getSecret('disabled-one')).value).toBe('hidden');

    const past = new Date(Date.now() - 86_400_000);
    const future = new Date(Date.now() + 86_400_000);
    await client.setSecret('not-yet', 'v', { notBefore: future });
    await client.setSecret('expired', 'v', { expiresOn: past });
    const notYet = await client.getSecret('not-yet');
    expect(notYet.value).toBe('v');
    expect(notYet.properties.notBefore?.getTime()).toBe(Math.floor(future.getTime() / 1000) * 1000);
    expect((await client.getSecret('expired')).properties.expiresOn?.getTime()).toBe(
      Math.floor(past.getTime() / 1000) * 1000,
    );
  });

  it('lists secrets page by page with maxPageSize 1 and 3, sorted case-insensitively', async () => {
    const { vault: v, client: c } = await startTestVault();
    try {
      const names = ['b-two', 'A-one', 'c-three', 'D-four', 'e-five', 'f-six', 'g-seven'];
      for (const n of names) await c.setSecret(n, 'v');
      await c.setSecret('b-two', 'v2');
      for (const size of [1, 3]) {
        const pages = await collect(c.listPropertiesOfSecrets().byPage({ maxPageSize: size }));
        expect(pages.every((p) => p.length <= size)).toBe(true);
        expect(pages.flat().map((p) => p.name)).toEqual([
          'A-one',
          'b-two',
          'c-three',
          'D-four',
          'e-five',
          'f-six',
          'g-seven',
        ]);
      }
      const all = await collect(c.listPropertiesOfSecrets());
      expect(all).toHaveLength(7);
      expect(all[0]!.version).toBeUndefined();

      const versions = await collect(c.listPropertiesOfSecretVersions('B-TWO').byPage({ maxPageSize: 1 }));
      expect(versions.flat()).toHaveLength(2);
      expect(versions.flat().every((p) => /^[0-9a-f]{32}$/.test(p.version ?? ''))).toBe(true);
      expect(await collect(c.listPropertiesOfSecretVersions('no-such-secret'))).toEqual([]);

      for (const n of ['A-one', 'c-three', 'e-five'])
        await (await c.beginDeleteSecret(n, POLL)).pollUntilDone();
      const deletedPages = await collect(c.listDeletedSecrets().byPage({ maxPageSize: 1 }));
      expect(deletedPages.flat().map((d) => d.name)).toEqual(['A-one', 'c-three', 'e-five']);
      expect(deletedPages.flat()[0]!.recoveryId).toBe(`${v.url}/deletedsecrets/A-one`);
      const remaining = await collect(c.listPropertiesOfSecrets().byPage({ maxPageSize: 3 }));
      expect(remaining.flat().map((p) => p.name)).toEqual(['b-two', 'D-four', 'f-six', 'g-seven']);
    } finally {
      await v.stop();
    }
  });

  it('soft-deletes with a poller, refuses reuse of the name, recovers with a poller and purges', async () => {
    await client.setSecret('lifecycle', 'v1');
    const latest = await client.setSecret('lifecycle', 'v2');
    const poller = await client.beginDeleteSecret('lifecycle', POLL);
    const deleted = await poller.pollUntilDone();
    expect(deleted.name).toBe('lifecycle');
    expect(deleted.recoveryId).toBe(`${vault.url}/deletedsecrets/lifecycle`);
    expect(deleted.properties.version).toBe(latest.properties.version);
    expect(deleted.value).toBeUndefined();
    expect(deleted.scheduledPurgeDate!.getTime() - deleted.deletedOn!.getTime()).toBe(90 * 86_400_000);

    expect(await rejection(client.getSecret('lifecycle'))).toMatchObject({
      statusCode: 404,
      code: 'SecretNotFound',
    });
    const conflict = await rejection(client.setSecret('LIFECYCLE', 'again'));
    expect(conflict).toMatchObject({ statusCode: 409, code: 'Conflict' });
    expect(await rejection(client.backupSecret('lifecycle'))).toMatchObject({ statusCode: 404 });
    expect(await rejection(collect(client.listPropertiesOfSecretVersions('lifecycle')))).toMatchObject({
      statusCode: 404,
      code: 'SecretNotFound',
    });
    expect(await rejection(client.updateSecretProperties('lifecycle', '', { enabled: false }))).toMatchObject(
      {
        statusCode: 404,
      },
    );
    expect(await rejection(client.beginDeleteSecret('lifecycle', POLL))).toMatchObject({ statusCode: 404 });
    expect((await client.getDeletedSecret('lifecycle')).properties.version).toBe(latest.properties.version);

    const recovered = await (await client.beginRecoverDeletedSecret('lifecycle', POLL)).pollUntilDone();
    expect(recovered.name).toBe('lifecycle');
    expect((await client.getSecret('lifecycle')).value).toBe('v2');
    expect(await collect(client.listPropertiesOfSecretVersions('lifecycle'))).toHaveLength(2);
    expect(await rejection(client.getDeletedSecret('lifecycle'))).toMatchObject({
      statusCode: 404,
      code: 'SecretNotFound',
      message: 'Deleted Secret not found: lifecycle',
    });
    expect(await rejection(client.beginRecoverDeletedSecret('never-existed', POLL))).toMatchObject({
      statusCode: 404,
    });
    expect(await rejection(client.purgeDeletedSecret('lifecycle'))).toMatchObject({ statusCode: 404 });

    await (await client.beginDeleteSecret('lifecycle', POLL)).pollUntilDone();
    await client.purgeDeletedSecret('lifecycle');
    expect(await rejection(client.getDeletedSecret('lifecycle'))).toMatchObject({ statusCode: 404 });
    expect((await client.setSecret('lifecycle', 'fresh')).value).toBe('fresh');
  });

  it('backs up and restores every version; refuses junk and existing names', async () => {
    const v1 = await client.setSecret('backed-up', 'first', { tags: { k: 'v' } });
    await client.setSecret('backed-up', 'second');
    const blob = await client.backupSecret('backed-up');
    expect(blob).toBeInstanceOf(Uint8Array);
    expect(await rejection(client.restoreSecretBackup(blob!))).toMatchObject({
      statusCode: 409,
      code: 'Conflict',
    });
    await (await client.beginDeleteSecret('backed-up', POLL)).pollUntilDone();
    expect(await rejection(client.restoreSecretBackup(blob!))).toMatchObject({ statusCode: 409 });
    await client.purgeDeletedSecret('backed-up');
    const restored = await client.restoreSecretBackup(blob!);
    expect(restored.name).toBe('backed-up');
    expect((await client.getSecret('backed-up')).value).toBe('second');
    expect((await client.getSecret('backed-up', { version: v1.properties.version! })).value).toBe('first');

    const junk = await rejection(client.restoreSecretBackup(new Uint8Array([1, 2, 3, 4])));
    expect(junk).toMatchObject({ statusCode: 400, code: 'Malformed backup blob' });
    expect(junk.message).toBe('Backup blob contains invalid or corrupt version.');
    const tampered = Uint8Array.from(blob!);
    const at = tampered.length - 5;
    tampered[at] = (tampered[at] as number) ^ 1;
    expect(await rejection(client.restoreSecretBackup(tampered))).toMatchObject({ statusCode: 400 });
    expect(await rejection(client.backupSecret('no-such-secret'))).toMatchObject({ statusCode: 404 });
  });

  it('works with every service version the SDK can send', async () => {
    for (const serviceVersion of ['7.0', '7.1', '7.2', '7.3', '7.4', '7.5', '7.6', '2025-07-01'] as const) {
      const c = sdkClient(vault, { serviceVersion });
      const name = `sv-${serviceVersion.replace(/\./g, '-')}`;
      await c.setSecret(name, serviceVersion);
      expect((await c.getSecret(name)).value).toBe(serviceVersion);
    }
  });

  it('answers 401 to a client with the wrong token', async () => {
    const wrong = sdkClient(vault, {}, 'not-the-token');
    expect(await rejection(wrong.getSecret('anything'))).toMatchObject({ statusCode: 401 });
  });
});

describe('vault policies', () => {
  it('a 7-day vault reports CustomizedRecoverable+Purgeable and a 7-day purge date', async () => {
    const { vault, client } = await startTestVault({ recoverableDays: 7 });
    try {
      const s = await client.setSecret('seven', 'v');
      expect(s.properties.recoveryLevel).toBe('CustomizedRecoverable+Purgeable');
      expect(s.properties.recoverableDays).toBe(7);
      const d = await (await client.beginDeleteSecret('seven', POLL)).pollUntilDone();
      expect(d.scheduledPurgeDate!.getTime() - d.deletedOn!.getTime()).toBe(7 * 86_400_000);
    } finally {
      await vault.stop();
    }
  });

  it('purge protection refuses purges and reports Recoverable', async () => {
    const { vault, client } = await startTestVault({ purgeProtection: true });
    try {
      expect((await client.setSecret('kept', 'v')).properties.recoveryLevel).toBe('Recoverable');
      await (await client.beginDeleteSecret('kept', POLL)).pollUntilDone();
      expect(await rejection(client.purgeDeletedSecret('kept'))).toMatchObject({
        statusCode: 403,
        code: 'Forbidden',
      });
      expect((await client.getDeletedSecret('kept')).name).toBe('kept');
    } finally {
      await vault.stop();
    }
  });

  it('really purges deleted secrets once their purge date has passed', async () => {
    let now = Date.UTC(2030, 0, 1);
    const { vault, client } = await startTestVault({ recoverableDays: 7, now: () => now });
    try {
      await client.setSecret('ephemeral', 'v');
      const d = await (await client.beginDeleteSecret('ephemeral', POLL)).pollUntilDone();
      expect(d.deletedOn!.getTime()).toBe(now);
      now += 7 * 86_400_000 - 1000;
      expect((await client.getDeletedSecret('ephemeral')).name).toBe('ephemeral');
      now += 1000;
      expect(await rejection(client.getDeletedSecret('ephemeral'))).toMatchObject({ statusCode: 404 });
      expect(await collect(client.listDeletedSecrets())).toEqual([]);
      expect((await client.setSecret('ephemeral', 'again')).value).toBe('again');
    } finally {
      await vault.stop();
    }
  });
});
