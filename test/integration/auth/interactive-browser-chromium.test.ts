import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../../../electron/core/auth/credentials';
import { openSignInPage } from '../../../electron/main/sign-in-browser';
import { startIdentityWorld, vaultClient } from './helpers';
import { CHROMIUM_ARGS, chromiumPath } from '../../support/chromium';

const dir = mkdtempSync(join(tmpdir(), 'kluis-chromium-'));
let world: Awaited<ReturnType<typeof startIdentityWorld>>;
let context: BrowserContext | undefined;
const visited: string[] = [];

beforeAll(async () => {
  world = await startIdentityWorld();
});
afterAll(async () => {
  await context?.close();
  await world?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Chromium does not know the provider's test CA, and its TLS checks stay on: requests to the provider are taken
 * over by Playwright and made from Node, trusting exactly that CA. Everything else (the app's http loopback
 * listener) Chromium reaches itself.
 */
async function forwardTrusting(route: Route, ca: string): Promise<void> {
  const req = route.request();
  const reply = await new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>(
    (resolve, reject) => {
      const out = request(req.url(), { method: req.method(), ca, headers: req.headers() }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k] = v;
          resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
        });
      });
      out.on('error', reject);
      out.end(req.postDataBuffer() ?? undefined);
    },
  );
  await route.fulfill(reply);
}

describe('interactive-browser in Chromium', () => {
  it('the sign-in page opens in Chromium, which returns to the app through the loopback redirect', async () => {
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.route(`${world.provider.authorityHost}/**`, (route) =>
      forwardTrusting(route, world.provider.caPem),
    );
    page.on('request', (r) => {
      const u = new URL(r.url());
      visited.push(`${u.origin}${u.pathname}${u.searchParams.has('code') ? ' with code' : ''}`);
    });

    // Kluis's checked opener (main wraps shell.openExternal the same way) hands the page to this Chromium tab.
    const opened: string[] = [];
    const openExternal = async (url: string) => {
      opened.push(url);
      void page.goto(url).catch(() => undefined);
    };

    const clientId = randomUUID();
    world.provider.registerClient({ clientId });
    const credential = await createCredential(
      {
        method: 'interactive-browser',
        clientId,
        tenantId: world.provider.tenantId,
        cloud: 'custom',
        authorityHost: world.provider.authorityHost,
        resource: 'https://vault.azure.net',
      },
      {
        tokenOptions: { tlsOptions: { ca: world.provider.caPem } },
        openSignInPage: (url, host) => openSignInPage(url, host, openExternal),
      },
    );
    const client = vaultClient(world.vault, credential);
    await client.setSecret('from-chromium', 'v');
    expect((await client.getSecret('from-chromium')).value).toBe('v');
    expect(opened).toHaveLength(1);
    // Chromium went from the provider's authorize page to the app's loopback listener, carrying the code.
    const authorize = visited.indexOf(
      `${world.provider.authorityHost}/${world.provider.tenantId}/oauth2/v2.0/authorize`,
    );
    expect(authorize).toBeGreaterThanOrEqual(0);
    expect(visited.slice(authorize + 1).some((o) => /^http:\/\/127\.0\.0\.1:\d+\/ with code$/.test(o))).toBe(
      true,
    );
  });
});
