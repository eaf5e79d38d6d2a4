import { LocalVaultStoreError } from './errors';
import type { Mutation } from './model';
import { DurableStore } from './persistence/durable-store';
import { VaultState } from './state';

export interface Storage {
  state: VaultState;
  persist: (m: Mutation) => Promise<void>;
  close: () => Promise<void>;
}

/** In memory, or the encrypted durable store when a data directory is given. */
export async function openStorage(opts: {
  dataDir?: string;
  encryptionKey?: Buffer;
  warn: (message: string) => void;
}): Promise<Storage> {
  if (opts.dataDir === undefined) {
    return { state: new VaultState(), persist: () => Promise.resolve(), close: () => Promise.resolve() };
  }
  if (!opts.encryptionKey || opts.encryptionKey.length !== 32) {
    throw new LocalVaultStoreError('encryptionKey (32 bytes) is required when dataDir is set');
  }
  const store = await DurableStore.open({
    dataDir: opts.dataDir,
    key: opts.encryptionKey,
    onWarning: opts.warn,
  });
  return { state: store.state, persist: (m) => store.persist(m), close: () => store.close() };
}
