import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_INDEX_URL,
  handleAppProtocol,
  registerAppScheme,
  resolveAppPath,
} from '../../../electron/main/app-protocol';

const root = resolve('/app/out/renderer');

describe('app:// protocol', () => {
  it('maps our URLs to files inside the renderer folder', () => {
    expect(resolveAppPath(APP_INDEX_URL, root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://kluis/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://kluis/assets/index-abc.js?v=1#x', root)).toBe(
      join(root, 'assets/index-abc.js'),
    );
    expect(resolveAppPath('app://kluis/assets/a%20b.css', root)).toBe(join(root, 'assets/a b.css'));
  });

  it('refuses other hosts, schemes, traversal and malformed paths', () => {
    for (const url of [
      'app://evil/index.html',
      'file:///etc/passwd',
      'https://kluis/index.html',
      'app://kluis/../../etc/passwd',
      'app://kluis/%2e%2e/%2e%2e/etc/passwd',
      'app://kluis/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://kluis/%E0%A4%A',
      'app://kluis/index.html%00.js',
      'app://user:pw@kluis/index.html',
      'not a url',
    ]) {
      // Either refused, or (when the URL parser already folded the dots away) a path inside the folder.
      const file = resolveAppPath(url, root);
      if (file !== undefined) expect(file.startsWith(root + '/'), url).toBe(true);
    }
    expect(resolveAppPath('app://evil/index.html', root)).toBeUndefined();
    expect(resolveAppPath('app://kluis/assets/..%2f..%2f..%2fetc%2fpasswd', root)).toBeUndefined();
    expect(resolveAppPath('app://kluis/index.html%00.js', root)).toBeUndefined();
  });

  it('registers a secure standard scheme', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
  });

  it('serves files with the CSP header and 404s everything else', async () => {
    let handler: ((request: Request) => Promise<Response>) | undefined;
    const protocol = { handle: vi.fn((_scheme: string, h: typeof handler) => (handler = h)) };
    const net = {
      fetch: vi.fn(async () => new Response('<html></html>', { headers: { 'content-type': 'text/html' } })),
    };
    handleAppProtocol(protocol as never, net as never, root, "default-src 'none'");
    const ok = await handler!(new Request(APP_INDEX_URL));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(net.fetch).toHaveBeenCalledWith(`file://${join(root, 'index.html')}`);
    expect((await handler!(new Request('app://evil/index.html'))).status).toBe(404);
    expect((await handler!(new Request(APP_INDEX_URL, { method: 'POST', body: 'x' }))).status).toBe(404);
  });
});
