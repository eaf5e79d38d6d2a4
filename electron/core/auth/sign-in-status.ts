import type { TokenCredential } from '@azure/core-auth';
import { failure } from '../errors/kluis-failure';

export interface SignedInAs {
  account?: string;
  tenantId?: string;
}

/**
 * Reads who a token was issued to from its claims. The signature is not checked: the token came from our own
 * credential and this only labels the status bar. Anything unreadable gives an empty answer, never an error.
 */
export function claimsOf(token: string): SignedInAs {
  const payload = token.split('.')[1];
  if (!payload) return {};
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
  const text = (key: string) => {
    const v = claims[key];
    return typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : undefined;
  };
  const account = text('upn') ?? text('preferred_username') ?? text('unique_name') ?? text('appid');
  const tenantId = text('tid');
  return { ...(account ? { account } : {}), ...(tenantId ? { tenantId } : {}) };
}

interface VaultStatus extends SignedInAs {
  lastCallAuthorized?: boolean;
  lastCheckedOn?: number;
}

/** Per vault: the account from the last token its credential produced, and whether the last call was let in. */
export function createSignInStatus() {
  const byVault = new Map<string, VaultStatus>();
  /** Token requests in flight per vault, so a waiting device-code or browser sign-in can be cancelled. */
  const inFlight = new Map<string, Set<AbortController>>();
  const entry = (vaultId: string) => {
    const found = byVault.get(vaultId);
    if (found) return found;
    const created: VaultStatus = {};
    byVault.set(vaultId, created);
    return created;
  };
  return {
    /** Wraps a credential so each token it hands out updates the vault's account; the token itself is not kept. */
    observe(vaultId: string, credential: TokenCredential): TokenCredential {
      return {
        async getToken(scopes, options) {
          const controller = new AbortController();
          const own = inFlight.get(vaultId) ?? new Set<AbortController>();
          inFlight.set(vaultId, own.add(controller));
          const caller = options?.abortSignal as AbortSignal | undefined;
          const abortSignal = caller ? AbortSignal.any([caller, controller.signal]) : controller.signal;
          // The abort sets MSAL's cancel flag, so a device code is polled at most once more; the call stops waiting now.
          const stopped = new Promise<never>((_, reject) =>
            controller.signal.addEventListener('abort', () =>
              reject(failure('cancelled', 'The sign-in was cancelled. Try again to get a new code.')),
            ),
          );
          stopped.catch(() => undefined);
          try {
            const token = await Promise.race([
              credential.getToken(scopes, { ...options, abortSignal }),
              stopped,
            ]);
            if (token) Object.assign(entry(vaultId), claimsOf(token.token));
            return token;
          } finally {
            own.delete(controller);
          }
        },
      };
    },
    recordCall(vaultId: string, authorized: boolean, now = Date.now()): void {
      Object.assign(entry(vaultId), { lastCallAuthorized: authorized, lastCheckedOn: now });
    },
    /** Stops the vault's token requests in flight (a device code nobody will enter); true if there were any. */
    cancel(vaultId: string): boolean {
      const own = inFlight.get(vaultId);
      if (!own?.size) return false;
      for (const controller of own) controller.abort();
      own.clear();
      return true;
    },
    get(vaultId: string): VaultStatus {
      return { ...(byVault.get(vaultId) ?? {}) };
    },
    forget(vaultId: string): void {
      byVault.delete(vaultId);
    },
  };
}
export type SignInStatus = ReturnType<typeof createSignInStatus>;
