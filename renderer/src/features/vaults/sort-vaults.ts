import type { VaultConfig } from '../../../../electron/contract';

/** Sidebar order, which is also the Ctrl+1..9 order: pinned first, then as added. */
export function sortVaults(vaults: readonly VaultConfig[]): VaultConfig[] {
  return [...vaults].sort((a, b) => Number(b.pinned) - Number(a.pinned));
}
