import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/content-security-policy';
import { hardenSession } from '../../../electron/main/session-hardening';

function fakeSession() {
  const s = {
    requestHandler: undefined as
      undefined | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
    checkHandler: undefined as undefined | ((...args: unknown[]) => boolean),
    headersHandler: undefined as undefined | ((details: unknown, cb: (r: unknown) => void) => void),
  };
  const session = {
    setPermissionRequestHandler: vi.fn((h) => (s.requestHandler = h)),
    setPermissionCheckHandler: vi.fn((h) => (s.checkHandler = h)),
    webRequest: { onHeadersReceived: vi.fn((h) => (s.headersHandler = h)) },
  };
  return { s, session: session as unknown as Session };
}

describe('session hardening', () => {
  it('denies every permission request and check', () => {
    const { s, session } = fakeSession();
    hardenSession(session, CONTENT_SECURITY_POLICY);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      s.requestHandler!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(s.checkHandler!({}, permission, 'file://', {})).toBe(false);
    }
  });

  it('adds the CSP header to every response, keeping the others', () => {
    const { s, session } = fakeSession();
    hardenSession(session, CONTENT_SECURITY_POLICY);
    const callback = vi.fn();
    s.headersHandler!({ responseHeaders: { 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'",
    );
  });

  it("the page's meta tag has the same policy (less frame-ancestors, which a meta tag cannot carry)", async () => {
    const html = await readFile(resolve(__dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const directives = (policy: string) => policy.split(';').map((d) => d.trim());
    expect(directives(meta ?? '')).toEqual(
      directives(CONTENT_SECURITY_POLICY).filter((d) => !d.startsWith('frame-ancestors')),
    );
  });
});
