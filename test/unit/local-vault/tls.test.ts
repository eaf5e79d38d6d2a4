import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalVaultStoreError } from '../../../electron/local-vault/errors';
import { generateTls, leafNames, leafStillValid } from '../../../electron/local-vault/tls';
import { loadOrCreateTls } from '../../../electron/local-vault/tls-store';

describe('generated TLS material', () => {
  it('is a CA plus a server leaf for localhost, 127.0.0.1, ::1 and the extra names', async () => {
    const tls = await generateTls(['vault.test', '10.1.2.3']);
    const ca = new X509Certificate(tls.caPem);
    const leaf = new X509Certificate(tls.certPem);
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkHost('vault.test')).toBe('vault.test');
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkIP('10.1.2.3')).toBe('10.1.2.3');
    expect(leaf.checkHost('other.test')).toBeUndefined();
    expect(leafStillValid(tls.certPem, ['vault.test'])).toBe(true);
    expect(leafStillValid(tls.certPem, ['new.test'])).toBe(false);
    expect(leafNames([' a ', 'a', 'localhost'])).toEqual(['localhost', '127.0.0.1', '::1', 'a']);
  });

  it('is kept encrypted in a data dir: same CA across loads, leaf reissued for new names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kluis-tls-'));
    try {
      const key = randomBytes(32);
      const first = await loadOrCreateTls(dir, key, []);
      const again = await loadOrCreateTls(dir, key, []);
      expect(again).toEqual(first);
      const widened = await loadOrCreateTls(dir, key, ['extra.test']);
      expect(widened.caPem).toBe(first.caPem);
      expect(widened.certPem).not.toBe(first.certPem);
      expect(new X509Certificate(widened.certPem).checkHost('extra.test')).toBe('extra.test');
      await expect(loadOrCreateTls(dir, randomBytes(32), [])).rejects.toThrow(LocalVaultStoreError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
