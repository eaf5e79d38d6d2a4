import { createPublicKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';

/** An RS256 signing key with its public half as a JWK, as an OpenID provider publishes it. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

export function newSigningKey(kid: string = randomUUID()): SigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as Record<string, unknown>;
  return { kid, privateKey, jwk: { ...jwk, kid, use: 'sig', alg: 'RS256' } };
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact RS256 JWT. */
export function signJwt(
  claims: Record<string, unknown>,
  key: Pick<SigningKey, 'kid' | 'privateKey'>,
  header: Record<string, unknown> = {},
): string {
  const input = `${b64({ typ: 'JWT', alg: 'RS256', kid: key.kid, ...header })}.${b64(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

export function decodeJwtPart(token: string, part: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[part] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}
