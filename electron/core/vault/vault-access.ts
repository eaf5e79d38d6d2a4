import type { SecretClient } from '@azure/keyvault-secrets';
import type { DeviceCodeEvent, EventName, EventPayloads, VaultConfig } from '../../contract';
import { createAuthOperations } from '../auth/auth-operations';
import type { DeviceCodePrompt } from '../auth/credentials';
import type { SignInStores } from '../auth/sign-in-stores';
import { createSignInStatus, type SignInStatus } from '../auth/sign-in-status';
import type { LocalVaultManager } from '../local/local-vault-manager';
import type { KluisImplementation } from '../operations/handler-registry';
import type { SettingsState } from '../settings/settings-state';
import type { ConnectionPolicy } from './connection-policy';
import {
  createVaultConnections,
  type VaultConnections,
  type VaultConnectionsDeps,
} from './vault-connections';
import { createVaultList, findVault, type VaultList } from './vault-list';

/** Entra ID's device codes last 15 minutes; identity does not pass the code's lifetime on. */
const DEVICE_CODE_LIFETIME_MS = 15 * 60 * 1000;

export interface VaultAccessDeps {
  settings: SettingsState;
  localVault: LocalVaultManager;
  stores: SignInStores;
  /** Announces auth.deviceCode and auth.browserSignIn. */
  emit: <E extends EventName>(name: E, payload: EventPayloads[E]) => void;
  /** Also told of device-code prompts. */
  onDeviceCode?: (prompt: DeviceCodePrompt, vaultId: string) => void;
  openSignInPage?: VaultConnectionsDeps['openSignInPage'];
  proxyFor?: VaultConnectionsDeps['proxyFor'];
  /** APP_CONNECTION_POLICY if absent. */
  policy?: ConnectionPolicy | undefined;
}

export interface VaultAccess {
  /** The listed vaults (vault-list.ts); removing or changing one drops its client. */
  vaults: VaultList;
  connections: VaultConnections;
  /** Each vault's account, learnt from its tokens, and whether its last call was let in. */
  signInStatus: SignInStatus;
  /** auth.*: stored service principals, signing out, who a vault's sign-in is (auth/auth-operations.ts). */
  auth: KluisImplementation['auth'];
  /** A listed vault's settings; a local vault is started on first use and given this launch's URL. */
  resolveVault(vaultId: string): Promise<VaultConfig>;
  /** The client for a listed vault; a local vault is started on first use (its URL is per launch). */
  clientFor(vaultId: string): Promise<SecretClient>;
  /** The device-code prompt the vault's sign-in waits on; its page opens only from here. */
  deviceCodePrompt(vaultId: string): DeviceCodeEvent | undefined;
  /** Announces a device-code prompt as a vault's are (Browse vaults' sign-ins use it too). */
  announceDeviceCode(prompt: DeviceCodePrompt, id: string): void;
}

/**
 * How core reaches a listed vault: its client, signed in by its method (with the stored sign-in material), through
 * its trust and proxy; and the auth operations over the same sign-ins.
 */
export function createVaultAccess(d: VaultAccessDeps): VaultAccess {
  const deviceCodePrompts = new Map<string, DeviceCodeEvent>();
  const signInStatus = createSignInStatus();
  /** A device-code prompt of a vault's sign-in (or a browse's): announced, and kept for its page's opener. */
  function announceDeviceCode(prompt: DeviceCodePrompt, vaultId: string): void {
    d.onDeviceCode?.(prompt, vaultId);
    const event: DeviceCodeEvent = {
      vaultId,
      userCode: prompt.userCode,
      verificationUri: prompt.verificationUri,
      message: prompt.message,
      expiresOn: Date.now() + DEVICE_CODE_LIFETIME_MS,
    };
    deviceCodePrompts.set(vaultId, event);
    d.emit('auth.deviceCode', event);
  }
  const connections = createVaultConnections({
    localAccess: () => d.localVault.access(),
    onDeviceCode: announceDeviceCode,
    ...(d.stores.servicePrincipals ? { credentialStore: d.stores.servicePrincipals } : {}),
    ...(d.stores.signIns ? { signInPersistence: d.stores.signIns } : {}),
    signInStatus,
    ...(d.openSignInPage ? { openSignInPage: d.openSignInPage } : {}),
    onBrowserSignIn: (waiting, host, vaultId) => d.emit('auth.browserSignIn', { vaultId, host, waiting }),
    ...(d.proxyFor ? { proxyFor: d.proxyFor } : {}),
    ...(d.policy ? { policy: d.policy } : {}),
  });
  const vaults = createVaultList(d.settings, (id) => connections.forget(id));

  async function resolveVault(vaultId: string): Promise<VaultConfig> {
    const vault = findVault(d.settings.get(), vaultId);
    if (vault.kind !== 'local') return vault;
    const access = await d.localVault.ensureRunning();
    await vaults.refreshLocalUrl(access.url);
    return { ...vault, url: access.url };
  }

  return {
    vaults,
    connections,
    signInStatus,
    auth: createAuthOperations({
      ...d.stores,
      settings: d.settings,
      vaults,
      status: signInStatus,
      forgetClient: (id) => connections.forget(id),
    }),
    resolveVault,
    clientFor: async (vaultId) => connections.clientFor(await resolveVault(vaultId)),
    deviceCodePrompt: (vaultId) => deviceCodePrompts.get(vaultId),
    announceDeviceCode,
  };
}
