import { randomUUID } from 'node:crypto';
import type { AuthConfig, PinnedCertificate, Settings, VaultConfig } from '../../contract';
import { failure } from '../errors/kluis-failure';
import type { SettingsState } from '../settings/settings-state';
import { cloudOfVaultUrl, resolveCloud } from './clouds';
import { pinnableOrigins } from './endpoint-trust';
import { defaultDisplayName, resolveVaultUrl } from './vault-url';

/** The one local vault entry keeps this id, so reopening it reuses the entry. */
export const LOCAL_VAULT_ID = 'local';

export const findVault = (settings: Settings, vaultId: string): VaultConfig => {
  const vault = settings.vaults.find((v) => v.id === vaultId);
  if (!vault)
    throw failure(
      'not-configured',
      'That vault is no longer in your list. Add it again or pick another one.',
    );
  return vault;
};

function checkAuthFits(vault: Pick<VaultConfig, 'kind'>, auth: AuthConfig): void {
  if ((vault.kind === 'local') !== (auth.method === 'local')) {
    throw failure(
      'invalid-input',
      vault.kind === 'local'
        ? 'The local vault always signs in with its own token.'
        : 'The "local" sign-in method is only for the local vault; choose an Azure sign-in method.',
      { field: 'auth.method' },
    );
  }
}

/** Drops pins for origins that are no longer among the vault's pinnable endpoints. */
function keepPinsOf(vault: VaultConfig): void {
  if (!vault.pinnedCertificates) return;
  const origins = new Set(pinnableOrigins(vault));
  const kept = vault.pinnedCertificates.filter((p) => origins.has(p.origin));
  if (kept.length > 0) vault.pinnedCertificates = kept;
  else delete vault.pinnedCertificates;
}

/** How many recently opened vaults settings remember. */
export const RECENT_VAULTS = 10;

/** Puts the vault first among the recently opened ones (the others keep their order; removed ones drop out). */
function noteOpened(draft: Settings, vaultId: string): void {
  const listed = new Set(draft.vaults.map((v) => v.id));
  const recent = (draft.ui.recentVaultIds ?? []).filter((id) => id !== vaultId && listed.has(id));
  draft.ui.recentVaultIds = [vaultId, ...recent].slice(0, RECENT_VAULTS);
}

