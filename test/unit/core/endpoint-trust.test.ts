import { X509Certificate } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { PinnedCertificate, Settings, VaultConfig } from '../../../electron/contract';
import { contract } from '../../../electron/contract';
import {
  checkPinnable,
  describeCertificate,
  originOf,
  pinnableOrigins,
  pinnedPemsFor,
} from '../../../electron/core/vault/endpoint-trust';
import { tlsMessage, toKluisError } from '../../../electron/core/errors/error-mapping';
import { defaultSettings, SettingsOnDisk } from '../../../electron/core/settings/settings-schema';
import { createSettingsState } from '../../../electron/core/settings/settings-state';
import { endpointTrust } from '../../../electron/core/vault/connection-policy';
import { createVaultList } from '../../../electron/core/vault/vault-list';
import { generateCa, issueLeaf } from '../../../electron/local-vault/tls';

const customVault = (pins: PinnedCertificate[] = []): VaultConfig => ({
  id: 'v1',
  displayName: 'Stack',
  url: 'https://vault.stack.example:8443/',
  kind: 'azure',
  auth: {
    method: 'device-code',
    cloud: 'custom',
    authorityHost: 'https://login.stack.example',
    resource: 'https://keyvault.stack.example',
  },
  pinned: false,
  ...(pins.length ? { pinnedCertificates: pins } : {}),
});
const pin = (
  origin: string,
  pem = `-----BEGIN CERTIFICATE-----\nAA${origin.length}\n-----END CERTIFICATE-----\n`,
) => ({
  origin,
  fingerprint256: Array.from({ length: 32 }, () => 'AB').join(':'),
  subject: 'CN=x',
  validTo: 0,
  pem,
});

describe('endpoint trust: which endpoints may be pinned', () => {
  it('a custom-cloud vault has its own origin and its sign-in host; other vaults have none', () => {
    expect(pinnableOrigins(customVault())).toEqual([
      'https://vault.stack.example:8443',
      'https://login.stack.example',
    ]);
    expect(pinnableOrigins({ ...customVault(), auth: { method: 'azure-cli' } })).toEqual([]);
    expect(pinnableOrigins({ ...customVault(), kind: 'local', auth: { method: 'local' } })).toEqual([]);
    expect(originOf('https://Vault.Stack.Example:443/x')).toBe('https://vault.stack.example');
    expect(() => originOf('http://vault.stack.example')).toThrow(/Only https/);
  });

  it('refuses origins that are not the vault’s and vaults that are not on a custom cloud', () => {
    expect(checkPinnable(customVault(), 'https://LOGIN.stack.example:443')).toBe(
      'https://login.stack.example',
    );
    expect(() => checkPinnable(customVault(), 'https://evil.example')).toThrow(
      /not one of this vault's endpoints/,
    );
    expect(() =>
      checkPinnable({ ...customVault(), auth: { method: 'default' } }, 'https://vault.stack.example:8443'),
    ).toThrow(/only for vaults on a custom cloud/);
  });
});

describe('endpoint trust: what the SDK clients get', () => {
  it('pins replace the CAs for exactly their origin; challenge-resource check off only with a pinned custom vault whose host is not under its resource', () => {
    const vaultPin = pin('https://vault.stack.example:8443');
    const loginPin = pin('https://login.stack.example');
    const none = endpointTrust(customVault());
    expect(none).toEqual({ disableChallengeResourceVerification: false });

    const both = endpointTrust(customVault([vaultPin, loginPin]));
    expect(both.vaultTls).toEqual({ ca: [vaultPin.pem], allowPartialTrustChain: true });
    expect(both.signInTls).toEqual({ ca: [loginPin.pem], allowPartialTrustChain: true });
    expect(both.disableChallengeResourceVerification).toBe(true);

    // Where the vault's host lies under its resource's domain, the SDK's check can pass, so it stays on.
    const under = customVault([vaultPin, loginPin]);
    under.auth = { ...under.auth, resource: 'https://stack.example' };
    expect(endpointTrust(under).disableChallengeResourceVerification).toBe(false);

    const loginOnly = endpointTrust(customVault([loginPin]));
    expect(loginOnly.vaultTls).toBeUndefined();
    expect(loginOnly.disableChallengeResourceVerification).toBe(false);
    expect(pinnedPemsFor(customVault([vaultPin, loginPin]), 'https://login.stack.example')).toEqual([
      loginPin.pem,
    ]);
  });

  it('pins of a vault that is no longer on a custom cloud are ignored', () => {
    const v = {
      ...customVault([pin('https://vault.stack.example:8443')]),
      auth: { method: 'azure-cli' as const },
    };
    expect(endpointTrust(v)).toEqual({ disableChallengeResourceVerification: false });
  });

  it('nothing in the settings or the contract can turn verification off', () => {
    const text = JSON.stringify(SettingsOnDisk.shape) + JSON.stringify(Object.keys(contract.vaults));
    expect(text).not.toMatch(/rejectUnauthorized|insecure|skipVerif/i);
  });
});

