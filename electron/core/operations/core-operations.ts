import type { Notice } from '../../contract';
import { inspectEndpoint, originOf, pinFor, proxyForEndpoint } from '../vault/endpoint-trust';
import type { ProxyTarget } from '../vault/proxy-tunnel';
import { failure } from '../errors/kluis-failure';
import type { BulkRunner } from '../bulk/bulk-runner';
import type { KluisImplementation } from './handler-registry';
import type { LocalVaultManager } from '../local/local-vault-manager';
import type { SettingsState } from '../settings/settings-state';
import type { WindowOperations } from './window-operations';
import { findVault, type VaultList } from '../vault/vault-list';
import type { DiscoveryService } from '../discovery/discovery-service';

export interface CoreOperationDeps {
  settings: SettingsState;
  vaults: VaultList;
  localVault: LocalVaultManager;
  notices: () => Notice[];
  appVersion: string;
  /** Bulk jobs; tests of other operations may leave them out. */
  bulk?: BulkRunner;
  /** The property index over every vault (dashboard/property-index.ts); tests of other operations may leave it out. */
  index?: KluisImplementation['index'];
  /** The access doctor's vaults.diagnose (access/vault-diagnosis.ts). */
  diagnose?: KluisImplementation['vaults']['diagnose'];
  /** Sign-in operations (auth/auth-operations.ts); tests of other operations may leave them out. */
  auth?: KluisImplementation['auth'];
  /** The proxy main resolved for a URL (the OS proxy); checking an endpoint's certificate goes the same way. */
  proxyFor?: (url: string) => Promise<ProxyTarget | undefined>;
  /** app.copyText, app.openDeviceCodePage, app.setValueVisible (window-operations.ts); tests may leave them out. */
  windowOps?: WindowOperations;
  /** Browse vaults (discovery/discovery-service.ts); tests of other operations may leave it out. */
  discovery?: DiscoveryService;
}

const need = <T>(service: T | undefined): T => {
  if (!service) throw failure('not-configured', 'This operation is not available in this build of Kluis.');
  return service;
};

/**
 * The contract operations on core's own state: the app, settings, the vault list, the local vault, sign-in and bulk
 * jobs (those on a vault's secrets are secret-operations.ts). Inputs arrive parsed by the registry.
 */
export function createCoreOperations(
  d: CoreOperationDeps,
): Omit<KluisImplementation, 'secrets' | 'deleted' | 'versions' | 'transfer' | 'compare'> {
  const { settings, vaults } = d;
  return {
    app: {
      getState: async () => ({
        settings: settings.get(),
        notices: d.notices(),
        localVault: d.localVault.status(),
        appVersion: d.appVersion,
      }),
      copyText: (input) => need(d.windowOps).copyText(input),
      openDeviceCodePage: (input) => need(d.windowOps).openDeviceCodePage(input),
      setValueVisible: (input) => need(d.windowOps).setValueVisible(input),
    },
    settings: {
      updateUi: (input) =>
        settings.update((draft) => {
          for (const [key, value] of Object.entries(input)) {
            if (value !== undefined) Object.assign(draft.ui, { [key]: value });
          }
        }),
      saveViewState: async ({ vaultId, secretName, scrollTop }) => {
        await settings.update(
          (draft) => {
            findVault(draft, vaultId);
            const view = {
              ...(secretName ? { secretName } : {}),
              ...(scrollTop !== undefined ? { scrollTop } : {}),
            };
            // Views of vaults no longer listed are dropped here, so the record never outgrows the vault list.
            const listed = new Set(draft.vaults.map((v) => v.id));
            const kept = Object.entries(draft.ui.lastSelection ?? {}).filter(([id]) => listed.has(id));
            draft.ui.lastSelection = { ...Object.fromEntries(kept), [vaultId]: view };
          },
          { quiet: true },
        );
        return { saved: true as const };
      },
    },
    vaults: {
      add: async ({ discovered, ...input }) => {
        if (!discovered) return vaults.add(input);
        // A vault found by a browse keeps the sign-in that found it (in the tenant it was found in).
        const adopted = await need(d.discovery).adopt(discovered.browseId);
        const vault = await vaults.add({ ...input, auth: adopted.auth });
        await adopted.after(vault.id);
        return vault;
      },
      diagnose: d.diagnose ?? (async () => need<never>(undefined)),
      remove: async ({ vaultId }) => {
        // A removed vault leaves nothing behind: its remembered sign-in and any stored service principal go
        // first (a failure there keeps the vault listed, so the user can retry rather than lose track of it).
        if (d.auth && findVault(settings.get(), vaultId).kind !== 'local') await d.auth.signOut({ vaultId });
        return vaults.remove(vaultId);
      },
      rename: ({ vaultId, displayName }) => vaults.rename(vaultId, displayName),
      select: ({ vaultId }) => vaults.select(vaultId),
      setPinned: ({ vaultId, pinned }) => vaults.setPinned(vaultId, pinned),
      setAuth: ({ vaultId, auth }) => vaults.setAuth(vaultId, auth),
      inspectCertificates: async ({ vaultId, origin }) =>
        inspectEndpoint(
          findVault(settings.get(), vaultId),
          origin,
          await proxyForEndpoint(origin, d.proxyFor),
        ),
      pinCertificate: async ({ vaultId, origin, fingerprint256 }) =>
        vaults.pinCertificate(
          vaultId,
          await pinFor(
            findVault(settings.get(), vaultId),
            origin,
            fingerprint256,
            await proxyForEndpoint(origin, d.proxyFor),
          ),
        ),
      unpinCertificate: ({ vaultId, origin, fingerprint256 }) =>
        vaults.unpinCertificate(vaultId, originOf(origin), fingerprint256),
    },
    localVault: {
      open: async () => vaults.upsertLocal((await d.localVault.ensureRunning()).url),
      status: async () => d.localVault.status(),
    },
    auth: d.auth ?? {
      saveServicePrincipal: async () => need<never>(undefined),
      signOut: async () => need<never>(undefined),
      whoAmI: async () => need<never>(undefined),
      cancelSignIn: async () => need<never>(undefined),
    },
    index: d.index ?? { build: async () => need<never>(undefined) },
    discovery: {
      start: (input) => need(d.discovery).start(input),
      cancel: (input) => need(d.discovery).cancel(input),
    },
    bulk: {
      start: async (input) => {
        findVault(settings.get(), input.vaultId);
        return need(d.bulk).start(input);
      },
      cancel: async ({ jobId }) => need(d.bulk).cancel(jobId),
    },
  };
}
