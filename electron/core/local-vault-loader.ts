import type { StartLocalVault } from './local-vault-manager';

/** Loads electron/local-vault on first use: most launches never open the local vault. */
export async function loadLocalVault(): Promise<StartLocalVault> {
  // Placeholder until electron/local-vault/index.ts lands; then this becomes a dynamic import of it.
  throw new Error('The local vault is not part of this build yet.');
}
