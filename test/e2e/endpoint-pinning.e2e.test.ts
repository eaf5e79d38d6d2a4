import { randomUUID, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalVault, type RunningLocalVault } from '../../electron/local-vault/index';
import { ownCaServerTls, type OwnCaServerTls } from '../support/custom-ca';
import { startOidcProvider, type OidcProvider } from '../support/oidc-provider';
import { seriousAxeViolations } from './harness/axe';
import { launchKluis, type KluisHarness } from './harness/launch-kluis';
import { enterDeviceCode } from '../support/oidc-user';

/**
 * A custom cloud whose vault and sign-in host have their own CAs, with no test trust in the core: the user sees the
 * untrusted-certificate error, checks each endpoint in Settings, confirms the fingerprint and pins it, and then the
 * vault works. Then the vault's sign-in method is edited. Each test gets its own window and core and sets up through
 * core what the steps before it would have left (the vault added, its endpoints pinned, signed in), so any test runs
 * alone and in any order; the vault and the OpenID provider are shared and only read.
 */
describe('Kluis in Chromium: pinning a custom endpoint’s certificate, editing a sign-in', () => {
  let provider: OidcProvider;
  let own: OwnCaServerTls;
  let vault: RunningLocalVault;
  let h: KluisHarness;
  let page: Page;
  const clientId = randomUUID();
  const sidebar = () => page.getByRole('navigation', { name: 'Vaults' });
  const settings = () => page.getByRole('main', { name: 'Settings' });
  const openSettings = async () => {
    await sidebar().getByRole('button', { name: 'Settings' }).click();
    await settings().getByRole('heading', { name: 'Settings' }).waitFor();
  };

  beforeAll(async () => {
    provider = await startOidcProvider();
    provider.registerClient({ clientId });
    own = await ownCaServerTls('Stack Hub Test Root');
    vault = await startLocalVault({
      auth: { mode: 'jwt', issuer: provider.issuer(), jwksUri: provider.jwksUri(), ca: provider.caPem },
      tls: own.tls,
    });
  });
  beforeEach(async () => {
    h = await launchKluis();
    page = h.page;
  });
  afterEach(async () => {
    await h?.close();
  });
  afterAll(async () => {
    await vault?.stop();
    await provider?.stop();
  });

  /** What the first test leaves: the vault added (as the add form does) and its listing failed on the certificate. */
  async function addUntrustedVault(): Promise<string> {
    const added = await h.value('vaults', 'add', {
      vault: vault.url,
      auth: {
        method: 'device-code',
        clientId,
        tenantId: provider.tenantId,
        cloud: 'custom',
        authorityHost: provider.authorityHost,
        resource: 'https://vault.azure.net',
      },
    });
    await page.locator('[data-error-kind="tls"]').waitFor({ timeout: 30_000 });
    return added.id;
  }

  /** What the second test leaves: Settings open, both endpoints pinned (through core, with the same fingerprints). */
  async function pinBothEndpoints(vaultId: string): Promise<void> {
    await openSettings();
    await h.value('vaults', 'pinCertificate', {
      vaultId,
      origin: new URL(vault.url).origin,
      fingerprint256: new X509Certificate(own.ca.certPem).fingerprint256,
    });
    await h.value('vaults', 'pinCertificate', {
      vaultId,
      origin: provider.authorityHost,
      fingerprint256: await presentedLeafFingerprint(provider.authorityHost),
    });
    await expect.poll(() => settings().getByTestId('pinned-fingerprint').count()).toBe(2);
  }

  /** Opens the vault and signs in with the device code the dialog shows; waits for its (empty) list. */
  async function signInWithCode(): Promise<void> {
    await sidebar()
      .getByRole('button', { name: new URL(vault.url).host })
      .click();
    const retry = page.locator('[data-error-kind="tls"]').getByRole('button', { name: 'Retry' });
    if (await retry.isVisible()) await retry.click();
    const dialog = page.getByRole('dialog', { name: 'Sign in with a code' });
    await dialog.waitFor({ timeout: 20_000 });
    const code = (await dialog.getByTestId('device-code').textContent())?.trim() ?? '';
    const link = (await dialog.getByRole('link').getAttribute('href')) ?? '';
    expect(await enterDeviceCode(link, code, provider.caPem)).toBeLessThan(400);
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
    await page.getByText('has no secrets yet').waitFor({ timeout: 20_000 });
  }

  it('adds a custom-cloud vault and shows that its certificate is not trusted, with the fix', async () => {
    const form = page.getByRole('form', { name: 'Connect to an Azure Key Vault' });
    await form.getByRole('textbox', { name: /Vault name or URL/ }).fill(vault.url);
    await form.getByRole('combobox', { name: /Sign-in method/ }).selectOption('device-code');
    await form.getByRole('combobox', { name: /^Cloud/ }).selectOption('custom');
    await form.getByRole('textbox', { name: /Sign-in host/ }).fill(provider.authorityHost);
    await form.getByRole('textbox', { name: /Application \(client\) ID/ }).fill(clientId);
    await form.getByRole('textbox', { name: /Tenant/ }).fill(provider.tenantId);
    // Without the Key Vault resource the form says so at that field and keeps everything typed.
    await form.getByRole('button', { name: 'Connect' }).click();
    const resource = form.getByRole('textbox', { name: /Key Vault resource/ });
    await form.getByText(/Enter the Key Vault resource of this custom cloud/).waitFor();
    expect(await resource.getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByRole('textbox', { name: /Sign-in host/ }).inputValue()).toBe(
      provider.authorityHost,
    );
    await h.screenshot('49-custom-cloud-resource-needed');
    await resource.fill('https://vault.azure.net');
    await form.getByRole('button', { name: 'Connect' }).click();
    const banner = page.locator('[data-error-kind="tls"]');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toMatch(/not trusted.*Settings, Certificates/);
    await h.screenshot('50-custom-endpoint-untrusted');
    // The banner's own button leads to the fix.
    await banner.getByRole('button', { name: 'Open Settings' }).click();
    await settings()
      .getByRole('region', { name: /^Certificates for / })
      .waitFor();
  });

  /** Checks an endpoint, expects `fingerprint` preselected, confirms it in the dialog and pins it. */
  async function pinEndpoint(group: Locator, fingerprint: string, screenshot?: string) {
    await group.getByRole('button', { name: 'Check certificate' }).click();
    const chain = group.getByRole('radiogroup', { name: /Certificates presented by/ });
    await chain.waitFor();
    const checked = chain.getByRole('radio', { checked: true });
    await expect(checked.count()).resolves.toBe(1);
    expect(await group.getByTestId('presented-fingerprint').allTextContents()).toContain(
      `SHA-256 ${fingerprint}`,
    );
    if (screenshot) await h.screenshot(screenshot);
    await group.getByRole('button', { name: 'Trust this certificate…' }).click();
    const dialog = page.getByRole('dialog', { name: /Trust this certificate for/ });
    await dialog.waitFor();
    expect((await dialog.getByTestId('confirm-fingerprint').textContent())?.trim()).toBe(fingerprint);
    if (screenshot) await h.screenshot(`${screenshot}-confirm`);
    // Keyboard: the confirm button is reachable and activated with Enter.
    await dialog.getByRole('button', { name: 'Fingerprint matches: pin' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
  }

  it('checks the vault and its sign-in host in Settings, confirms each fingerprint and pins it', async () => {
    await addUntrustedVault();
    await openSettings();
    const section = settings().getByRole('region', { name: /^Certificates for / });
    await section.waitFor();
    const vaultOrigin = new URL(vault.url).origin;
    const caFingerprint = new X509Certificate(own.ca.certPem).fingerprint256;
    // The root (self-signed) certificate is offered first.
    await pinEndpoint(
      section.getByRole('group', { name: `Vault ${vaultOrigin}` }),
      caFingerprint,
      '51-certificates-chain',
    );

    const pinned = section.getByRole('list', { name: 'Pinned certificates' });
    await pinned.waitFor();
    expect(await pinned.getByTestId('pinned-fingerprint').allTextContents()).toEqual([
      `SHA-256 ${caFingerprint}`,
    ]);

    // The provider presents its leaf only (signed by a CA it does not send): that exact certificate is pinned.
    const providerLeaf = await presentedLeafFingerprint(provider.authorityHost);
    await pinEndpoint(
      section.getByRole('group', { name: `Sign-in host ${provider.authorityHost}` }),
      providerLeaf,
    );
    await expect
      .poll(() => pinned.getByTestId('pinned-fingerprint').allTextContents())
      .toEqual([`SHA-256 ${caFingerprint}`, `SHA-256 ${providerLeaf}`]);
    await h.screenshot('52-certificates-pinned');
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Stored in settings, per vault and origin.
    const stored = JSON.parse(await readFile(join(h.userDataDir, 'settings.json'), 'utf8')) as {
      vaults: Array<{ pinnedCertificates?: Array<{ origin: string; fingerprint256: string }> }>;
    };
    expect(stored.vaults[0]?.pinnedCertificates?.map((p) => [p.origin, p.fingerprint256])).toEqual([
      [vaultOrigin, caFingerprint],
      [provider.authorityHost, providerLeaf],
    ]);

    // The same section in the dark theme.
    await settings().getByRole('radio', { name: 'Dark' }).click();
    await page.locator('[data-theme="dark"]').waitFor();
    await section.scrollIntoViewIfNeeded();
    await h.screenshot('53-certificates-dark');
    await settings().getByRole('radio', { name: 'Light' }).click();
    await page.locator('[data-theme="light"]').waitFor();
  });

  it('after pinning, signing in works and the list loads', async () => {
    await pinBothEndpoints(await addUntrustedVault());
    await signInWithCode();
    await h.screenshot('54-pinned-vault-loaded');
  });

  it('edits the vault’s sign-in; a failed save keeps what was typed', async () => {
    await pinBothEndpoints(await addUntrustedVault());
    await signInWithCode();
    await openSettings();
    await settings()
      .getByRole('button', { name: /^Edit sign-in of / })
      .click();
    const dialog = page.getByRole('dialog', { name: /^Sign-in for / });
    await dialog.waitFor();
    const method = dialog.getByRole('combobox', { name: /Sign-in method/ });
    await expect(method.inputValue()).resolves.toBe('device-code');
    await expect(dialog.getByRole('textbox', { name: /Sign-in host/ }).inputValue()).resolves.toBe(
      provider.authorityHost,
    );
    await method.selectOption('interactive-browser');
    // A sign-in host that is not an https origin is refused by main; the dialog keeps the input.
    await dialog.getByRole('textbox', { name: /Sign-in host/ }).fill('http://login.example.com/path');
    await dialog.getByRole('button', { name: 'Save sign-in' }).click();
    // Said at the field itself.
    await dialog.locator('input[aria-invalid="true"]').waitFor();
    await expect(
      dialog.getByRole('textbox', { name: /Sign-in host/ }).getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    await expect(method.inputValue()).resolves.toBe('interactive-browser');
    await expect(dialog.getByRole('textbox', { name: /Sign-in host/ }).inputValue()).resolves.toBe(
      'http://login.example.com/path',
    );
    await h.screenshot('55-edit-sign-in-error');
    await dialog.getByRole('textbox', { name: /Sign-in host/ }).fill(provider.authorityHost);
    await dialog.getByRole('button', { name: 'Save sign-in' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await settings().getByText('Azure Key Vault · Interactive browser').waitFor();
    // The pins stay: the vault's endpoints did not change.
    await settings().getByRole('list', { name: 'Pinned certificates' }).waitFor();
    await h.screenshot('56-edit-sign-in-saved');
    expect(h.pageErrors).toEqual([]);
  });
});

/** The SHA-256 fingerprint of the certificate a server presents, as Node's own TLS client reports it. */
function presentedLeafFingerprint(origin: string): Promise<string> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect(
      { host: url.hostname, port: Number(url.port), rejectUnauthorized: false },
      () => {
        const fingerprint = socket.getPeerCertificate().fingerprint256;
        socket.destroy();
        resolve(fingerprint);
      },
    );
    socket.on('error', reject);
  });
}
