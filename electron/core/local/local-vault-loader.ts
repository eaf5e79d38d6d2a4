import type { StartLocalVault } from './local-vault-manager';

/** Loads electron/local-vault on first use: most launches never open the local vault. */
export async function loadLocalVault(): Promise<StartLocalVault> {
  return (await import('../../local-vault')).startLocalVault;
}
