import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchPresentedChain,
  proxyForEndpoint,
  trustedByPins,
} from '../../../electron/core/vault/endpoint-trust';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault/index';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy';

/**
 * Checking a custom endpoint's certificate goes the way the vault's own requests go: behind a proxy, through its
 * CONNECT tunnel (a corporate network may allow nothing else), with the same chain and the same verdicts.
 */
describe('checking an endpoint certificate behind a proxy', () => {
  let vault: RunningLocalVault;
  let proxy: ConnectProxy;
  let target: string;
  beforeAll(async () => {
    vault = await startLocalVault({});
    proxy = await startConnectProxy();
    target = new URL(vault.url).host;
  });
  afterAll(async () => {
    await proxy?.stop();
    await vault?.stop();
  });

  it('reads the same chain through the tunnel as directly, and verifies pins through it', async () => {
    const direct = await fetchPresentedChain(vault.url);
    expect(proxy.tunnelsTo(target)).toBe(0);
    const tunnelled = await fetchPresentedChain(vault.url, { proxy: { host: proxy.host, port: proxy.port } });
    expect(proxy.tunnelsTo(target)).toBe(1);
    expect(tunnelled.chain.map((c) => c.fingerprint256)).toEqual(direct.chain.map((c) => c.fingerprint256));
    expect(tunnelled.chain.length).toBeGreaterThan(0);
    // The local vault's CA is not in the system store; pinned, it verifies, through the tunnel too.
    expect(tunnelled.trustedBySystem).toBe(false);
    expect(await trustedByPins(vault.url, [vault.caPem], { host: proxy.host, port: proxy.port })).toBe(true);
    expect(proxy.tunnelsTo(target)).toBe(2);
  });

  it('says which proxy failed when it refuses the tunnel', async () => {
    // Nothing listens on port 9 of loopback: the proxy cannot be reached.
    await expect(
      fetchPresentedChain(vault.url, { proxy: { host: '127.0.0.1', port: 9 } }),
    ).rejects.toMatchObject({
      error: {
        kind: 'network',
        message: expect.stringContaining('through the proxy 127.0.0.1:9') as unknown,
      },
    });
  });

  it('takes the proxy main resolved, else HTTPS_PROXY unless NO_PROXY names the host', async () => {
    const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };
    try {
      process.env.HTTPS_PROXY = 'http://proxy.example:3128';
      process.env.NO_PROXY = '.internal.example';
      expect(await proxyForEndpoint('https://vault.stack.example')).toEqual({
        host: 'proxy.example',
        port: 3128,
      });
      expect(await proxyForEndpoint('https://kv.internal.example')).toBeUndefined();
      expect(
        await proxyForEndpoint('https://kv.internal.example', async () => ({ host: 'os-proxy', port: 8080 })),
      ).toEqual({ host: 'os-proxy', port: 8080 });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
