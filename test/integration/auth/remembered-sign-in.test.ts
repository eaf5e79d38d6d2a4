import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthConfig } from '../../../electron/contract';
import type { StringProtector } from '../../../electron/core/auth/credential-store';
import { createSignInPersistence } from '../../../electron/core/auth/sign-in-persistence';
import { createCredential, type DeviceCodePrompt } from '../../../electron/core/auth/credentials';
import { testProtector } from '../../support/test-protector';
import { startIdentityWorld, vaultClient } from './helpers';

let world: Awaited<ReturnType<typeof startIdentityWorld>>;
const dirs: string[] = [];
beforeAll(async () => {
  world = await startIdentityWorld();
});
afterAll(async () => {
  await world?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function userData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kluis-signin-'));
  dirs.push(dir);
  return dir;
}

function approve(prompt: DeviceCodePrompt): void {
  const body = new URLSearchParams({ user_code: prompt.userCode }).toString();
  const req = request(prompt.verificationUri, {
    method: 'POST',
    ca: world.provider.caPem,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  req.on('response', (res) => res.resume());
  req.end(body);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    statSync(join(dir, f)).isFile(),
  );
}

/** One "launch": a fresh persistence and credential over the same user data, as a new core would build them. */
async function launch(
  dir: string,
  protector: StringProtector,
  auth: AuthConfig,
  prompts: DeviceCodePrompt[],
) {
  const persistence = createSignInPersistence(join(dir, 'sign-in'), protector);
  const credential = await createCredential(auth, {
    tokenOptions: { tlsOptions: { ca: world.provider.caPem } },
    signIn: persistence.forVault('vault-1'),
    onDeviceCode: (prompt) => {
      prompts.push(prompt);
      approve(prompt);
    },
  });
  return { persistence, client: vaultClient(world.vault, credential) };
}

function deviceCodeAuth(): AuthConfig {
  const clientId = randomUUID();
  world.provider.registerClient({ clientId });
  return {
    method: 'device-code',
    clientId,
    cloud: 'custom',
    authorityHost: world.provider.authorityHost,
    resource: 'https://vault.azure.net',
    tenantId: world.provider.tenantId,
  };
}

describe('remembered device-code sign-in', () => {
  it('a restart on the same user data signs in silently; files are encrypted and 0600; sign-out forgets', async () => {
    const dir = userData();
    const protector = testProtector({ osProtected: true });
    const auth = deviceCodeAuth();
    const prompts: DeviceCodePrompt[] = [];

    const first = await launch(dir, protector, auth, prompts);
    await first.client.setSecret('remembered', 'value-1');
    expect(prompts).toHaveLength(1);

    const files = listFiles(dir);
    expect(files.some((f) => f.includes('authentication-record'))).toBe(true);
    expect(files.some((f) => f.includes('cache-'))).toBe(true);
    for (const f of files) {
      expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
      const text = (await import('node:fs')).readFileSync(join(dir, f), 'latin1');
      expect(text).not.toMatch(/refresh_token|"secret"|eyJ|homeAccountId/i);
    }

    const second = await launch(dir, protector, auth, prompts);
    expect((await second.client.getSecret('remembered')).value).toBe('value-1');
    expect(prompts).toHaveLength(1);

    await second.persistence.forVault('vault-1').clear();
    expect(listFiles(dir)).toEqual([]);
    const third = await launch(dir, protector, auth, prompts);
    await third.client.getSecret('remembered');
    expect(prompts).toHaveLength(2);
  });

  it('without OS protection (basic_text) nothing is written; the sign-in lasts only this launch', async () => {
    const dir = userData();
    const protector = testProtector({ osProtected: false });
    const auth = deviceCodeAuth();
    const prompts: DeviceCodePrompt[] = [];

    const first = await launch(dir, protector, auth, prompts);
    expect(first.persistence.persistsToDisk()).toBe(false);
    await first.client.setSecret('in-memory', 'value-2');
    expect(prompts).toHaveLength(1);
    expect(listFiles(dir)).toEqual([]);

    const second = await launch(dir, protector, auth, prompts);
    await second.client.getSecret('in-memory');
    expect(prompts).toHaveLength(2);
    expect(listFiles(dir)).toEqual([]);
  });
});
