import { randomUUID, X509Certificate } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { KluisError, Settings } from '../../../electron/contract';
import type { KluisCore } from '../../../electron/core';
import { fetchPresentedChain } from '../../../electron/core/vault/endpoint-trust';
import { startLocalVault, type RunningLocalVault } from '../../../electron/local-vault/index';
import { coreCaller } from '../../support/core-caller';
import { ownCaServerTls, wrongHostLeaf, type OwnCaServerTls } from '../../support/custom-ca';
import { startOidcProvider, type OidcProvider } from '../../support/oidc-provider';
import { testProtector } from '../../support/test-protector';
import { startTestCore, type TestCore } from '../../support/start-test-core';

/**
 * A custom cloud whose endpoints have their own CAs: a --auth jwt local vault serving a chain from its own CA, and
 * the local OpenID provider (its own CA, leaf only). Kluis trusts neither until the user pins a certificate, with no
 * testTrust: the real SDK and identity go through exactly the trust the pins give. Each test gets its own core
 * with the vault freshly added (nothing pinned) and pins what it needs, so any test runs alone and in any order.
 */
let provider: OidcProvider;
let own: OwnCaServerTls;
let vault: RunningLocalVault;
let test: TestCore | undefined;
let core: KluisCore;
let vaultId = '';
const clientId = randomUUID();
const secret = `sp-${randomUUID()}`;

const jwtAuth = () =>
  ({ mode: 'jwt', issuer: provider.issuer(), jwksUri: provider.jwksUri(), ca: provider.caPem }) as const;
const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256;

beforeAll(async () => {
  provider = await startOidcProvider();
  provider.registerClient({ clientId, secret });
  own = await ownCaServerTls();
  vault = await startLocalVault({ auth: jwtAuth(), tls: own.tls });
});
afterAll(async () => {
  await vault?.stop();
  await provider?.stop();
});
beforeEach(async () => {
  test = await startTestCore({ protector: testProtector() });
  core = test.core;
  // The custom-cloud vault, signing in with a service principal at the provider; nothing pinned yet.
  const added = await test.value('vaults', 'add', {
    vault: vault.url,
    auth: {
      method: 'client-secret',
      clientId,
      tenantId: provider.tenantId,
      cloud: 'custom',
      authorityHost: provider.authorityHost,
      resource: 'https://vault.azure.net',
    },
  });
  vaultId = added.id;
  await test.value('auth', 'saveServicePrincipal', {
    vaultId,
    tenantId: provider.tenantId,
    clientId,
    secret,
  });
});
afterEach(async () => {
  await test?.dispose();
  test = undefined;
});

/** What the pinning test leaves: the vault's CA and the sign-in host's own (leaf) certificate pinned. */
async function pinBothEndpoints(): Promise<void> {
  const { value } = coreCaller(core.handlers);
  await value('vaults', 'pinCertificate', {
    vaultId,
    origin: new URL(vault.url).origin,
    fingerprint256: fingerprint(own.ca.certPem),
  });
  const authority = await value('vaults', 'inspectCertificates', { vaultId, origin: provider.authorityHost });
  await value('vaults', 'pinCertificate', {
    vaultId,
    origin: provider.authorityHost,
    fingerprint256: authority.chain[0]?.fingerprint256 ?? '',
  });
}