/** The vault list operations: add, remove, rename, select, pin, change sign-in, and the local vault's entry. */
export function createVaultList(state: SettingsState, forgetClient: (vaultId: string) => void) {
  const change = (vaultId: string, apply: (vault: VaultConfig, draft: Settings) => void) =>
    state.update((draft) => apply(findVault(draft, vaultId), draft));

  return {
    async add(input: { vault: string; displayName?: string; auth: AuthConfig }): Promise<VaultConfig> {
      checkAuthFits({ kind: 'azure' }, input.auth);
      const url = resolveVaultUrl(input.vault, resolveCloud(input.auth).vaultSuffix ?? null);
      // Remember the cloud a sovereign vault URL names, so its sign-in goes to that cloud's authority.
      const inferred = input.auth.cloud ? undefined : cloudOfVaultUrl(url);
      if (inferred && inferred !== 'public') input = { ...input, auth: { ...input.auth, cloud: inferred } };
      let added: VaultConfig | undefined;
      await state.update((draft) => {
        // Adding a vault that is already listed selects it and takes the new sign-in method.
        const existing = draft.vaults.find((v) => v.kind === 'azure' && v.url === url);
        if (existing) {
          existing.auth = input.auth;
          keepPinsOf(existing);
          if (input.displayName) existing.displayName = input.displayName;
          added = existing;
        } else {
          added = {
            id: randomUUID(),
            displayName: input.displayName ?? defaultDisplayName(url),
            url,
            kind: 'azure',
            auth: input.auth,
            pinned: false,
          };
          draft.vaults.push(added);
        }
        draft.selectedVaultId = added.id;
        noteOpened(draft, added.id);
      });
      if (!added) throw failure('internal', 'Adding the vault failed. Please report this.');
      forgetClient(added.id);
      return added;
    },
    remove: (vaultId: string) =>
      change(vaultId, (vault, draft) => {
        draft.vaults = draft.vaults.filter((v) => v.id !== vault.id);
        if (draft.ui.recentVaultIds)
          draft.ui.recentVaultIds = draft.ui.recentVaultIds.filter((id) => id !== vault.id);
        if (draft.selectedVaultId === vault.id) draft.selectedVaultId = draft.vaults[0]?.id;
        if (draft.selectedVaultId === undefined) delete draft.selectedVaultId;
        forgetClient(vault.id);
      }),
    rename: (vaultId: string, displayName: string) =>
      change(vaultId, (vault) => {
        vault.displayName = displayName;
      }),
    select: (vaultId: string) =>
      change(vaultId, (vault, draft) => {
        draft.selectedVaultId = vault.id;
        noteOpened(draft, vault.id);
      }),
    setPinned: (vaultId: string, pinned: boolean) =>
      change(vaultId, (vault) => {
        vault.pinned = pinned;
      }),
    setAuth: (vaultId: string, auth: AuthConfig) =>
      change(vaultId, (vault) => {
        checkAuthFits(vault, auth);
        if (vault.kind === 'azure') resolveCloud(auth, vault.url);
        vault.auth = auth;
        // A pin belongs to an endpoint: one the new sign-in no longer uses (another sign-in host, a cloud that is not
        // custom) is dropped rather than left to apply later by surprise.
        keepPinsOf(vault);
        forgetClient(vault.id);
      }),
    /** Adds (or replaces, by origin and fingerprint) a certificate pin; the vault's client is rebuilt with it. */
    pinCertificate: (vaultId: string, pin: PinnedCertificate) =>
      change(vaultId, (vault) => {
        const others = (vault.pinnedCertificates ?? []).filter(
          (p) => !(p.origin === pin.origin && p.fingerprint256 === pin.fingerprint256),
        );
        if (others.length >= 20)
          throw failure(
            'invalid-input',
            'A vault can have at most 20 pinned certificates; remove some first.',
          );
        vault.pinnedCertificates = [...others, pin];
        forgetClient(vault.id);
      }),
    unpinCertificate: (vaultId: string, origin: string, fingerprint256: string) =>
      change(vaultId, (vault) => {
        const kept = (vault.pinnedCertificates ?? []).filter(
          (p) => !(p.origin === origin && p.fingerprint256 === fingerprint256.toUpperCase()),
        );
        if (kept.length === (vault.pinnedCertificates ?? []).length)
          throw failure(
            'not-found',
            'That certificate is not pinned for this vault (it may have been removed already).',
          );
        if (kept.length > 0) vault.pinnedCertificates = kept;
        else delete vault.pinnedCertificates;
        forgetClient(vault.id);
      }),
    /** Keeps a listed local vault's URL current without selecting it. */
    async refreshLocalUrl(url: string): Promise<void> {
      const listed = state.get().vaults.find((v) => v.id === LOCAL_VAULT_ID);
      if (!listed || listed.url === url) return;
      await state.update((draft) => {
        const entry = draft.vaults.find((v) => v.id === LOCAL_VAULT_ID);
        if (entry) entry.url = url;
      });
    },
    /** Adds the local vault's entry once, keeps its URL current (the port changes every launch), selects it. */
    async upsertLocal(url: string): Promise<VaultConfig> {
      const settings = await state.update((draft) => {
        const existing = draft.vaults.find((v) => v.id === LOCAL_VAULT_ID);
        if (existing) existing.url = url;
        else {
          draft.vaults.push({
            id: LOCAL_VAULT_ID,
            displayName: 'Local vault',
            url,
            kind: 'local',
            auth: { method: 'local' },
            pinned: false,
          });
        }
        draft.selectedVaultId = LOCAL_VAULT_ID;
      });
      return findVault(settings, LOCAL_VAULT_ID);
    },
  };
}

export type VaultList = ReturnType<typeof createVaultList>;
