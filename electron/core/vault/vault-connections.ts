import type { SecretClient, SecretClientOptions } from '@azure/keyvault-secrets';
import type { VaultConfig } from '../../contract';
import { createAzureCredential, staticTokenCredential, type DeviceCodePrompt } from '../auth/credentials';
import type { CredentialStore } from '../auth/credential-store';
import type { SignInPageOpener } from '../auth/browser-sign-in';
import type { SignInPersistence } from '../auth/sign-in-persistence';
import type { SignInStatus } from '../auth/sign-in-status';
import type { TokenCredential } from '@azure/core-auth';
import { scopedCredential } from '../auth/token-scope';
import { resolveCloud } from './clouds';
import { fetchPresentedChain, originOf, pinnedPemsFor, pinnedTls } from './endpoint-trust';
import { tlsMessage } from '../errors/error-mapping';
import { failure } from '../errors/kluis-failure';
import { pageLinkCapturePolicy } from '../secrets/page-link-capture';
import { directLoopbackPolicy, proxyTunnelPolicy } from './proxy-tunnel';
import { AZURE_RETRY_PLAN, LOCAL_RETRY_PLAN, type RetryPlan } from '../reliability/retry-budget';
import { kluisRetryPolicy } from '../reliability/retry-policy';

type AdditionalPolicy = NonNullable<SecretClientOptions['additionalPolicies']>[number];

/** How to reach the running local vault this launch. */
export interface LocalVaultAccess {
  url: string;
  token: string;
  caPem: string;
}

export interface VaultConnectionsDeps {
  /** undefined while the local vault is not running. */
  localAccess: () => LocalVaultAccess | undefined;
  /** The device-code prompt, with the vault it is for. */
  onDeviceCode?: (prompt: DeviceCodePrompt, vaultId: string) => void;
  /** Remembers browser and device-code sign-ins across restarts (absent: they last as long as the client). */
  signInPersistence?: SignInPersistence;
  /** Learns each vault's account from its tokens (for auth.whoAmI). */
  signInStatus?: SignInStatus;
  /** Main: opens a browser sign-in page after checking it (shell.openExternal behind openSignInPage). */
  openSignInPage?: SignInPageOpener;
  /** A browser sign-in for the vault waits for the user in the browser (true), or no longer does (false). */
  onBrowserSignIn?: (waiting: boolean, host: string, vaultId: string) => void;
  /** Proxy for a vault's Key Vault and sign-in requests (the OS proxy main resolved), or none. */
  proxyFor?: (vaultUrl: string) => Promise<{ host: string; port: number } | undefined>;
  /**
   * Tests and the e2e harness only: the CA to trust for Azure-kind vaults and the one for their sign-in host (e.g. a
   * --auth jwt local vault and the local OpenID provider). Verification always stays on.
   */
  testTrust?: {
    vaultCa?: string;
    signInCa?: string;
    disableChallengeResourceVerification?: boolean;
    /** The local ARM stand-in's CA, for Browse vaults (discovery/arm-sign-in.ts). */
    armCa?: string;
  };
  /** Service principal secrets and certificates, kept by main (safeStorage); absent until main provides one. */
  credentialStore?: CredentialStore;
  /** Tests swap the SDK; the default loads it on first use to keep start-up fast. */
  loadSecretClient?: () => Promise<typeof SecretClient>;
  /** Tests shorten the waits; the app uses AZURE_RETRY_PLAN and LOCAL_RETRY_PLAN. */
  retryPlans?: { azure?: RetryPlan; local?: RetryPlan };
  /** Tests only: extra pipeline policies, e.g. one that loses a response after the server acted on it. */
  testPolicies?: AdditionalPolicy[];
}

export interface VaultConnections {
  clientFor(vault: VaultConfig): Promise<SecretClient>;
  /** Drop a cached client, e.g. after its sign-in method changed or the vault was removed. */
  forget(vaultId: string): void;
}

