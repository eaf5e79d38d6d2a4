import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelOf, type DeviceCodeEvent, type Result } from '../../../electron/contract';
import type { KluisCore } from '../../../electron/core';
import { openSignInPage } from '../../../electron/main/sign-in-browser';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy';
import { testProtector } from '../../support/test-protector';
import { approveDeviceCode, consentInBrowser, startIdentityWorld } from './helpers';
import { startTestCore, type TestCoreOptions } from '../../support/start-test-core';

/*
 * The Azure SDK reads HTTPS_PROXY and NO_PROXY once, when its first pipeline is built in this process, so they are
 * set before any test here builds one (each test file runs in its own module graph).
 */
const savedEnv = { HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };
let world: Awaited<ReturnType<typeof startIdentityWorld>>;
let proxy: ConnectProxy;
const dirs: string[] = [];
const cores: KluisCore[] = [];

beforeAll(async () => {
  world = await startIdentityWorld();
  proxy = await startConnectProxy();
  process.env.HTTPS_PROXY = proxy.url;
  process.env.NO_PROXY = 'localhost';
});
afterAll(async () => {
  for (const core of cores) await core.dispose();
  await proxy?.stop();
  await world?.stop();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const TRUSTED = { webContentsId: 1, isMainFrame: true, url: 'file:///app/index.html' };
const port = (url: string) => new URL(url).port;

const approve = (event: DeviceCodeEvent) => approveDeviceCode(world.provider, event);
const consent = (page: string) => consentInBrowser(world.provider, page);

async function launch(more: TestCoreOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'kluis-proxy-'));
  dirs.push(dir);
  const { core } = await startTestCore({
    userDataDir: dir,
    onEvent: (name, payload) => {
      if (name === 'auth.deviceCode') approve(payload as DeviceCodeEvent);
    },
    protector: testProtector(),
    openSignInPage: (url, host) => openSignInPage(url, host, consent),
    testTrust: {
      vaultCa: world.vault.caPem,
      signInCa: world.provider.caPem,
      disableChallengeResourceVerification: true,
    },
    ...more,
  });
  cores.push(core);
  return async <T>(group: string, method: string, input: unknown): Promise<T> => {
    const handler = core.handlers.get(channelOf(group, method));
    if (!handler) throw new Error(`no handler for ${group}.${method}`);
    const result = (await handler(TRUSTED, input)) as Result<T>;
    if (!result.ok) throw new Error(`${group}.${method}: ${JSON.stringify(result.error)}`);
    return result.value;
  };
}

const signIn = (method: 'device-code' | 'interactive-browser') => {
  const clientId = randomUUID();
  world.provider.registerClient({ clientId });
  return {
    method,
    clientId,
    cloud: 'custom' as const,
    authorityHost: world.provider.authorityHost,
    resource: 'https://vault.azure.net',
    tenantId: world.provider.tenantId,
  };
};

