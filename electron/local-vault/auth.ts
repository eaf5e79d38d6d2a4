import { createHash, timingSafeEqual } from 'node:crypto';

export type AuthConfig = { mode: 'token'; token: string } | { mode: 'any' };

/**
 * The challenge exactly as the service words it: comma + space between quoted params. The JS SDK
 * splits on /,? +/ and needs `resource`; Python splits on "," and needs `authorization`.
 */
export function challengeHeader(tenantId: string, resource: string): string {
  return `Bearer authorization="https://login.microsoftonline.com/${tenantId}", resource="${resource}"`;
}

export type AuthOutcome = 'ok' | 'missing' | 'invalid';

export function checkAuthorization(header: string | undefined, auth: AuthConfig): AuthOutcome {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  const presented = match?.[1];
  if (!presented) return 'missing';
  if (auth.mode === 'any') return 'ok';
  // Compare digests so the comparison takes the same time whatever the token's length.
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(auth.token).digest();
  return timingSafeEqual(a, b) ? 'ok' : 'invalid';
}
