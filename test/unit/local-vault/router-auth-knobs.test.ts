import { describe, expect, it } from 'vitest';
import { challengeHeader, checkAuthorization } from '../../../electron/local-vault/auth';
import { ServiceError } from '../../../electron/local-vault/errors';
import { FaultInjector, seededRandom, Throttle } from '../../../electron/local-vault/knobs';
import { route } from '../../../electron/local-vault/router';

describe('router', () => {
  it('maps the twelve operations', () => {
    expect(route('PUT', '/secrets/a')).toEqual({ op: 'set', name: 'a' });
    expect(route('GET', '/secrets/a')).toEqual({ op: 'get', name: 'a' });
    expect(route('GET', '/secrets/a/')).toEqual({ op: 'get', name: 'a' });
    expect(route('GET', '/secrets/a/abc')).toEqual({ op: 'get', name: 'a', version: 'abc' });
    expect(route('PATCH', '/secrets/a/')).toEqual({ op: 'update', name: 'a' });
    expect(route('PATCH', '/secrets/a/v1')).toEqual({ op: 'update', name: 'a', version: 'v1' });
    expect(route('DELETE', '/secrets/a')).toEqual({ op: 'delete', name: 'a' });
    expect(route('GET', '/secrets')).toEqual({ op: 'list' });
    expect(route('GET', '/secrets/a/versions')).toEqual({ op: 'versions', name: 'a' });
    expect(route('GET', '/deletedsecrets')).toEqual({ op: 'listDeleted' });
    expect(route('GET', '/deletedsecrets/a')).toEqual({ op: 'getDeleted', name: 'a' });
    expect(route('POST', '/deletedsecrets/a/recover')).toEqual({ op: 'recover', name: 'a' });
    expect(route('DELETE', '/deletedsecrets/a')).toEqual({ op: 'purge', name: 'a' });
    expect(route('POST', '/secrets/a/backup')).toEqual({ op: 'backup', name: 'a' });
    expect(route('POST', '/secrets/restore')).toEqual({ op: 'restore' });
    // "restore" is also a legal secret name for the other verbs.
    expect(route('PUT', '/secrets/restore')).toEqual({ op: 'set', name: 'restore' });
  });

  it('gives 405 for wrong methods and 404 for unknown paths', () => {
    expect((route('PUT', '/secrets/') as ServiceError).toBody()).toEqual({
      error: { code: 'MethodNotAllowed', message: 'HTTP PUT not allowed' },
    });
    expect((route('POST', '/secrets/a') as ServiceError).status).toBe(405);
    expect((route('GET', '/keys') as ServiceError).status).toBe(404);
    expect((route('GET', '/secrets/a/b/c') as ServiceError).status).toBe(404);
  });
});

describe('auth', () => {
  it('words the challenge like the service', () => {
    expect(challengeHeader('t', 'https://vault.azure.net')).toBe(
      'Bearer authorization="https://login.microsoftonline.com/t", resource="https://vault.azure.net"',
    );
  });

  it('checks bearer tokens', () => {
    const token = { mode: 'token', token: 'abc' } as const;
    expect(checkAuthorization(undefined, token)).toBe('missing');
    expect(checkAuthorization('Basic abc', token)).toBe('missing');
    expect(checkAuthorization('Bearer ', token)).toBe('missing');
    expect(checkAuthorization('Bearer abc', token)).toBe('ok');
    expect(checkAuthorization('bearer abc', token)).toBe('ok');
    expect(checkAuthorization('Bearer abd', token)).toBe('invalid');
    expect(checkAuthorization('Bearer anything', { mode: 'any' })).toBe('ok');
  });
});

describe('throttle', () => {
  it('counts creates and others per fixed 10 s window', () => {
    let now = 20_000;
    const t = new Throttle({ createsPer10s: 1, othersPer10s: 2, omitRetryAfter: false }, () => now);
    expect(t.admit(true)).toBeUndefined();
    expect(t.admit(true)).toBe(10);
    expect(t.admit(false)).toBeUndefined();
    expect(t.admit(false)).toBeUndefined();
    now = 27_500;
    expect(t.admit(false)).toBe(3);
    now = 30_000;
    expect(t.admit(true)).toBeUndefined();
  });
});

describe('faults', () => {
  it('are reproducible from the seed and roughly at the rate', () => {
    const draw = (seed: number) => {
      const f = new FaultInjector(0.2, seed);
      return Array.from({ length: 2000 }, () => f.next());
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
    const hits = draw(3).filter((x) => x !== 'none').length;
    expect(hits).toBeGreaterThan(300);
    expect(hits).toBeLessThan(500);
    expect(() => new FaultInjector(1.5, 1)).toThrow(RangeError);
    const r = seededRandom(1);
    expect(r()).toBeGreaterThanOrEqual(0);
  });
});