describe('an Azure-kind vault behind a CONNECT proxy', () => {
  it.each(['device-code', 'interactive-browser'] as const)(
    'the OS proxy (main resolved it) carries both the %s sign-in and the vault requests',
    async (method) => {
      const providerTarget = `127.0.0.1:${port(world.provider.authorityHost)}`;
      const vaultTarget = `127.0.0.1:${port(world.vault.url)}`;
      const before = { provider: proxy.tunnelsTo(providerTarget), vault: proxy.tunnelsTo(vaultTarget) };
      const asked: string[] = [];
      const call = await launch({
        proxyFor: async (vaultUrl) => {
          asked.push(vaultUrl);
          return { host: proxy.host, port: proxy.port };
        },
      });
      const vault = await call<{ id: string }>('vaults', 'add', {
        vault: world.vault.url,
        auth: signIn(method),
      });
      await call('secrets', 'set', { vaultId: vault.id, name: `via-proxy-${method}`, value: 'v' });
      await call('secrets', 'listPage', { vaultId: vault.id });
      expect(asked.map((u) => u.replace(/\/$/, ''))).toContain(world.vault.url.replace(/\/$/, ''));
      expect(proxy.tunnelsTo(providerTarget)).toBeGreaterThan(before.provider);
      expect(proxy.tunnelsTo(vaultTarget)).toBeGreaterThan(before.vault);
    },
  );

  it('through the tunnel the vault is still checked against its own trust: a certificate it does not trust fails', async () => {
    const vaultTarget = `127.0.0.1:${port(world.vault.url)}`;
    const before = proxy.tunnelsTo(vaultTarget);
    const call = await launch({
      proxyFor: async () => ({ host: proxy.host, port: proxy.port }),
      // Trust the provider's CA for the vault: the vault's certificate is not signed by it.
      testTrust: { vaultCa: world.provider.caPem, signInCa: world.provider.caPem },
    });
    const vault = await call<{ id: string }>('vaults', 'add', {
      vault: world.vault.url,
      auth: signIn('device-code'),
    });
    await expect(call('secrets', 'listPage', { vaultId: vault.id })).rejects.toThrow(/"kind":"tls"/);
    expect(proxy.tunnelsTo(vaultTarget)).toBeGreaterThan(before);
  });

  it('HTTPS_PROXY carries the sign-in; a NO_PROXY host (the vault, as localhost) goes direct', async () => {
    const providerTarget = `127.0.0.1:${port(world.provider.authorityHost)}`;
    const vaultPort = port(world.vault.url);
    const before = {
      provider: proxy.tunnelsTo(providerTarget),
      vault: proxy.tunnelsTo(`localhost:${vaultPort}`) + proxy.tunnelsTo(`127.0.0.1:${vaultPort}`),
    };
    // As main: with HTTPS_PROXY set, resolveVaultProxy leaves the proxy to the SDK (no proxyFor answer).
    const call = await launch({ proxyFor: async () => undefined });
    const vaultUrl = `https://localhost:${vaultPort}/`;
    const vault = await call<{ id: string }>('vaults', 'add', {
      vault: vaultUrl,
      auth: signIn('device-code'),
    });
    await call('secrets', 'set', { vaultId: vault.id, name: 'no-proxy-vault', value: 'v' });
    const page = await call<{ items: Array<{ name: string }> }>('secrets', 'listPage', { vaultId: vault.id });
    expect(page.items.map((i) => i.name)).toContain('no-proxy-vault');
    expect(proxy.tunnelsTo(providerTarget)).toBeGreaterThan(before.provider);
    expect(proxy.tunnelsTo(`localhost:${vaultPort}`) + proxy.tunnelsTo(`127.0.0.1:${vaultPort}`)).toBe(
      before.vault,
    );
  });
});

describe('the embedded local vault with a proxy configured', () => {
  it('never goes through it: not HTTPS_PROXY (NO_PROXY does not name 127.0.0.1), not the OS proxy', async () => {
    const asked: string[] = [];
    const call = await launch({
      // As if the OS proxy applied to every address: the local vault's client still does not ask or use it.
      proxyFor: async (vaultUrl) => {
        asked.push(vaultUrl);
        return { host: proxy.host, port: proxy.port };
      },
    });
    const local = await call<{ id: string; url: string }>('localVault', 'open', {});
    const target = `127.0.0.1:${port(local.url)}`;
    await call('secrets', 'set', { vaultId: local.id, name: 'local-no-proxy', value: 'v' });
    const page = await call<{ items: Array<{ name: string }> }>('secrets', 'listPage', { vaultId: local.id });
    expect(page.items.map((i) => i.name)).toContain('local-no-proxy');
    expect(process.env.HTTPS_PROXY).toBe(proxy.url);
    expect(proxy.tunnelsTo(target)).toBe(0);
    expect(asked).toEqual([]);
  });
});
