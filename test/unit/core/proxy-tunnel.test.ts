import { describe, expect, it } from 'vitest';
import { environmentProxy, isLoopbackHost } from '../../../electron/core/vault/proxy-tunnel';

describe('environmentProxy', () => {
  const env = {
    HTTPS_PROXY: 'http://proxy.corp:3128',
    NO_PROXY: 'localhost, .internal.test,vault.example:443',
  };
  it('uses HTTPS_PROXY unless NO_PROXY names the host (exact, .suffix, with or without a port)', () => {
    expect(environmentProxy('kv.vault.azure.net', env)).toEqual({ host: 'proxy.corp', port: 3128 });
    expect(environmentProxy('localhost', env)).toBeUndefined();
    expect(environmentProxy('a.internal.test', env)).toBeUndefined();
    expect(environmentProxy('internal.test', env)).toBeUndefined();
    expect(environmentProxy('vault.example', env)).toBeUndefined();
    expect(environmentProxy('notinternal.test', env)).toEqual({ host: 'proxy.corp', port: 3128 });
  });
  it('"*" bypasses all; no proxy variable means none; a bare host:port is read as http', () => {
    expect(environmentProxy('x.test', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' })).toBeUndefined();
    expect(environmentProxy('x.test', {})).toBeUndefined();
    expect(environmentProxy('x.test', { https_proxy: 'p.corp:8080' })).toEqual({
      host: 'p.corp',
      port: 8080,
    });
  });
});

describe('isLoopbackHost', () => {
  it('is 127.0.0.0/8, ::1 and localhost, nothing else', () => {
    for (const host of [
      '127.0.0.1',
      '127.8.9.10',
      '[::1]',
      '::1',
      '::ffff:127.0.0.1',
      'localhost',
      'LOCALHOST',
      'a.localhost',
    ])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [
      '128.0.0.1',
      '10.0.0.1',
      '::2',
      'localhost.example',
      '127.0.0.1.nip.io',
      'kv.vault.azure.net',
    ])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});
