import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSignInPersistence } from '../../../electron/core/auth/sign-in-persistence';
import { claimsOf, createSignInStatus } from '../../../electron/core/auth/sign-in-status';
import { testProtector } from '../../support/test-protector';

const jwt = (claims: Record<string, unknown>) =>
  `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

const dir = mkdtempSync(join(tmpdir(), 'kluis-signin-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('claims of a token', () => {
  it('prefers upn, then preferred_username, unique_name, appid; tid is the tenant', () => {
    expect(claimsOf(jwt({ upn: 'a@x', preferred_username: 'b@x', tid: 't1' }))).toEqual({
      account: 'a@x',
      tenantId: 't1',
    });
    expect(claimsOf(jwt({ unique_name: 'c@x', appid: 'app' }))).toEqual({ account: 'c@x' });
    expect(claimsOf(jwt({ appid: 'app', tid: 't' }))).toEqual({ account: 'app', tenantId: 't' });
  });
  it('gives nothing for what it cannot read', () => {
    expect(claimsOf('not-a-token')).toEqual({});
    expect(claimsOf('a.%%%.c')).toEqual({});
    expect(claimsOf(jwt({ upn: 42 }))).toEqual({});
  });
});

describe('sign-in status', () => {
  it('learns the account from tokens without keeping them, and the last call', async () => {
    const status = createSignInStatus();
    const token = jwt({ preferred_username: 'ada@x', tid: 't' });
    const credential = status.observe('v', {
      getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 1000 }),
    });
    await credential.getToken('s');
    status.recordCall('v', false, 5);
    expect(status.get('v')).toEqual({
      account: 'ada@x',
      tenantId: 't',
      lastCallAuthorized: false,
      lastCheckedOn: 5,
    });
    expect(JSON.stringify(status.get('v'))).not.toContain(token);
    status.forget('v');
    expect(status.get('v')).toEqual({});
  });
});

describe('sign-in persistence', () => {
  const files = () =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());

  it('keeps encrypted 0600 files per vault and forgets one vault on clear', async () => {
    const persistence = createSignInPersistence(dir, testProtector());
    await persistence.forVault('v1').saveRecord('{"username":"ada"}');
    await persistence.forVault('v2').saveRecord('{"username":"bob"}');
    expect(await persistence.forVault('v1').loadRecord()).toBe('{"username":"ada"}');
    for (const f of files()) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    await persistence.forVault('v1').clear();
    expect(await persistence.forVault('v1').loadRecord()).toBeUndefined();
    expect(await persistence.forVault('v2').loadRecord()).toBe('{"username":"bob"}');
  });

  it('treats a record it cannot decrypt as signed out', async () => {
    await createSignInPersistence(dir, testProtector()).forVault('v3').saveRecord('x');
    expect(await createSignInPersistence(dir, testProtector()).forVault('v3').loadRecord()).toBeUndefined();
  });

  it('refuses names that could leave its folder', () => {
    const persistence = createSignInPersistence(dir, testProtector());
    expect(() => persistence.forVault('../x')).toThrow();
    expect(() => persistence.forVault('..')).toThrow();
  });
});
