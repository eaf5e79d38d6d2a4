import { describe, expect, it, vi } from 'vitest';
import { electronMock } from './electron-mock';

vi.mock('electron', () => electronMock);

const { createSafeStorageProtector } = await import('../../../electron/main/safe-storage-protector');
const { isSignInPage, openSignInPage } = await import('../../../electron/main/sign-in-browser');
const { parsePacResult, resolveVaultProxy } = await import('../../../electron/main/proxy-resolution');

describe('safeStorage protector', () => {
  it('encrypts and decrypts through the async API', async () => {
    const protector = createSafeStorageProtector('linux');
    const data = await protector.encrypt('cache');
    expect(electronMock.safeStorage.encryptStringAsync).toHaveBeenCalledWith('cache');
    expect((await protector.decrypt(data)).result).toBe('cache');
    expect(await protector.isAvailable()).toBe(true);
  });

  it("is not OS-protected on Linux's basic_text backend only", () => {
    electronMock.safeStorage.getSelectedStorageBackend.mockReturnValueOnce('basic_text');
    expect(createSafeStorageProtector('linux').isOsProtected()).toBe(false);
    expect(createSafeStorageProtector('linux').isOsProtected()).toBe(true);
    expect(createSafeStorageProtector('darwin').isOsProtected()).toBe(true);
  });
});

describe('sign-in page check', () => {
  const host = 'https://login.microsoftonline.us';
  it('allows https pages on the authority host only', () => {
    expect(isSignInPage('https://login.microsoftonline.us/tenant/oauth2/v2.0/authorize?x=1', host)).toBe(
      true,
    );
    expect(isSignInPage('http://login.microsoftonline.us/tenant', host)).toBe(false);
    expect(isSignInPage('https://login.microsoftonline.us.evil.test/', host)).toBe(false);
    expect(isSignInPage('https://user:pw@login.microsoftonline.us/', host)).toBe(false);
    expect(isSignInPage('file:///etc/passwd', host)).toBe(false);
    expect(isSignInPage('not a url', host)).toBe(false);
  });

  it('opens only what passes', async () => {
    const open = vi.fn(async () => undefined);
    expect(await openSignInPage('https://login.microsoftonline.us/t', host, open)).toBe(true);
    expect(await openSignInPage('ms-settings:privacy', host, open)).toBe(false);
    expect(open).toHaveBeenCalledTimes(1);
  });
});

describe('PAC results', () => {
  it('takes the first proxy, stops at DIRECT, skips SOCKS and junk', () => {
    expect(parsePacResult('PROXY proxy.corp:8080; DIRECT')).toEqual({ host: 'proxy.corp', port: 8080 });
    expect(parsePacResult('DIRECT')).toBeUndefined();
    expect(parsePacResult('DIRECT; PROXY p:1')).toBeUndefined();
    expect(parsePacResult('SOCKS5 s:1080; HTTPS secure.corp:443')).toEqual({
      host: 'secure.corp',
      port: 443,
    });
    expect(parsePacResult('PROXY [::1]:3128')).toEqual({ host: '[::1]', port: 3128 });
    expect(parsePacResult('PROXY bad:99999; PROXY no-port')).toBeUndefined();
    expect(parsePacResult('')).toBeUndefined();
  });

  it('leaves HTTPS_PROXY to the SDK and survives a failing resolver', async () => {
    const resolve = vi.fn(async () => 'PROXY p.corp:3128');
    expect(
      await resolveVaultProxy('https://v.vault.azure.net/', resolve, { HTTPS_PROXY: 'http://x:1' }),
    ).toBe(undefined);
    expect(await resolveVaultProxy('https://v.vault.azure.net/', resolve, {})).toEqual({
      host: 'p.corp',
      port: 3128,
    });
    expect(
      await resolveVaultProxy('https://v/', async () => Promise.reject(new Error('no')), {}),
    ).toBeUndefined();
  });
});
