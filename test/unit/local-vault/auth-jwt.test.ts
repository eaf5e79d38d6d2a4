import { describe, expect, it } from 'vitest';
import { jwtVerifier, type JwtAuthConfig } from '../../../electron/local-vault/auth-jwt';
import { issuerTenant, requestAuthenticator } from '../../../electron/local-vault/auth';
import { newSigningKey, signJwt } from '../../support/jwt';

const ISSUER = 'https://login.example.test/tenant-1/v2.0';
const cfg: JwtAuthConfig = { mode: 'jwt', issuer: ISSUER, jwksUri: 'https://login.example.test/keys' };
const NOW = 1_800_000_000_000;
const key = newSigningKey('k1');

function setup(keys = [key], extra: Partial<Parameters<typeof jwtVerifier>[1]> = {}) {
  let fetches = 0;
  let published = keys;
  const check = jwtVerifier(cfg, {
    now: () => NOW,
    fetchJwks: async () => {
      fetches++;
      return { keys: published.map((k) => k.jwk) };
    },
    ...extra,
  });
  return {
    check,
    fetches: () => fetches,
    publish: (k: typeof keys) => {
      published = k;
    },
  };
}

const claims = (over: Record<string, unknown> = {}) => ({
  iss: ISSUER,
  aud: 'https://vault.azure.net',
  exp: NOW / 1000 + 600,
  nbf: NOW / 1000 - 10,
  ...over,
});
const message = async (p: Promise<{ message: string } | undefined>) => (await p)?.message;

describe('jwt verifier', () => {
  it('accepts a well-formed token, with or without the audience slash', async () => {
    const { check } = setup();
    expect(await check(signJwt(claims(), key))).toBeUndefined();
    expect(await check(signJwt(claims({ aud: 'https://vault.azure.net/' }), key))).toBeUndefined();
    expect(await check(signJwt(claims({ aud: ['other', 'https://vault.azure.net'] }), key))).toBeUndefined();
  });

  it('caches the key set and refetches only for an unknown kid, at most every minRefetchMs', async () => {
    let now = NOW;
    const s = setup([key], { now: () => now, minRefetchMs: 1000 });
    await s.check(signJwt(claims(), key));
    await s.check(signJwt(claims(), key));
    expect(s.fetches()).toBe(1);
    const k2 = newSigningKey('k2');
    s.publish([key, k2]);
    expect(await message(s.check(signJwt(claims(), k2)))).toMatch(/^AKV10046/); // too soon to refetch
    now += 1000;
    expect(await s.check(signJwt(claims(), k2))).toBeUndefined();
    expect(s.fetches()).toBe(2);
  });

  it('refuses a bad signature, a foreign key, or another algorithm', async () => {
    const { check } = setup();
    const good = signJwt(claims(), key);
    const [h, p] = good.split('.');
    const forged = `${h}.${p}.${Buffer.from('x'.repeat(256)).toString('base64url')}`;
    expect(await message(check(forged))).toMatch(/signature is not valid/);
    const impostor = { ...newSigningKey('k1') };
    expect(await message(check(signJwt(claims(), impostor)))).toMatch(/signature is not valid/);
    expect(await message(check(signJwt(claims(), key, { alg: 'none' })))).toMatch(/signature/);
  });

  it('words issuer, audience and lifetime errors like the service', async () => {
    const { check } = setup();
    expect(await message(check(signJwt(claims({ iss: 'https://evil/v2.0' }), key)))).toBe(
      `AKV10032: Invalid issuer. Expected one of ${ISSUER}, found https://evil/v2.0.`,
    );
    expect(await message(check(signJwt(claims({ aud: 'https://management.azure.com/' }), key)))).toBe(
      'AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://management.azure.com/.',
    );
    expect(await message(check(signJwt(claims({ exp: NOW / 1000 - 301 }), key)))).toBe(
      "[TokenExpired] Error validating token: 'S2S12086'.",
    );
    expect(await message(check(signJwt(claims({ exp: undefined }), key)))).toMatch(/TokenExpired/);
    expect(await message(check(signJwt(claims({ nbf: NOW / 1000 + 301 }), key)))).toBe(
      'Token not yet valid.',
    );
  });

  it('tolerates five minutes of clock skew', async () => {
    const { check } = setup();
    expect(
      await check(signJwt(claims({ exp: NOW / 1000 - 299, nbf: NOW / 1000 + 299 }), key)),
    ).toBeUndefined();
  });

  it('refuses malformed tokens without fetching keys', async () => {
    const { check, fetches } = setup();
    for (const t of ['abc', 'a.b', 'a.b.c', '..', 'e30.e30.!!']) {
      expect(await message(check(t))).toMatch(/^AKV10032/);
    }
    expect(fetches()).toBe(0);
  });

  it('a failing key fetch means the key is unknown, and is reported', async () => {
    const warnings: string[] = [];
    const check = jwtVerifier(cfg, {
      now: () => NOW,
      fetchJwks: async () => Promise.reject(new Error('ECONNREFUSED')),
      warn: (m) => warnings.push(m),
    });
    expect(await message(check(signJwt(claims(), key)))).toMatch(/^AKV10046/);
    expect(warnings).toEqual(['jwks: fetch failed (ECONNREFUSED)']);
  });
});

describe('requestAuthenticator', () => {
  it('needs a bearer token in jwt mode', async () => {
    const auth = requestAuthenticator(cfg);
    expect((await auth(undefined))?.message).toMatch(/^AKV10000/);
    expect((await auth('Basic x'))?.message).toMatch(/^AKV10000/);
  });
  it('keeps token mode synchronous', () => {
    const auth = requestAuthenticator({ mode: 'token', token: 't' });
    expect(auth('Bearer t')).toBeUndefined();
    expect((auth('Bearer u') as { status: number }).status).toBe(401);
  });
  it('takes the challenge tenant from the issuer path', () => {
    expect(issuerTenant(ISSUER)).toBe('tenant-1');
    expect(issuerTenant('https://sts.windows.net/abc/')).toBe('abc');
    expect(issuerTenant('https://issuer.example')).toBeUndefined();
  });
});
