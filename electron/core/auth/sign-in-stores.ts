import { join } from 'node:path';
import type { Notice } from '../../contract';
import {
  createServicePrincipalStore,
  type ServicePrincipalStore,
  type StringProtector,
} from './credential-store';
import { createSignInPersistence, type SignInPersistence } from './sign-in-persistence';

export interface SignInStores {
  /** Service principal secrets and certificates. */
  servicePrincipals?: ServicePrincipalStore;
  /** Remembered browser and device-code sign-ins. */
  signIns?: SignInPersistence;
  /** What the user should know about them at start-up (no keychain: kept in memory only). */
  notices: Notice[];
}

const IN_MEMORY_ONLY: Notice = {
  level: 'warning',
  message:
    'This system has no keychain Kluis can use (on Linux: GNOME Keyring or KWallet), so browser and device-code sign-ins and service principal secrets and certificates are kept in memory only: you will sign in again, and enter a service principal’s secret or certificate again, after each restart.',
};

/**
 * The stores of sign-in material under the user data folder, encrypted by main's protector (safeStorage). Without a
 * protector (tests, the e2e harness) neither is kept.
 */
export function openSignInStores(userDataDir: string, protector: StringProtector | undefined): SignInStores {
  if (!protector) return { notices: [] };
  const signIns = createSignInPersistence(join(userDataDir, 'sign-in'), protector);
  return {
    servicePrincipals: createServicePrincipalStore(join(userDataDir, 'credentials'), protector),
    signIns,
    notices: signIns.persistsToDisk() ? [] : [IN_MEMORY_ONLY],
  };
}
