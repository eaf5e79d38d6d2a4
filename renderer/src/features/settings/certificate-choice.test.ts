import { describe, expect, it } from 'vitest';
import type { CertificateInfo, VaultConfig } from '../../../../electron/contract';
import { defaultPick, endpointsOf } from './certificate-choice';

const cert = (fingerprint256: string, selfSigned: boolean): CertificateInfo => ({
  subject: `CN=${fingerprint256}`,
  issuer: 'CN=x',
  fingerprint256,
  validFrom: 0,
  validTo: 1,
  isCa: selfSigned,
  selfSigned,
});
const vault = (auth: VaultConfig['auth']): VaultConfig => ({
  id: 'v',
  displayName: 'v',
  url: 'https://vault.stack.example:8443/',
  kind: 'azure',
  auth,
  pinned: false,
});

describe('certificate choice', () => {
  it('offers the root first, else the last certificate the server sent', () => {
    expect(defaultPick([cert('leaf', false), cert('root', true)])?.fingerprint256).toBe('root');
    expect(defaultPick([cert('leaf', false), cert('intermediate', false)])?.fingerprint256).toBe(
      'intermediate',
    );
    expect(defaultPick([])).toBeUndefined();
  });

  it('lists the vault and its sign-in host for custom clouds only', () => {
    expect(
      endpointsOf(
        vault({ method: 'device-code', cloud: 'custom', authorityHost: 'https://login.stack.example/' }),
      ),
    ).toEqual([
      { origin: 'https://vault.stack.example:8443', label: 'Vault' },
      { origin: 'https://login.stack.example', label: 'Sign-in host' },
    ]);
    expect(endpointsOf(vault({ method: 'azure-cli' }))).toEqual([]);
  });
});
