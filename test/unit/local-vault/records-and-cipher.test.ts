import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, seal } from '../../../electron/local-vault/persistence/cipher';
import { crc32 } from '../../../electron/local-vault/persistence/crc32';
import { frame, scanRecords } from '../../../electron/local-vault/persistence/records';

describe('crc32', () => {
  it('matches the IEEE check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe('record framing', () => {
  const recs = [Buffer.from('one'), Buffer.from('two'), Buffer.alloc(1000, 7)];
  const file = Buffer.concat(recs.map(frame));

  it('reads back what it framed', () => {
    const scan = scanRecords(file);
    expect(scan.records.map((r) => r.toString('hex'))).toEqual(recs.map((r) => r.toString('hex')));
    expect(scan.validLength).toBe(file.length);
    expect(scan.damage).toBeUndefined();
  });

  it('calls a truncated last record a torn tail', () => {
    for (const cut of [1, 5, 12, 500]) {
      const scan = scanRecords(file.subarray(0, file.length - cut));
      expect(scan.records).toHaveLength(2);
      expect(scan.damage?.tornTail).toBe(true);
      expect(scan.validLength).toBe(frame(recs[0]!).length + frame(recs[1]!).length);
    }
  });

  it('calls appended garbage a torn tail', () => {
    const scan = scanRecords(Buffer.concat([file, randomBytes(64)]));
    expect(scan.records).toHaveLength(3);
    expect(scan.damage?.tornTail).toBe(true);
    expect(scan.validLength).toBe(file.length);
  });

  it('refuses to call damage followed by intact records a tail', () => {
    const damaged = Buffer.from(file);
    damaged[14] = (damaged[14] as number) ^ 1; // inside the first payload
    const scan = scanRecords(damaged);
    expect(scan.records).toHaveLength(0);
    expect(scan.damage).toMatchObject({ offset: 0, reason: 'checksum mismatch', tornTail: false });
  });
});

describe('AES-256-GCM sealing', () => {
  const key = randomBytes(32);
  it('round-trips and binds the associated data', () => {
    const sealed = seal(key, Buffer.from('secret'), 'log-1:1');
    expect(sealed.includes(Buffer.from('secret'))).toBe(false);
    expect(open(key, sealed, 'log-1:1').toString()).toBe('secret');
    expect(() => open(key, sealed, 'log-1:2')).toThrow();
    expect(() => open(randomBytes(32), sealed, 'log-1:1')).toThrow();
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 1;
    expect(() => open(key, flipped, 'log-1:1')).toThrow();
  });
});
