import { mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault/index';
import { generateTls } from '../../../electron/local-vault/tls';
import { API, raw } from './helpers';

/** The local vault as a service on a network: connection limits, timeouts, who may connect, backups (issue 14). */

/** A TCP connection that never starts its TLS handshake: resolves once it is open. */
function idleSocket(v: RunningLocalVault): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = tcpConnect({ host: '127.0.0.1', port: v.port }, () => resolve(s));
    s.on('error', reject);
  });
}

/** Resolves with what the server sent before it closed the connection. */
function closed(s: Socket): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    s.on('data', (c: Buffer) => (got += c.toString('latin1')));
    s.on('error', () => undefined);
    if (s.destroyed) resolve(got);
    else s.on('close', () => resolve(got));
  });
}

describe('connection limits and timeouts', () => {
  let v: RunningLocalVault;
  beforeAll(async () => {
    v = await startLocalVault({
      limits: { maxConnections: 4, handshakeTimeoutMs: 400, headersTimeoutMs: 400, requestTimeoutMs: 800 },
    });
  });
  afterAll(() => v.stop());

  it('closes connections beyond maxConnections at once, and idle handshakes once they time out', async () => {
    const idle = await Promise.all([1, 2, 3, 4].map(() => idleSocket(v)));
    const idleClosed = idle.map(closed);
    // The fifth connection is accepted by the kernel and closed by the server without a byte.
    const fifth = await idleSocket(v);
    expect(await closed(fifth)).toBe('');
    // A real client is refused too while the four hold every slot (the connection is dropped).
    await expect(raw(v, 'GET', `/secrets?${API}`)).rejects.toThrow();
    // None of the four ever sends a ClientHello: the handshake timeout closes each of them.
    expect(await Promise.all(idleClosed)).toEqual(['', '', '', '']);
    // The slots are free again.
    expect((await raw(v, 'GET', `/secrets?${API}`)).status).toBe(200);
  });

  it('answers 408 and closes a connection whose request headers do not arrive in time', async () => {
    const s = tlsConnect({ host: '127.0.0.1', port: v.port, ca: v.caPem, servername: 'localhost' });
    await new Promise<void>((resolve, reject) => {
      s.once('secureConnect', () => resolve());
      s.once('error', reject);
    });
    const answer = closed(s);
    s.write(`GET /secrets?${API} HTTP/1.1\r\nHost: 127.0.0.1\r\n`); // headers never end
    expect(await answer).toMatch(/^HTTP\/1\.1 408 /);
  });
});

describe('who may connect', () => {
  it('refuses auth "any" on a non-loopback address unless explicitly allowed', async () => {
    const tls = await generateTls();
    await expect(startLocalVault({ tls, auth: { mode: 'any' }, host: '0.0.0.0' })).rejects.toThrow(
      /auth "any" accepts every bearer token.*allowAnyTokenOnNetwork/,
    );
    const forced = await startLocalVault({
      tls,
      auth: { mode: 'any' },
      host: '0.0.0.0',
      allowAnyTokenOnNetwork: true,
    });
    await forced.stop();
    for (const host of ['127.0.0.1', '::1', 'localhost']) {
      const ok = await startLocalVault({ tls, auth: { mode: 'any' }, host });
      await ok.stop();
    }
    // A token on the network is fine: only its holders get in.
    const tokened = await startLocalVault({ tls, host: '0.0.0.0' });
    await tokened.stop();
  });
});

describe('backups are sealed with the store key', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kluis-backup-seal-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("restores in the same vault (also after a restart), and refuses another vault's or a tampered blob", async () => {
    const key = Buffer.alloc(32, 3);
    let v = await startLocalVault({ dataDir: join(dir, 'a'), encryptionKey: key });
    await raw(v, 'PUT', `/secrets/sealed?${API}`, { body: '{"value":"plain-text-value"}' });
    const blob = ((await raw(v, 'POST', `/secrets/sealed/backup?${API}`)).json as { value: string }).value;
    expect(Buffer.from(blob, 'base64url').toString('latin1')).not.toContain('plain-text-value');
    await raw(v, 'DELETE', `/secrets/sealed?${API}`);
    await raw(v, 'DELETE', `/deletedsecrets/sealed?${API}`);
    await v.stop();

    const malformed = {
      error: { code: 'Malformed backup blob', message: 'Backup blob contains invalid or corrupt version.' },
    };
    // Another vault (another store key, or an in-memory vault's own random one) cannot read it.
    for (const other of [
      await startLocalVault({ dataDir: join(dir, 'b'), encryptionKey: Buffer.alloc(32, 4) }),
      await startLocalVault(),
    ]) {
      const res = await raw(other, 'POST', `/secrets/restore?${API}`, {
        body: JSON.stringify({ value: blob }),
      });
      expect(res.status).toBe(400);
      expect(res.json).toEqual(malformed);
      await other.stop();
    }

    v = await startLocalVault({ dataDir: join(dir, 'a'), encryptionKey: key });
    try {
      const bytes = Buffer.from(blob, 'base64url');
      bytes[bytes.length - 3] = (bytes[bytes.length - 3] as number) ^ 0x20;
      const tampered = await raw(v, 'POST', `/secrets/restore?${API}`, {
        body: JSON.stringify({ value: bytes.toString('base64url') }),
      });
      expect(tampered.status).toBe(400);
      expect(tampered.json).toEqual(malformed);
      const restored = await raw(v, 'POST', `/secrets/restore?${API}`, {
        body: JSON.stringify({ value: blob }),
      });
      expect(restored.status).toBe(200);
      const got = await raw(v, 'GET', `/secrets/sealed/?${API}`);
      expect((got.json as { value: string }).value).toBe('plain-text-value');
    } finally {
      await v.stop();
    }
  });
});
