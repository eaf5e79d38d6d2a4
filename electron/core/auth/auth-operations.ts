import type { AuthConfig, WhoAmI } from '../../contract';
import type { KluisImplementation } from '../operations/handler-registry';
import { failure } from '../errors/kluis-failure';
import type { SettingsState } from '../settings/settings-state';
import { findVault, type VaultList } from '../vault/vault-list';
import type { ServicePrincipalStore } from './credential-store';
import type { SignInPersistence } from './sign-in-persistence';
import type { SignInStatus } from './sign-in-status';

export interface AuthOperationDeps {
  settings: SettingsState;
  vaults: VaultList;
  status: SignInStatus;
  /** Absent when main gave core no protector (tests, the e2e harness): service principals cannot be stored. */
  servicePrincipals?: ServicePrincipalStore;
  signIns?: SignInPersistence;
  /** Drops the vault's cached client so the next call builds a fresh credential. */
  forgetClient: (vaultId: string) => void;
}

/** auth.*: storing service principals, signing out, and who a vault's sign-in is. Tokens never leave core. */
export function createAuthOperations(d: AuthOperationDeps): KluisImplementation['auth'] {
  return {
    async saveServicePrincipal({ vaultId, tenantId, clientId, secret, certificatePem }) {
      const vault = findVault(d.settings.get(), vaultId);
      if (vault.kind !== 'azure')
        throw failure('invalid-input', 'The local vault signs in by itself; it takes no service principal.');
      if (!d.servicePrincipals)
        throw failure('not-configured', 'This build of Kluis cannot store service principal secrets.');
      const credentialRef = await d.servicePrincipals.save(
        secret !== undefined
          ? { kind: 'client-secret', secret }
          : { kind: 'client-certificate', pem: certificatePem ?? '' },
        vault.auth.credentialRef,
      );
      const auth: AuthConfig = {
        ...vault.auth,
        method: secret !== undefined ? 'client-secret' : 'client-certificate',
        tenantId,
        clientId,
        credentialRef,
      };
      await d.vaults.setAuth(vaultId, auth);
      d.status.forget(vaultId);
      return { credentialRef };
    },
    async signOut({ vaultId }) {
      const vault = findVault(d.settings.get(), vaultId);
      await d.signIns?.forVault(vaultId).clear();
      if (vault.auth.credentialRef) {
        await d.servicePrincipals?.remove(vault.auth.credentialRef);
        const { credentialRef: _dropped, ...rest } = vault.auth;
        await d.vaults.setAuth(vaultId, rest);
      }
      d.forgetClient(vaultId);
      d.status.forget(vaultId);
      return { signedOut: true as const };
    },
    async cancelSignIn({ vaultId }) {
      // A browse's sign-in (discovery/arm-sign-in.ts) is no listed vault; its id says so.
      if (!vaultId.startsWith('browse-')) findVault(d.settings.get(), vaultId);
      return { cancelled: d.status.cancel(vaultId) };
    },
    async whoAmI({ vaultId }): Promise<WhoAmI> {
      const vault = findVault(d.settings.get(), vaultId);
      return { ...d.status.get(vaultId), method: vault.auth.method };
    },
  };
}
