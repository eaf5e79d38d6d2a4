import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { startIdentityWorld } from '../../integration/auth/helpers';
import { launchKluis, type KluisHarness, type LaunchOptions } from './launch-kluis';

export type IdentityWorld = Awaited<ReturnType<typeof startIdentityWorld>>;

export interface SignInSetup {
  /** The local OpenID provider and a vault that accepts its tokens (`--auth jwt`). */
  world: IdentityWorld;
  h: KluisHarness;
  /** An application registered with the provider for this file's sign-ins. */
  clientId: string;
  close(): Promise<void>;
}

/**
 * Kluis in Chromium beside a local identity world, trusting its vault and sign-in host as a custom cloud would be
 * trusted, with one application registered.
 */
export async function launchWithIdentity(
  options: Omit<LaunchOptions, 'testTrust'> = {},
): Promise<SignInSetup> {
  const world = await startIdentityWorld();
  const clientId = randomUUID();
  world.provider.registerClient({ clientId });
  let h: KluisHarness;
  try {
    h = await launchKluis({
      ...options,
      testTrust: {
        vaultCa: world.vault.caPem,
        signInCa: world.provider.caPem,
        disableChallengeResourceVerification: true,
      },
    });
  } catch (error) {
    await world.stop();
    throw error;
  }
  return {
    world,
    h,
    clientId,
    async close() {
      await h.close();
      await world.stop();
    },
  };
}

/** Fills the first-run form to connect to the world's vault with a device-code sign-in, and clicks Connect. */
export async function connectWithDeviceCode(page: Page, { world, clientId }: SignInSetup): Promise<void> {
  const form = page.getByRole('form', { name: 'Connect to an Azure Key Vault' });
  await form.getByRole('textbox', { name: /Vault name or URL/ }).fill(world.vault.url);
  await form.getByRole('combobox', { name: /Sign-in method/ }).selectOption('device-code');
  await form.getByRole('combobox', { name: /^Cloud/ }).selectOption('custom');
  await form.getByRole('textbox', { name: /Sign-in host/ }).fill(world.provider.authorityHost);
  await form.getByRole('textbox', { name: /Key Vault resource/ }).fill('https://vault.azure.net');
  await form.getByRole('textbox', { name: /Application \(client\) ID/ }).fill(clientId);
  await form.getByRole('textbox', { name: /Tenant/ }).fill(world.provider.tenantId);
  await form.getByRole('button', { name: 'Connect' }).click();
}
