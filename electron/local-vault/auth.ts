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

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Builds the per-request check once, so the expected token's digest is computed only at startup. */
export function authorizer(auth: AuthConfig): (header: string | undefined) => AuthOutcome {
  const expected = auth.mode === 'token' ? digest(auth.token) : undefined;
  return (header) => {
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const presented = match?.[1];
    if (!presented) return 'missing';
    if (!expected) return 'ok';
    // Compare digests so the comparison takes the same time whatever the token's length.
    return timingSafeEqual(digest(presented), expected) ? 'ok' : 'invalid';
  };
}

export function checkAuthorization(header: string | undefined, auth: AuthConfig): AuthOutcome {
  return authorizer(auth)(header);
}