describe('pinned certificates for a custom cloud (real SDK, real local vault with its own CA)', () => {
  const vaultOrigin = () => new URL(vault.url).origin;
  const failureOf = async (p: Promise<{ ok: boolean; error?: KluisError }>) => {
    const r = await p;
    expect(r.ok).toBe(false);
    return r.error as KluisError;
  };

  it('before pinning: calls fail with the untrusted-certificate message that points to Settings', async () => {
    const { call } = coreCaller(core.handlers);
    const error = await failureOf(call('secrets', 'listPage', { vaultId }));
    expect(error).toMatchObject({ kind: 'tls', host: new URL(vault.url).host });
    expect(error.message).toMatch(/is not trusted .*Settings, Certificates.*SHA-256 fingerprint.*pin it/);
    expect(error.message).toMatch(/never turns certificate checks off/);
  });

  it('inspect shows the chain with the fingerprints node:crypto computes', async () => {
    const { value } = coreCaller(core.handlers);
    const seen = await value('vaults', 'inspectCertificates', { vaultId, origin: vaultOrigin() });
    expect(seen.origin).toBe(vaultOrigin());
    expect(seen.trustedBySystem).toBe(false);
    expect(seen.trustedByPin).toBe(false);
    expect(seen.verificationError).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT/);
    expect(seen.chain.map((c) => c.fingerprint256)).toEqual([
      fingerprint(own.leafPem),
      fingerprint(own.ca.certPem),
    ]);
    expect(seen.chain[1]).toMatchObject({
      isCa: true,
      selfSigned: true,
      subject: 'CN=Kluis test custom-cloud CA',
    });
    expect(seen.chain[0]).toMatchObject({
      isCa: false,
      selfSigned: false,
      issuer: 'CN=Kluis test custom-cloud CA',
    });
    expect(seen.chain[0]?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // Only main keeps certificates; the renderer gets their descriptions.
    expect(JSON.stringify(seen)).not.toContain('BEGIN CERTIFICATE');
  });

  it('a pin for a certificate the endpoint does not present is refused and nothing is stored', async () => {
    const { call, value } = coreCaller(core.handlers);
    const other = await ownCaServerTls('Some other CA');
    const error = await failureOf(
      call('vaults', 'pinCertificate', {
        vaultId,
        origin: vaultOrigin(),
        fingerprint256: fingerprint(other.ca.certPem),
      }),
    );
    expect(error).toMatchObject({ kind: 'conflict', field: 'fingerprint256' });
    expect(error.message).toMatch(/no longer presents the certificate you confirmed/);
    const settings = (await value('app', 'getState', {})).settings;
    expect(settings.vaults.find((v) => v.id === vaultId)?.pinnedCertificates).toBeUndefined();
    // An endpoint that is not this vault's is refused before any connection.
    const elsewhere = await failureOf(
      call('vaults', 'pinCertificate', {
        vaultId,
        origin: 'https://127.0.0.1:1',
        fingerprint256: fingerprint(own.ca.certPem),
      }),
    );
    expect(elsewhere).toMatchObject({ kind: 'invalid-input', field: 'origin' });
  });

  it('after pinning the CA (and the sign-in host), calls succeed', async () => {
    const { call, value } = coreCaller(core.handlers);
    const pinned: Settings = await value('vaults', 'pinCertificate', {
      vaultId,
      origin: vaultOrigin(),
      // Lower case is accepted; the pin is stored as browsers show it.
      fingerprint256: fingerprint(own.ca.certPem).toLowerCase(),
    });
    const pins = pinned.vaults.find((v) => v.id === vaultId)?.pinnedCertificates;
    expect(pins).toEqual([
      expect.objectContaining({ origin: vaultOrigin(), fingerprint256: fingerprint(own.ca.certPem) }),
    ]);
    expect(fingerprint(pins?.[0]?.pem ?? '')).toBe(fingerprint(own.ca.certPem));
    const seen = await value('vaults', 'inspectCertificates', { vaultId, origin: vaultOrigin() });
    expect(seen.trustedByPin).toBe(true);

    // The vault is trusted now; its sign-in host is not yet, and the message says so.
    const signInError = await failureOf(call('secrets', 'listPage', { vaultId }));
    expect(signInError.message).toMatch(/not trusted/);
    expect(signInError.message).toMatch(/Certificates/);
    expect(signInError.host).toBe(new URL(provider.authorityHost).host);

    // The provider presents its leaf only: pinning that exact certificate is enough (host names still checked).
    const authority = await value('vaults', 'inspectCertificates', {
      vaultId,
      origin: provider.authorityHost,
    });
    expect(authority.chain).toHaveLength(1);
    await value('vaults', 'pinCertificate', {
      vaultId,
      origin: provider.authorityHost,
      fingerprint256: authority.chain[0]?.fingerprint256 ?? '',
    });
    await value('secrets', 'set', { vaultId, name: 'pinned-ok', value: 'through-the-pin' });
    expect((await value('secrets', 'get', { vaultId, name: 'pinned-ok' })).value).toBe('through-the-pin');
  });

  it('removing the pin makes the vault untrusted again', async () => {
    const { call, value } = coreCaller(core.handlers);
    await pinBothEndpoints();
    await value('secrets', 'listPage', { vaultId });
    await value('vaults', 'unpinCertificate', {
      vaultId,
      origin: vaultOrigin(),
      fingerprint256: fingerprint(own.ca.certPem),
    });
    expect((await failureOf(call('secrets', 'listPage', { vaultId }))).kind).toBe('tls');
    await value('vaults', 'pinCertificate', {
      vaultId,
      origin: vaultOrigin(),
      fingerprint256: fingerprint(own.ca.certPem),
    });
    await value('secrets', 'listPage', { vaultId });
  });

  it('verification stays on: a certificate for another host name signed by the pinned CA fails', async () => {
    const { call } = coreCaller(core.handlers);
    await pinBothEndpoints();
    // The same address now serves a certificate the pinned CA signed, but for another host name.
    const port = vault.port;
    await vault.stop();
    vault = await startLocalVault({ auth: jwtAuth(), port, tls: wrongHostLeaf(own.ca) });
    onTestFinished(async () => {
      // The other tests' vault again: its own certificate on the same address.
      await vault.stop();
      vault = await startLocalVault({ auth: jwtAuth(), port, tls: own.tls });
    });
    const error = await failureOf(call('secrets', 'listPage', { vaultId }));
    expect(error).toMatchObject({ kind: 'tls', code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    expect(error.message).toMatch(/is not for this address/);
    // And pinning cannot paper over it: the pin is refused because it would not verify either.
    const refused = await failureOf(
      call('vaults', 'pinCertificate', {
        vaultId,
        origin: vaultOrigin(),
        fingerprint256: fingerprint(own.ca.certPem),
      }),
    );
    expect(refused).toMatchObject({ kind: 'tls' });
    expect(refused.message).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
  });
});

describe('checking an endpoint sends nothing on the untrusted socket', () => {
  it('the server sees a handshake and a close, and not one byte of application data', async () => {
    const tlsMaterial = await ownCaServerTls('Silent Test Root');
    let received = 0;
    let closed!: () => void;
    const socketClosed = new Promise<void>((resolve) => (closed = resolve));
    const server = createTlsServer(
      { cert: tlsMaterial.tls.certPem, key: tlsMaterial.tls.keyPem },
      (socket) => {
        // Decrypted application data, had the client sent any.
        socket.on('data', (chunk: Buffer) => (received += chunk.length));
        socket.on('error', () => undefined);
      },
    );
    server.on('tlsClientError', () => undefined);
    // The TCP connection's close comes after anything it carried was read.
    server.on('connection', (raw: Socket) => raw.once('close', () => closed()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const seen = await fetchPresentedChain(`https://127.0.0.1:${port}`);
      expect(seen.trustedBySystem).toBe(false);
      expect(seen.chain.map((c) => c.fingerprint256)).toEqual([
        fingerprint(tlsMaterial.leafPem),
        fingerprint(tlsMaterial.ca.certPem),
      ]);
      await socketClosed;
      expect(received).toBe(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
