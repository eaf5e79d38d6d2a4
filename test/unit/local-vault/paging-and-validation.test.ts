import { describe, expect, it } from 'vitest';
import { checkApiVersion } from '../../../electron/local-vault/api-versions';
import { ServiceError } from '../../../electron/local-vault/errors';
import {
  decodeSkipToken,
  encodeSkipToken,
  firstAfter,
  nextLinkFor,
  parseMaxResults,
} from '../../../electron/local-vault/paging';
import { parseSetBody, parseUpdateBody } from '../../../electron/local-vault/validation';

function errorOf(f: () => unknown): ServiceError {
  try {
    f();
  } catch (e) {
    if (e instanceof ServiceError) return e;
    throw e;
  }
  throw new Error('expected a ServiceError');
}

describe('paging', () => {
  it('parses maxresults 1..25 with default 25', () => {
    expect(parseMaxResults(null)).toBe(25);
    expect(parseMaxResults('1')).toBe(1);
    expect(parseMaxResults('25')).toBe(25);
    for (const bad of ['0', '26', '-1', '1.5', 'x', ' 3'])
      expect(errorOf(() => parseMaxResults(bad)).status).toBe(400);
  });

  it('round-trips skiptokens and rejects junk', () => {
    expect(decodeSkipToken(encodeSkipToken('NAME-1'))).toBe('NAME-1');
    expect(decodeSkipToken(null)).toBeUndefined();
    expect(errorOf(() => decodeSkipToken('!!')).code).toBe('BadParameter');
    expect(errorOf(() => decodeSkipToken(Buffer.from('{"x":1}').toString('base64url'))).status).toBe(400);
  });

  it('finds the first key after a marker', () => {
    const keys = ['A', 'B', 'D'];
    expect(firstAfter(keys, undefined)).toBe(0);
    expect(firstAfter(keys, 'A')).toBe(1);
    expect(firstAfter(keys, 'C')).toBe(2);
    expect(firstAfter(keys, 'D')).toBe(3);
  });

  it('builds absolute nextLinks with api-version, $skiptoken and maxresults', () => {
    const link = nextLinkFor('https://127.0.0.1:8443', '/secrets', '7.6', 'B', 2);
    expect(link).toBe(
      `https://127.0.0.1:8443/secrets?api-version=7.6&$skiptoken=${encodeSkipToken('B')}&maxresults=2`,
    );
  });
});

describe('api-version', () => {
  it('accepts supported versions and words the 400 like the service', () => {
    expect(checkApiVersion('7.4')).toBe('7.4');
    expect(checkApiVersion('2026-04-01')).toBe('2026-04-01');
    const e = checkApiVersion('1.0') as ServiceError;
    expect(e.message).toBe(
      'The specified version (1.0) is not recognized. Consider using the latest supported version (2026-04-01).',
    );
    expect((checkApiVersion(null) as ServiceError).status).toBe(400);
  });
});

describe('request bodies', () => {
  it('parses a set body, ignoring read-only attributes', () => {
    expect(
      parseSetBody({
        value: 'v',
        contentType: 'ct',
        tags: { a: 'b' },
        attributes: { enabled: false, nbf: 1, exp: 2, created: 5, recoveryLevel: 'x' },
      }),
    ).toEqual({ value: 'v', contentType: 'ct', tags: { a: 'b' }, enabled: false, nbf: 1, exp: 2 });
    expect(parseSetBody({ value: '', attributes: {} })).toEqual({ value: '' });
  });

  it('enforces the service limits', () => {
    expect(parseSetBody({ value: 'x'.repeat(25_600) }).value).toHaveLength(25_600);
    expect(errorOf(() => parseSetBody({ value: 'x'.repeat(25_601) })).message).toBe(
      'Secret is beyond the maximum permitted length of 25600 characters.',
    );
    expect(errorOf(() => parseSetBody({ value: 'v', contentType: 'c'.repeat(256) })).status).toBe(400);
    const tags = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v']));
    expect(errorOf(() => parseSetBody({ value: 'v', tags })).message).toBe('Property has invalid value');
    expect(errorOf(() => parseSetBody({ value: 'v', tags: { ['k'.repeat(513)]: 'v' } })).status).toBe(400);
  });

  it('rejects wrong types', () => {
    for (const body of [null, [], 'v', 1, { value: 1 }, { value: 'v', attributes: { exp: '1' } }]) {
      expect(errorOf(() => parseSetBody(body)).code).toBe('BadParameter');
    }
  });

  it('distinguishes "clear" (null) from "unchanged" (absent) on update', () => {
    expect(parseUpdateBody({ tags: null, attributes: { nbf: null } })).toEqual({ tags: null, nbf: null });
    expect(parseUpdateBody({})).toEqual({});
  });
});

describe('tags named like Object.prototype members', () => {
  it('are kept as ordinary tags', () => {
    const parsed = parseSetBody(JSON.parse('{"value":"v","tags":{"__proto__":"x","constructor":"y"}}'));
    expect(Object.keys(parsed.tags ?? {})).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(parsed.tags)).toBe('{"__proto__":"x","constructor":"y"}');
  });
});