/**
 * Which CAs a vault's client and its sign-in requests trust. A pinned endpoint (cloud 'custom' only) trusts exactly
 * its pinned certificates: they replace Node's default CAs for that endpoint alone, and host name verification stays
 * on. The SDK's check that the challenge's resource is a parent domain of the vault's host stays on everywhere it can
 * pass; it is off only for a custom cloud whose vault endpoint is pinned and whose host is not under its configured
 * resource's domain (e.g. an IP address). Such a vault's credential takes no other resource or tenant anyway
 * (scopedCredential). testTrust (tests only) applies where nothing is pinned.
 */
export function endpointTrust(
  vault: VaultConfig,
  testTrust?: VaultConnectionsDeps['testTrust'],
): { vaultTls?: EndpointTls; signInTls?: EndpointTls; disableChallengeResourceVerification: boolean } {
  const custom = vault.kind === 'azure' && vault.auth.cloud === 'custom';
  const vaultPins = custom ? pinnedPemsFor(vault, originOf(vault.url)) : [];
  const authority = custom && vault.auth.authorityHost ? originOf(vault.auth.authorityHost) : undefined;
  const signInPins = authority ? pinnedPemsFor(vault, authority) : [];
  const vaultTls =
    vaultPins.length > 0 ? pinnedTls(vaultPins) : testTrust?.vaultCa ? { ca: testTrust.vaultCa } : undefined;
  const signInTls =
    signInPins.length > 0
      ? pinnedTls(signInPins)
      : testTrust?.signInCa
        ? { ca: testTrust.signInCa }
        : undefined;
  return {
    ...(vaultTls ? { vaultTls } : {}),
    ...(signInTls ? { signInTls } : {}),
    disableChallengeResourceVerification:
      (custom && vaultPins.length > 0 && !hostUnderResource(vault.url, vault.auth.resource)) ||
      testTrust?.disableChallengeResourceVerification === true,
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

/**
 * MSAL reports a sign-in host it could not reach as "endpoints_resolution_error", with the TLS failure behind it
 * dropped. For a custom cloud the likely cause is the host's own certificate, so on a failed token request its
 * certificate is checked (with the same trust the request had, never sending anything on that socket): if it is not
 * trusted, the error says so and how to pin it.
 */
function explainUntrustedSignInHost(
  credential: TokenCredential,
  authorityHost: string,
  tls: EndpointTls | undefined,
): TokenCredential {
  return {
    async getToken(scopes, options) {
      try {
        return await credential.getToken(scopes, options);
      } catch (err) {
        const message = err instanceof Error ? err.message : '';
        if (!/endpoints_resolution_error|network_error|certificate/i.test(message)) throw err;
        const ca = tls ? (Array.isArray(tls.ca) ? tls.ca : [tls.ca]) : undefined;
        const verdict = await fetchPresentedChain(authorityHost, ca ? { ca } : {}).catch(() => undefined);
        if (!verdict || verdict.trustedBySystem) throw err;
        const host = new URL(authorityHost).host;
        const code = verdict.verificationError ?? 'UNTRUSTED_CERTIFICATE';
        throw failure('tls', tlsMessage(`the sign-in host ${host}`, code, { customCloud: true }), {
          host,
          code,
        });
      }
    },
  };
}

/** What the SDK's tlsOptions get for one endpoint (the HTTP client passes them on to Node's https.Agent). */
type EndpointTls = { ca: string | string[]; allowPartialTrustChain?: true };

// The SDK's retry policy stays off: kluisRetryPolicy replaces it (retry-policy.ts says why).
const NO_SDK_RETRIES = { maxRetries: 0 };

export function createVaultConnections(deps: VaultConnectionsDeps): VaultConnections {
  const cache = new Map<string, { key: string; client: Promise<SecretClient> }>();
  const loadSecretClient =
    deps.loadSecretClient ?? (async () => (await import('@azure/keyvault-secrets')).SecretClient);

  function cacheKey(vault: VaultConfig): string {
    const local = vault.kind === 'local' ? deps.localAccess() : undefined;
    return JSON.stringify([
      vault.url,
      vault.auth,
      vault.pinnedCertificates ?? null,
      local?.token ?? null,
      local?.caPem ?? null,
    ]);
  }

  const policiesFor = (plan: RetryPlan, retryRefused: boolean): AdditionalPolicy[] => [
    { position: 'perCall', policy: kluisRetryPolicy({ plan, retryRefused }) },
    pageLinkCapturePolicy,
    ...(deps.testPolicies ?? []),
  ];

  async function build(vault: VaultConfig): Promise<SecretClient> {
    const SecretClientClass = await loadSecretClient();
    if (vault.kind === 'local') {
      const local = deps.localAccess();
      if (!local)
        throw failure('not-configured', 'The local vault is not running. Open it again from the vault list.');
      const options: SecretClientOptions = {
        retryOptions: NO_SDK_RETRIES,
        additionalPolicies: [
          ...policiesFor(deps.retryPlans?.local ?? LOCAL_RETRY_PLAN, false),
          // Never through a proxy (HTTPS_PROXY, the OS proxy): straight to loopback with the vault's own CA.
          { position: 'perCall', policy: directLoopbackPolicy({ ca: local.caPem }) },
        ],
        // Trust exactly the local vault's own CA, for this client only; verification stays on.
        tlsOptions: { ca: local.caPem },
        // Its challenge names a 127.0.0.1 resource, which is not a Key Vault domain; only this client skips that check.
        disableChallengeResourceVerification: true,
      };
      return new SecretClientClass(local.url, staticTokenCredential(local.token), options);
    }
    const proxy = deps.proxyFor ? await deps.proxyFor(vault.url) : undefined;
    const proxyOptions = proxy ? { proxyOptions: { host: `http://${proxy.host}`, port: proxy.port } } : {};
    const trust = endpointTrust(vault, deps.testTrust);
    const signInTrust = trust.signInTls ? { tlsOptions: trust.signInTls } : {};
    const vaultTrust = trust.vaultTls ? { tlsOptions: trust.vaultTls } : {};
    const credential = await createAzureCredential(
      vault.auth,
      (prompt) => deps.onDeviceCode?.(prompt, vault.id),
      undefined,
      {
        vaultUrl: vault.url,
        ...(deps.credentialStore ? { store: deps.credentialStore } : {}),
        ...(deps.signInPersistence ? { signIn: deps.signInPersistence.forVault(vault.id) } : {}),
        ...(deps.openSignInPage ? { openSignInPage: deps.openSignInPage } : {}),
        onBrowserSignIn: (waiting, host) => deps.onBrowserSignIn?.(waiting, host, vault.id),
        ...(proxy || trust.signInTls ? { tokenOptions: { ...signInTrust, ...proxyOptions } } : {}),
      },
    );
    const custom = vault.auth.cloud === 'custom' ? resolveCloud(vault.auth, vault.url) : undefined;
    const explained = custom
      ? explainUntrustedSignInHost(credential, custom.authorityHost, trust.signInTls)
      : credential;
    // A custom cloud's tokens are for its configured resource and tenant only, whatever the vault's challenge asks.
    const scoped = custom
      ? scopedCredential(explained, {
          resource: custom.resource,
          ...(vault.auth.tenantId ? { tenantId: vault.auth.tenantId } : {}),
        })
      : explained;
    const observed = deps.signInStatus ? deps.signInStatus.observe(vault.id, scoped) : scoped;
    return new SecretClientClass(vault.url, observed, {
      retryOptions: NO_SDK_RETRIES,
      additionalPolicies: [
        ...policiesFor(deps.retryPlans?.azure ?? AZURE_RETRY_PLAN, true),
        // The SDK's proxy agent drops tlsOptions (a pinned or custom CA); this tunnel keeps them behind a proxy.
        ...(trust.vaultTls
          ? [{ position: 'perCall' as const, policy: proxyTunnelPolicy(proxy, trust.vaultTls) }]
          : []),
      ],
      ...proxyOptions,
      ...vaultTrust,
      ...(trust.disableChallengeResourceVerification ? { disableChallengeResourceVerification: true } : {}),
    });
  }

  return {
    clientFor(vault) {
      const key = cacheKey(vault);
      const cached = cache.get(vault.id);
      if (cached && cached.key === key) return cached.client;
      const client = build(vault);
      cache.set(vault.id, { key, client });
      // A failed build must not stick: the next call tries again.
      client.catch(() => {
        if (cache.get(vault.id)?.client === client) cache.delete(vault.id);
      });
      return client;
    },
    forget(vaultId) {
      cache.delete(vaultId);
    },
  };
}
