import type { SecretClientOptions } from '@azure/keyvault-secrets';
import type { AuthConfig, VaultConfig } from '../../contract';
import { AZURE_RETRY_PLAN, LOCAL_RETRY_PLAN, type RetryPlan } from '../reliability/retry-budget';
import { originOf, pinnedPemsFor, pinnedTls } from './endpoint-trust';

/** What the SDK's tlsOptions get for one endpoint (the HTTP client passes them on to Node's https.Agent). */
export type EndpointTls = { ca: string | string[]; allowPartialTrustChain?: true };

/** The trust of a vault's own endpoint and of its sign-in host: absent means the system's CAs. */
export interface EndpointTrust {
  vaultTls?: EndpointTls;
  signInTls?: EndpointTls;
  disableChallengeResourceVerification: boolean;
}

/** The trust of a browse's Azure Resource Manager endpoint and of its sign-in host: absent means the system's CAs. */
export interface ArmTrust {
  armTls?: EndpointTls;
  signInTls?: EndpointTls;
}

export type AdditionalPolicy = NonNullable<SecretClientOptions['additionalPolicies']>[number];

/**
 * How core's clients reach a vault, beyond the vault's own settings: which CAs its endpoints trust, how long a call
 * may keep retrying, and any further SDK pipeline steps. The app runs APP_CONNECTION_POLICY; a test builds its own
 * (test/support/test-connection-policy.ts), e.g. trusting a local CA for an Azure-kind vault. TLS verification stays
 * on under every policy: trust only ever names the CAs to verify against.
 */
export interface ConnectionPolicy {
  /** The TLS trust for an Azure-kind vault and its sign-in host (the local vault always trusts its own CA). */
  trustFor: (vault: VaultConfig) => EndpointTrust;
  /** The TLS trust of Browse vaults (discovery/): Azure Resource Manager and the sign-in host of that sign-in. */
  armTrustFor: (auth: AuthConfig) => ArmTrust;
  retryPlans: { azure: RetryPlan; local: RetryPlan };
  /** Added to every client's pipeline after Kluis's own policies. */
  pipelinePolicies: readonly AdditionalPolicy[];
}

/** The system's CAs, or an endpoint's pins (custom clouds); the retry plans of retry-budget.ts; no further steps. */
export const APP_CONNECTION_POLICY: ConnectionPolicy = {
  trustFor: (vault) => endpointTrust(vault),
  armTrustFor: () => ({}),
  retryPlans: { azure: AZURE_RETRY_PLAN, local: LOCAL_RETRY_PLAN },
  pipelinePolicies: [],
};

/**
 * Which CAs a vault's client and its sign-in requests trust. A pinned endpoint (cloud 'custom' only) trusts exactly
 * its pinned certificates: they replace Node's default CAs for that endpoint alone, and host name verification stays
 * on. The SDK's check that the challenge's resource is a parent domain of the vault's host stays on everywhere it can
 * pass; it is off only for a custom cloud whose vault endpoint is pinned and whose host is not under its configured
 * resource's domain (e.g. an IP address). Such a vault's credential takes no other resource or tenant anyway
 * (scopedCredential). Anywhere else the system's CAs apply.
 */
export function endpointTrust(vault: VaultConfig): EndpointTrust {
  const custom = vault.kind === 'azure' && vault.auth.cloud === 'custom';
  const vaultPins = custom ? pinnedPemsFor(vault, originOf(vault.url)) : [];
  const authority = custom && vault.auth.authorityHost ? originOf(vault.auth.authorityHost) : undefined;
  const signInPins = authority ? pinnedPemsFor(vault, authority) : [];
  return {
    ...(vaultPins.length > 0 ? { vaultTls: pinnedTls(vaultPins) } : {}),
    ...(signInPins.length > 0 ? { signInTls: pinnedTls(signInPins) } : {}),
    disableChallengeResourceVerification:
      custom && vaultPins.length > 0 && !hostUnderResource(vault.url, vault.auth.resource),
  };
}

/** Whether the SDK's challenge check can pass: the vault's host lies under the resource's host (a.vault.example under vault.example). */
function hostUnderResource(vaultUrl: string, resource: string | undefined): boolean {
  if (!resource) return false;
  try {
    return new URL(vaultUrl).hostname.toLowerCase().endsWith(`.${new URL(resource).hostname.toLowerCase()}`);
  } catch {
    return false;
  }
}
