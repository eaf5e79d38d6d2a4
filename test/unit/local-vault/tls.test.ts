import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { unconstrainedCa } from '../../support/custom-ca';
import { describe, expect, it } from 'vitest';
import { LocalVaultStoreError } from '../../../electron/local-vault/errors';
import { open, seal } from '../../../electron/local-vault/persistence/cipher';
import {
  CA_LIFE_DAYS,
  caStillValid,
  generateCa,
  generateTls,
  ipBytes,
  issueLeaf,
  leafNames,
  leafStillValid,
  permittedNames,
} from '../../../electron/local-vault/tls';
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
      // A name the CA's constraints do not permit needs a new CA (clients trust it again); fewer names keep it.
      const widened = await loadOrCreateTls(dir, key, ['extra.test']);
      expect(widened.caPem).not.toBe(first.caPem);
      expect(permittedNames(widened.caPem)).toContain('extra.test');
      expect(new X509Certificate(widened.certPem).checkHost('extra.test')).toBe('extra.test');
      const narrowed = await loadOrCreateTls(dir, key, []);
      expect(narrowed.caPem).toBe(widened.caPem);
      await expect(loadOrCreateTls(dir, randomBytes(32), [])).rejects.toThrow(LocalVaultStoreError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Connects to a server presenting `tls` at 127.0.0.1, trusting its CA: resolves 'ok' or the TLS error's message. */
async function handshake(tls: { certPem: string; keyPem: string; caPem: string }): Promise<string> {
  const server = createServer({ cert: tls.certPem, key: tls.keyPem }, (_req, res) => res.end('ok'));
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port, ca: tls.caPem, agent: false }, (res) => {
        res.resume();
        resolve('ok');
      });
      req.on('error', (e: Error) => resolve(e.message));
      req.end();
    });
  } finally {
    server.close();
  }
}

describe('the generated CA', () => {
  it('has critical name constraints for exactly the names it issues for, and a two-year life', async () => {
    const tls = await generateTls(['vault.test', '10.1.2.3']);
    expect(permittedNames(tls.caPem)).toEqual(['localhost', '127.0.0.1', '::1', 'vault.test', '10.1.2.3']);
    const ext = forge.pki.certificateFromPem(tls.caPem).getExtension('nameConstraints') as {
      critical: boolean;
    };
    expect(ext.critical).toBe(true);
    const ca = new X509Certificate(tls.caPem);
    const lifeDays = (Date.parse(ca.validTo) - Date.parse(ca.validFrom)) / 86_400_000;
    expect(lifeDays).toBeLessThanOrEqual(CA_LIFE_DAYS + 1);
    expect(lifeDays).toBeLessThan(3650);
    expect(Date.parse(new X509Certificate(tls.certPem).validTo)).toBeLessThanOrEqual(Date.parse(ca.validTo));
    expect(caStillValid(tls.caPem, ['vault.test'])).toBe(true);
    expect(caStillValid(tls.caPem, ['other.test'])).toBe(false);
    expect(caStillValid(tls.caPem, [], Date.parse(ca.validTo) - 86_400_000)).toBe(false);
  });

  it('encodes IP addresses for the constraints as their 4 or 16 bytes', () => {
    expect(ipBytes('127.0.0.1').toString('hex')).toBe('7f000001');
    expect(ipBytes('::1').toString('hex')).toBe('00000000000000000000000000000001');
    expect(ipBytes('fd00:1::ab').toString('hex')).toBe('fd0000010000000000000000000000ab');
    expect(ipBytes('::ffff:10.1.2.3').toString('hex')).toBe('00000000000000000000ffff0a010203');
  });

  it('is trusted for its own names, and TLS clients refuse a leaf it signed for any other name', async () => {
    const ca = await generateCa();
    expect(await handshake(await issueLeaf(ca))).toBe('ok');
    // The CA key signs a certificate for a name outside its constraints: OpenSSL rejects the chain
    // (Node reports it with code UNSPECIFIED and OpenSSL's message).
    expect(await handshake(await issueLeaf(ca, ['bank.example']))).toBe('permitted subtree violation');
    expect(await handshake(await issueLeaf(ca, ['10.9.9.9']))).toBe('permitted subtree violation');
  });

  it('replaces a stored CA without name constraints (made by an earlier version) with a constrained one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kluis-tls-legacy-'));
    try {
      const key = randomBytes(32);
      // A CA stored by an earlier version: ten years, no name constraints.
      const legacy = unconstrainedCa('Kluis local vault CA');
      const leaf = await issueLeaf(legacy);
      const stored = {
        caCertPem: legacy.certPem,
        caKeyPem: legacy.keyPem,
        certPem: leaf.certPem,
        keyPem: leaf.keyPem,
      };
      writeFileSync(join(dir, 'tls.kvt'), seal(key, Buffer.from(JSON.stringify(stored)), 'tls'));
      expect(permittedNames(legacy.certPem)).toBeUndefined();
      const loaded = await loadOrCreateTls(dir, key, []);
      expect(loaded.caPem).not.toBe(legacy.certPem);
      expect(permittedNames(loaded.caPem)).toEqual(['localhost', '127.0.0.1', '::1']);
      expect(await handshake(loaded)).toBe('ok');
      // Kept from then on.
      const saved = JSON.parse(open(key, readFileSync(join(dir, 'tls.kvt')), 'tls').toString()) as {
        caCertPem: string;
      };
      expect(saved.caCertPem).toBe(loaded.caPem);
      expect((await loadOrCreateTls(dir, key, [])).caPem).toBe(loaded.caPem);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
