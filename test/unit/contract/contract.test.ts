import { describe, expect, it } from 'vitest';
import {
  allOperations,
  channelOf,
  contract,
  ERROR_KINDS,
  MAX_SECRET_VALUE_LENGTH,
} from '../../../electron/contract';

const vaultId = 'v1';

describe('the IPC contract', () => {
  it('gives every operation its own channel', () => {
    const channels = allOperations().map(([g, m]) => channelOf(g, m));
    expect(new Set(channels).size).toBe(channels.length);
    expect(channels).toContain('kluis:secrets.set');
  });

  it('refuses unknown fields on every operation', () => {
    for (const [group, method, operation] of allOperations()) {
      const parsed = operation.input.safeParse({ unexpected: 1 });
      expect(parsed.success, `${group}.${method}`).toBe(false);
    }
  });

  it('checks secret names against the service rules', () => {
    const set = contract.secrets.set.input;
    expect(set.safeParse({ vaultId, name: 'db-password', value: 'x' }).success).toBe(true);
    for (const name of ['', 'has space', 'under_score', 'dot.ted', 'a'.repeat(128), 'naïve']) {
      expect(set.safeParse({ vaultId, name, value: 'x' }).success, name).toBe(false);
    }
    expect(set.safeParse({ vaultId, name: 'a'.repeat(127), value: 'x' }).success).toBe(true);
  });

  it('limits values, content types and tags like the service', () => {
    const set = contract.secrets.set.input;
    const base = { vaultId, name: 'n' };
    expect(set.safeParse({ ...base, value: 'v'.repeat(MAX_SECRET_VALUE_LENGTH) }).success).toBe(true);
    expect(set.safeParse({ ...base, value: 'v'.repeat(MAX_SECRET_VALUE_LENGTH + 1) }).success).toBe(false);
    expect(set.safeParse({ ...base, value: '', contentType: 'c'.repeat(256) }).success).toBe(false);
    const tags = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, 'v']));
    expect(set.safeParse({ ...base, value: '', tags }).success).toBe(false);
    expect(set.safeParse({ ...base, value: '', tags: { k: 'v'.repeat(513) } }).success).toBe(false);
  });

  it('accepts only 32-hex version ids', () => {
    const get = contract.secrets.get.input;
    expect(get.safeParse({ vaultId, name: 'n', version: 'a'.repeat(32) }).success).toBe(true);
    expect(get.safeParse({ vaultId, name: 'n', version: '../../etc' }).success).toBe(false);
  });

  it('refuses wrong types and prototype keys', () => {
    const set = contract.secrets.set.input;
    expect(set.safeParse({ vaultId, name: 'n', value: 42 }).success).toBe(false);
    expect(
      set.safeParse(JSON.parse('{"vaultId":"v1","name":"n","value":"x","__proto__":{"a":1}}')).success,
    ).toBe(false);
    expect(contract.vaults.add.input.safeParse({ vault: 'kv', auth: { method: 'root' } }).success).toBe(
      false,
    );
  });

  it('has a closed set of error kinds', () => {
    expect(ERROR_KINDS).toEqual(
      expect.arrayContaining(['not-found', 'forbidden', 'conflict-deleted', 'network']),
    );
  });
});
