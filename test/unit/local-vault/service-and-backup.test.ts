import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { backupKeyFrom, decodeBackup, encodeBackup } from '../../../electron/local-vault/backup';
import { ServiceError } from '../../../electron/local-vault/errors';
import { recoveryLevelOf, type Mutation } from '../../../electron/local-vault/model';
import { VaultState } from '../../../electron/local-vault/state';
import { VaultService } from '../../../electron/local-vault/vault-service';

async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<ServiceError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof ServiceError) return e;
    throw e;
  }
  throw new Error('expected a ServiceError');
}

const KEY = backupKeyFrom(Buffer.alloc(32, 7));

function service(opts: { days?: number; protect?: boolean; lagMs?: number; backupKey?: Buffer } = {}) {
  let now = Date.UTC(2030, 0, 1, 0, 0, 0, 500);
  const log: Mutation[] = [];
  const s = new VaultService(
    new VaultState(),
    { recoverableDays: opts.days ?? 90, purgeProtection: opts.protect ?? false },
    () => now,
    async (m) => {
      log.push(m);
    },
    {
      backupKey: opts.backupKey ?? KEY,
      ...(opts.lagMs ? { consistencyLag: { ms: opts.lagMs, seed: 3 } } : {}),
    },
  );
  return { s, log, advance: (ms: number) => (now += ms) };
}

describe('recoveryLevelOf', () => {
  it('follows the service table', () => {
    expect(recoveryLevelOf({ recoverableDays: 90, purgeProtection: false })).toBe('Recoverable+Purgeable');
    expect(recoveryLevelOf({ recoverableDays: 90, purgeProtection: true })).toBe('Recoverable');
    expect(recoveryLevelOf({ recoverableDays: 7, purgeProtection: false })).toBe(
      'CustomizedRecoverable+Purgeable',
    );
    expect(recoveryLevelOf({ recoverableDays: 30, purgeProtection: true })).toBe('CustomizedRecoverable');
  });
});

describe('VaultService', () => {
  it('creates versions with whole-second timestamps and logs each mutation', async () => {
    const { s, log } = service();
    const a = await s.setSecret('Name', { value: '1' });
    const b = await s.setSecret('NAME', { value: '2', enabled: false });
    expect(a.version.created).toBe(Date.UTC(2030, 0, 1) / 1000);
    expect(b.secret.name).toBe('Name');
    expect(b.secret.versions).toHaveLength(2);
    expect(log.map((m) => m.op)).toEqual(['set', 'set']);
    expect((await errorOf(() => s.getSecret('name', undefined))).innerCode).toBe('SecretDisabled');
    expect(s.getSecret('name', a.version.version.toUpperCase()).version.value).toBe('1');
  });

  it('implements soft delete, recover, purge and the scheduled purge', async () => {
    const { s, advance } = service({ days: 7 });
    await s.setSecret('x', { value: 'v' });
    const d = await s.deleteSecret('X');
    expect(d.scheduledPurgeDate - d.deletedDate).toBe(7 * 86_400);
    expect((await errorOf(s.setSecret('x', { value: 'v' }))).innerCode).toBe('ObjectIsDeletedButRecoverable');
    await s.recover('x');
    await s.deleteSecret('x');
    advance(7 * 86_400_000);
    await s.sweepExpired();
    expect((await errorOf(() => s.deletedSecret('x'))).status).toBe(404);
  });

  it('refuses purge under purge protection', async () => {
    const { s } = service({ protect: true });
    await s.setSecret('x', { value: 'v' });
    await s.deleteSecret('x');
    expect((await errorOf(s.purge('x'))).status).toBe(403);
  });

  it('restores from its own backups only when the name is free', async () => {
    const { s } = service();
    await s.setSecret('b', { value: 'one', tags: { t: '1' }, contentType: 'ct' });
    await s.setSecret('b', { value: 'two', nbf: 5, exp: 6 });
    const blob = s.backup('b');
    expect(blob).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeBackup(blob, KEY)).toEqual(s.activeSecret('b'));
    expect((await errorOf(s.restore(blob))).status).toBe(409);
    await s.deleteSecret('b');
    await s.purge('b');
    expect((await s.restore(blob)).versions.map((v) => v.value)).toEqual(['one', 'two']);
  });
});

describe('backup limits', () => {
  it('refuses to back up more than 500 versions, as the service does', async () => {
    const { s } = service();
    for (let i = 0; i < 501; i++) await s.setSecret('many', { value: String(i) });
    expect((await errorOf(() => s.backup('many'))).status).toBe(400);
  });
});

describe('backup blobs', () => {
  const secret = {
    name: 'n',
    versions: [{ version: 'a'.repeat(32), value: 'the-value', enabled: true, created: 1, updated: 2 }],
  };
  it('are sealed: the value does not appear, and they round-trip with the same key only', () => {
    const blob = encodeBackup(secret, KEY);
    expect(Buffer.from(blob, 'base64url').toString('latin1')).not.toContain('the-value');
    expect(Buffer.from(blob, 'base64url').toString('latin1')).not.toContain('versions');
    expect(decodeBackup(blob, KEY)).toEqual(secret);
    expect(encodeBackup(secret, KEY)).not.toBe(blob); // a fresh nonce each time
    expect(() => decodeBackup(blob, backupKeyFrom(randomBytes(32)))).toThrow(
      'Backup blob contains invalid or corrupt version.',
    );
  });

  it('refuse any damage, and a renamed header (the name is bound as associated data)', () => {
    const blob = encodeBackup(secret, KEY);
    const raw = Buffer.from(blob, 'base64url');
    for (const i of [0, 8, 9, 12, 25, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[i] = (bad[i] as number) ^ 1;
      expect(() => decodeBackup(bad.toString('base64url'), KEY)).toThrow(
        'Backup blob contains invalid or corrupt version.',
      );
    }
    const renamed = Buffer.from(raw);
    renamed[9] = 'm'.charCodeAt(0); // header: "KLUISBK2" | length | name
    expect(() => decodeBackup(renamed.toString('base64url'), KEY)).toThrow(ServiceError);
    for (const junk of ['', 'AAAA', 'not base64!', `${blob}==`]) {
      expect(() => decodeBackup(junk, KEY)).toThrow(ServiceError);
    }
  });

  it('still restore the unsealed KLUISBK1 blobs earlier versions wrote, checked by their digest', () => {
    const payload = Buffer.from(
      JSON.stringify({ format: 'kluis-local-vault-secret-backup', formatVersion: 1, ...secret }),
    );
    const digest = createHash('sha256').update(payload).digest();
    const legacy = Buffer.concat([Buffer.from('KLUISBK1'), digest, payload]);
    expect(decodeBackup(legacy.toString('base64url'), KEY)).toEqual(secret);
    legacy[legacy.length - 2] = (legacy[legacy.length - 2] as number) ^ 1;
    expect(() => decodeBackup(legacy.toString('base64url'), KEY)).toThrow(ServiceError);
  });
});
