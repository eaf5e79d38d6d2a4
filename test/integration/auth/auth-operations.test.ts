import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSignInEvent, DeviceCodeEvent } from '../../../electron/contract';
import type { KluisCore } from '../../../electron/core';
import { openSignInPage } from '../../../electron/main/sign-in-browser';
import { coreCaller } from '../../support/core-caller';
import { testProtector } from '../../support/test-protector';
import { approveDeviceCode, consentInBrowser, startIdentityWorld } from './helpers';
import { startTestCore } from '../../support/start-test-core';

let world: Awaited<ReturnType<typeof startIdentityWorld>>;
const dirs: string[] = [];
const cores: KluisCore[] = [];
beforeAll(async () => {
  world = await startIdentityWorld();
});
afterAll(async () => {
  for (const core of cores) await core.dispose();
  await world?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const files = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());

const approve = (event: DeviceCodeEvent) => approveDeviceCode(world.provider, event);
const consent = (page: string) => consentInBrowser(world.provider, page);

/** A core as main builds it (with a protector), trusting the test provider's and the vault's CAs. */
async function launch(userDataDir: string, protector = testProtector(), autoApprove = true) {
  const deviceCodes: DeviceCodeEvent[] = [];
  const browserWaits: BrowserSignInEvent[] = [];
  /** Pages main's checked opener let through to the "browser" (which consents and returns to the loopback). */
  const opened: string[] = [];
  const { core } = await startTestCore({
    userDataDir,
    onEvent: (name, payload) => {
      if (name === 'auth.browserSignIn') browserWaits.push(payload as BrowserSignInEvent);
      if (name === 'auth.deviceCode') {
        deviceCodes.push(payload as DeviceCodeEvent);
        if (autoApprove) approve(payload as DeviceCodeEvent);
      }
    },
    protector,
    openSignInPage: (url, host) =>
      openSignInPage(url, host, async (page) => {
        opened.push(page);
        await consent(page);
      }),
    testTrust: {
      vaultCa: world.vault.caPem,
      signInCa: world.provider.caPem,
      disableChallengeResourceVerification: true,
    },
  });
  cores.push(core);
  return { core, call: coreCaller(core.handlers).value, deviceCodes, opened, browserWaits };
}

const custom = () => ({
  cloud: 'custom' as const,
  authorityHost: world.provider.authorityHost,
  resource: 'https://vault.azure.net',
  tenantId: world.provider.tenantId,
});

/** A fresh user data folder (removed after the file) and an application registered with the provider. */
function freshUser(client: { secret?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kluis-auth-ops-'));
  dirs.push(dir);
  const clientId = randomUUID();
  world.provider.registerClient({ clientId, ...client });
  return { dir, clientId };
}

describe('auth operations through the core', () => {
  it('device code: event, who am I, silent after restart, sign-out forgets the remembered sign-in', async () => {
    const { dir, clientId } = freshUser();
    const protector = testProtector();

    const first = await launch(dir, protector);
    const vault = await first.call('vaults', 'add', {
      vault: world.vault.url,
      auth: { method: 'device-code', clientId, ...custom() },
    });
    await first.call('secrets', 'set', { vaultId: vault.id, name: 'ops', value: 'v1' });
    expect(first.deviceCodes).toHaveLength(1);
    expect(first.deviceCodes[0]).toMatchObject({ vaultId: vault.id, userCode: expect.any(String) });
    const who = await first.call('auth', 'whoAmI', { vaultId: vault.id });
    expect(who).toMatchObject({
      account: world.provider.user.preferredUsername,
      tenantId: world.provider.tenantId,
      method: 'device-code',
      lastCallAuthorized: true,
    });
    expect(JSON.stringify(who)).not.toMatch(/eyJ/);
    await first.core.dispose();

    const second = await launch(dir, protector);
    await second.call('secrets', 'listPage', { vaultId: vault.id });
    expect(second.deviceCodes).toHaveLength(0);
    expect(files(join(dir, 'sign-in')).length).toBeGreaterThan(0);

    await second.call('auth', 'signOut', { vaultId: vault.id });
    expect(files(join(dir, 'sign-in'))).toEqual([]);
    await second.call('secrets', 'listPage', { vaultId: vault.id });
    expect(second.deviceCodes).toHaveLength(1);
  });

  it('interactive browser: page opened through the checked opener once, silent after restart, again after sign-out', async () => {
    const { dir, clientId } = freshUser();
    const protector = testProtector();

    const first = await launch(dir, protector);
    const vault = await first.call('vaults', 'add', {
      vault: world.vault.url,
      auth: { method: 'interactive-browser', clientId, ...custom() },
    });
    await first.call('secrets', 'set', { vaultId: vault.id, name: 'browser-ops', value: 'v1' });
    expect(first.opened).toHaveLength(1);
    expect(first.opened[0]).toMatch(new RegExp(`^${world.provider.authorityHost}/`));
    // The window is told the browser page is open (it shows where to finish, with Cancel), then that it closed.
    expect(first.browserWaits).toEqual([
      { vaultId: vault.id, host: world.provider.authorityHost, waiting: true },
      { vaultId: vault.id, host: world.provider.authorityHost, waiting: false },
    ]);
    expect(await first.call('auth', 'whoAmI', { vaultId: vault.id })).toMatchObject({
      account: world.provider.user.preferredUsername,
      method: 'interactive-browser',
    });
    await first.core.dispose();

    const second = await launch(dir, protector);
    await second.call('secrets', 'listPage', { vaultId: vault.id });
    expect(second.opened).toHaveLength(0);

    await second.call('auth', 'signOut', { vaultId: vault.id });
    expect(files(join(dir, 'sign-in'))).toEqual([]);
    await second.call('secrets', 'listPage', { vaultId: vault.id });
    expect(second.opened).toHaveLength(1);
  });

  it('cancelSignIn stops a device-code sign-in nobody completes', async () => {
    const { dir, clientId } = freshUser();
    const { call, deviceCodes } = await launch(dir, testProtector(), false);
    const vault = await call('vaults', 'add', {
      vault: world.vault.url,
      auth: { method: 'device-code', clientId, ...custom() },
    });
    const waiting = call('secrets', 'listPage', { vaultId: vault.id }).then(
      () => 'signed in',
      (err: Error) => err.message,
    );
    await expect.poll(() => deviceCodes.length).toBe(1);
    expect(await call('auth', 'cancelSignIn', { vaultId: vault.id })).toEqual({ cancelled: true });
    expect(await waiting).toMatch(/"kind":"cancelled"/);
    expect(await call('auth', 'cancelSignIn', { vaultId: vault.id })).toEqual({ cancelled: false });

    const firstCode = deviceCodes[0]?.userCode ?? '';
    const firstPollsAtCancel = world.provider.devicePolls(firstCode);

    // Trying again asks for a new code instead of waiting on the abandoned one.
    const again = call('secrets', 'listPage', { vaultId: vault.id }).catch((err: Error) => err.message);
    await expect.poll(() => deviceCodes.length).toBe(2);
    // The abandoned code is no longer polled: while the new one is polled three times (one interval apart), the
    // old one gets at most the poll that was already on its way when cancel came.
    const secondCode = deviceCodes[1]?.userCode ?? '';
    await expect
      .poll(() => world.provider.devicePolls(secondCode), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(3);
    expect(world.provider.devicePolls(firstCode)).toBeLessThanOrEqual(firstPollsAtCancel + 1);
    await call('auth', 'cancelSignIn', { vaultId: vault.id });
    expect(await again).toMatch(/"kind":"cancelled"/);
    const secondPollsAtCancel = world.provider.devicePolls(secondCode);
    // Cancelling the second one stops it too: a third sign-in's code is polled while the second stays still.
    const third = call('secrets', 'listPage', { vaultId: vault.id }).catch((err: Error) => err.message);
    await expect.poll(() => deviceCodes.length).toBe(3);
    const thirdCode = deviceCodes[2]?.userCode ?? '';
    await expect
      .poll(() => world.provider.devicePolls(thirdCode), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(3);
    expect(world.provider.devicePolls(secondCode)).toBeLessThanOrEqual(secondPollsAtCancel + 1);
    await call('auth', 'cancelSignIn', { vaultId: vault.id });
    expect(await third).toMatch(/"kind":"cancelled"/);
  });

  it('service principal: stored encrypted, never echoed; who am I is the app; sign-out removes the secret', async () => {
    const secret = `sp-${randomUUID()}`;
    const { dir, clientId } = freshUser({ secret });
    const { call } = await launch(dir);
    const vault = await call('vaults', 'add', {
      vault: world.vault.url,
      auth: { method: 'device-code', ...custom() },
    });
    const saved = await call('auth', 'saveServicePrincipal', {
      vaultId: vault.id,
      tenantId: world.provider.tenantId,
      clientId,
      secret,
    });
    expect(JSON.stringify(saved)).not.toContain(secret);
    for (const f of files(dir)) expect(readFileSync(join(dir, f), 'latin1')).not.toContain(secret);
    expect(files(join(dir, 'credentials'))).toEqual([`${saved.credentialRef}.cred`]);

    await call('secrets', 'set', { vaultId: vault.id, name: 'sp', value: 'v2' });
    expect(await call('auth', 'whoAmI', { vaultId: vault.id })).toMatchObject({
      account: clientId,
      method: 'client-secret',
      lastCallAuthorized: true,
    });

    await call('auth', 'signOut', { vaultId: vault.id });
    expect(files(join(dir, 'credentials'))).toEqual([]);
    await expect(call('secrets', 'listPage', { vaultId: vault.id })).rejects.toThrow(/not-configured/);
  });

  it('removing a vault forgets its remembered sign-in and stored service principal', async () => {
    const secret = `sp-${randomUUID()}`;
    const { dir, clientId } = freshUser({ secret });
    const { call } = await launch(dir);
    const vault = await call('vaults', 'add', {
      vault: world.vault.url,
      auth: { method: 'device-code', ...custom() },
    });
    await call('auth', 'saveServicePrincipal', {
      vaultId: vault.id,
      tenantId: world.provider.tenantId,
      clientId,
      secret,
    });
    await call('secrets', 'set', { vaultId: vault.id, name: 'before-remove', value: 'v' });
    expect(files(join(dir, 'credentials'))).toHaveLength(1);

    await call('vaults', 'remove', { vaultId: vault.id });
    expect(files(join(dir, 'credentials'))).toEqual([]);
    const signIn = join(dir, 'sign-in');
    expect(existsSync(signIn) ? files(signIn) : []).toEqual([]);
  });

  it('without a keychain (basic_text) a service principal is kept for the session only, and the window says so', async () => {
    const secret = `sp-${randomUUID()}`;
    const { dir, clientId } = freshUser({ secret });
    const protector = testProtector({ osProtected: false });
    const first = await launch(dir, protector);
    const state = await first.call('app', 'getState', {});
    expect(state.notices.map((n) => n.message).join('\n')).toMatch(
      /no keychain.*service principal secrets and certificates are kept in memory only/,
    );
    const vault = await first.call('vaults', 'add', {
      vault: world.vault.url,
      auth: { method: 'device-code', ...custom() },
    });
    await first.call('auth', 'saveServicePrincipal', {
      vaultId: vault.id,
      tenantId: world.provider.tenantId,
      clientId,
      secret,
    });
    // It works this session, and nothing of it is on disk (not even encrypted with basic_text's public key).
    await first.call('secrets', 'set', { vaultId: vault.id, name: 'session-sp', value: 'v' });
    const credentials = join(dir, 'credentials');
    expect(existsSync(credentials) ? files(credentials) : []).toEqual([]);
    for (const f of files(dir)) expect(readFileSync(join(dir, f), 'latin1')).not.toContain(secret);
    await first.core.dispose();

    // After a restart it is gone, and the error says why and what to do.
    const second = await launch(dir, protector);
    await expect(second.call('secrets', 'listPage', { vaultId: vault.id })).rejects.toThrow(
      /not-configured.*for one session only, because this system has no keychain.*Enter it again/,
    );
  });
});
