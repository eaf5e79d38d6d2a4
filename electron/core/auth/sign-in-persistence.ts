import { cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { StringProtector } from './credential-store';
import { writeFileAtomically } from '../files/atomic-file';

type Identity = typeof import('@azure/identity');

/** The part of MSAL's TokenCacheContext a cache plugin uses (structurally MSAL's own type). */
interface CacheContext {
  cacheHasChanged: boolean;
  tokenCache: { serialize(): string; deserialize(cache: string): void };
}

/** MSAL's ICachePlugin, which identity's persistence factory must return. */
export interface CachePlugin {
  beforeCacheAccess(context: CacheContext): Promise<void>;
  afterCacheAccess(context: CacheContext): Promise<void>;
}

/** One vault's remembered sign-in: MSAL's token caches and the serialized AuthenticationRecord. */
export interface VaultSignIn {
  cachePlugin(name: string): CachePlugin;
  loadRecord(): Promise<string | undefined>;
  saveRecord(serialized: string): Promise<void>;
  /** Sign-out: forgets the cache and the record. */
  clear(): Promise<void>;
}

export interface SignInPersistence {
  forVault(vaultId: string): VaultSignIn;
  /**
   * Gives `toId` a copy of `fromId`'s remembered sign-in (a vault found by "Browse vaults" keeps the sign-in that
   * found it). A copy, so signing out of one leaves the other signed in. Nothing to copy: nothing happens.
   */
  copy(fromId: string, toId: string): Promise<void>;
  /** False when the protector cannot really protect (Linux basic_text): everything stays in memory. */
  persistsToDisk(): boolean;
}

const SAFE_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Remembered browser and device-code sign-ins. With an OS-protected keychain, each vault's MSAL caches and record are
 * kept as encrypted files (mode 0600) under `<dir>/<vaultId>/`; without one they live only in this process's memory,
 * so a restart asks again but nothing readable is written.
 */
export function createSignInPersistence(dir: string, protector: StringProtector): SignInPersistence {
  const memory = new Map<string, string>();
  const onDisk = protector.isOsProtected();

  const fileOf = (vaultId: string, name: string) => {
    if (!SAFE_NAME.test(vaultId) || !SAFE_NAME.test(name) || vaultId.startsWith('.') || name.startsWith('.'))
      throw new Error('Unsafe sign-in cache name');
    return join(dir, vaultId, `${name}.bin`);
  };

  async function read(file: string): Promise<string | undefined> {
    if (!onDisk) return memory.get(file);
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    try {
      return (await protector.decrypt(data)).result;
    } catch {
      // A changed keychain or a copied profile: the sign-in is gone for us, so the user signs in again.
      return undefined;
    }
  }

  async function write(file: string, plain: string): Promise<void> {
    if (!onDisk) {
      memory.set(file, plain);
      return;
    }
    await writeFileAtomically(file, await protector.encrypt(plain), { dirMode: 0o700 });
  }

  return {
    persistsToDisk: () => onDisk,
    async copy(fromId, toId) {
      // fileOf checks both ids are safe folder names.
      fileOf(fromId, 'record');
      fileOf(toId, 'record');
      const from = join(dir, fromId, '');
      const to = join(dir, toId, '');
      if (!onDisk) {
        for (const [key, value] of [...memory.entries()])
          if (key.startsWith(from)) memory.set(to + key.slice(from.length), value);
        return;
      }
      await cp(from, to, { recursive: true, force: true, errorOnExist: false }).catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      });
    },
    forVault(vaultId) {
      const recordFile = fileOf(vaultId, 'authentication-record');
      return {
        cachePlugin(name) {
          const file = fileOf(vaultId, `cache-${name}`);
          return {
            async beforeCacheAccess(context) {
              const cached = await read(file);
              if (cached) context.tokenCache.deserialize(cached);
            },
            async afterCacheAccess(context) {
              if (context.cacheHasChanged) await write(file, context.tokenCache.serialize());
            },
          };
        },
        loadRecord: () => read(recordFile),
        saveRecord: (serialized) => write(recordFile, serialized),
        async clear() {
          for (const key of [...memory.keys()])
            if (key.startsWith(join(dir, vaultId, ''))) memory.delete(key);
          if (SAFE_NAME.test(vaultId) && !vaultId.startsWith('.'))
            await rm(join(dir, vaultId), { recursive: true, force: true });
        },
      };
    },
  };
}

/*
 * identity keeps one persistence factory per module instance, and calls it synchronously while a credential is being
 * constructed. Kluis installs one factory that hands out the cache plugin of the vault whose credential is being built
 * right now (`constructWithCache`), so each vault, and each core in tests, keeps its own cache.
 */
const installed = new WeakSet<object>();
let building: VaultSignIn | undefined;

function installPlugin(identity: Identity): void {
  if (installed.has(identity)) return;
  installed.add(identity);
  identity.useIdentityPlugin((context) => {
    const control = (context as { cachePluginControl: { setPersistence(f: unknown): void } })
      .cachePluginControl;
    control.setPersistence(async (options?: { name?: string }) => {
      const target = building;
      if (!target) throw new Error('Kluis: token cache requested outside a Kluis credential');
      return target.cachePlugin(options?.name ?? 'msal');
    });
  });
}

/**
 * Builds a credential whose MSAL cache is the vault's. identity names the two caches `msal.nocae` and `msal.cae` only
 * when no cache name is given (a given name replaces both), so Kluis passes none and keeps them apart per vault.
 */
export function constructWithCache<T>(identity: Identity, signIn: VaultSignIn, construct: () => T): T {
  installPlugin(identity);
  building = signIn;
  try {
    return construct();
  } finally {
    building = undefined;
  }
}