describe('describing a certificate', () => {
  it('gives the fingerprint as node:crypto computes it, CA and self-signed flags, one-line names', async () => {
    const ca = await generateCa('Pin Test Root');
    const leaf = await issueLeaf(ca);
    const root = describeCertificate(new X509Certificate(ca.certPem).raw);
    const server = describeCertificate(new X509Certificate(leaf.certPem).raw);
    expect(root).toMatchObject({
      subject: 'CN=Pin Test Root',
      issuer: 'CN=Pin Test Root',
      fingerprint256: new X509Certificate(ca.certPem).fingerprint256,
      isCa: true,
      selfSigned: true,
    });
    expect(server).toMatchObject({
      subject: 'CN=localhost',
      issuer: 'CN=Pin Test Root',
      isCa: false,
      selfSigned: false,
    });
    expect(server.validTo).toBeGreaterThan(server.validFrom);
    expect(server.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });
});

describe('TLS error messages', () => {
  it('custom clouds are sent to Settings to pin; a wrong host name is not offered a pin', () => {
    expect(tlsMessage('vault.stack.example', 'SELF_SIGNED_CERT_IN_CHAIN', { customCloud: true })).toMatch(
      /not trusted .*Settings, Certificates.*pin it\. Kluis never turns certificate checks off/,
    );
    expect(tlsMessage('vault.stack.example', 'ERR_TLS_CERT_ALTNAME_INVALID', { customCloud: true })).toMatch(
      /not for this address/,
    );
    expect(tlsMessage('x.vault.azure.net', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', {})).toMatch(/proxy/);
    const mapped = toKluisError(
      { code: 'SELF_SIGNED_CERT_IN_CHAIN', message: 'self-signed certificate in certificate chain' },
      { vaultUrl: 'https://vault.stack.example:8443/', customCloud: true },
    );
    expect(mapped).toMatchObject({ kind: 'tls', host: 'vault.stack.example:8443' });
    expect(mapped.message).toMatch(/Certificates/);
  });
});

describe('pins in the vault list and settings file', () => {
  function setup(initial: Settings) {
    const forget = vi.fn();
    const state = createSettingsState(initial, { load: vi.fn(), save: async () => undefined }, vi.fn());
    return { vaults: createVaultList(state, forget), state, forget };
  }

  it('pins, replaces the same pin, unpins; every change rebuilds the client', async () => {
    const { vaults, state, forget } = setup({ ...defaultSettings(), vaults: [customVault()] });
    const p = pin('https://vault.stack.example:8443');
    await vaults.pinCertificate('v1', p);
    await vaults.pinCertificate('v1', p);
    expect(state.get().vaults[0]?.pinnedCertificates).toEqual([p]);
    await vaults.unpinCertificate('v1', p.origin, p.fingerprint256.toLowerCase());
    expect(state.get().vaults[0]?.pinnedCertificates).toBeUndefined();
    await expect(vaults.unpinCertificate('v1', p.origin, p.fingerprint256)).rejects.toMatchObject({
      error: { kind: 'not-found' },
    });
    expect(forget).toHaveBeenCalledTimes(3);
  });

  it('changing the sign-in drops pins of endpoints the vault no longer uses', async () => {
    const vaultPin = pin('https://vault.stack.example:8443');
    const loginPin = pin('https://login.stack.example');
    const { vaults, state } = setup({ ...defaultSettings(), vaults: [customVault([vaultPin, loginPin])] });
    await vaults.setAuth('v1', {
      method: 'device-code',
      cloud: 'custom',
      authorityHost: 'https://login2.stack.example',
      resource: 'https://keyvault.stack.example',
    });
    expect(state.get().vaults[0]?.pinnedCertificates).toEqual([vaultPin]);
    await vaults.setAuth('v1', { method: 'azure-cli' });
    expect(state.get().vaults[0]?.pinnedCertificates).toBeUndefined();
  });

  it('a damaged pin in settings.json is dropped, the rest of the file loads', () => {
    const onDisk = {
      version: 1,
      vaults: [
        { ...customVault(), pinnedCertificates: [{ origin: 'https://x', fingerprint256: 'nope', pem: 'x' }] },
      ],
    };
    const parsed = SettingsOnDisk.parse(onDisk);
    expect(parsed.vaults).toHaveLength(1);
    expect(parsed.vaults[0]?.pinnedCertificates).toBeUndefined();
  });
});
