import { createHash } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { AuthConfig } from '../../contract';
import { createAzureCredential, type DeviceCodePrompt } from '../auth/credentials';
import type { CredentialStore } from '../auth/credential-store';
import type { SignInPageOpener } from '../auth/browser-sign-in';
import type { SignInPersistence } from '../auth/sign-in-persistence';
import type { SignInStatus } from '../auth/sign-in-status';
import { scopedCredential } from '../auth/token-scope';
import { armOfCloud, resolveCloud } from '../vault/clouds';
import type { ConnectionPolicy, EndpointTls } from '../vault/connection-policy';
import { proxyTunnelPolicy } from '../vault/proxy-tunnel';
import { kluisRetryPolicy } from '../reliability/retry-policy';
import { AZURE_RETRY_PLAN, type RetryPlan } from '../reliability/retry-budget';

export interface ArmSignInDeps {
  onDeviceCode?: (prompt: DeviceCodePrompt, signInId: string) => void;
  onBrowserSignIn?: (waiting: boolean, host: string, signInId: string) => void;
  openSignInPage?: SignInPageOpener;
  signInPersistence?: SignInPersistence;
  signInStatus?: SignInStatus;
  credentialStore?: CredentialStore;
  proxyFor?: (url: string) => Promise<{ host: string; port: number } | undefined>;
  /** Which CAs Resource Manager and the sign-in host are verified against (the connection policy's); system CAs if absent. */
  armTrustFor?: ConnectionPolicy['armTrustFor'];
  retryPlan?: RetryPlan;
  /** Tests swap the SDK; the default loads it on first use. */
  loadIdentity?: () => Promise<typeof import('@azure/identity')>;
}

/** What the management SDK clients of one browse are built with. */
export interface ArmConnection {
  /** The id the sign-in is remembered and announced under (device code, cancel): 'browse-<hash>'. */
  signInId: string;
  endpoint: string;
  credential: TokenCredential;
  /** Options every management client takes: endpoint, the cloud's ARM scope, TLS trust, proxy, Kluis's retries. */
  clientOptions: {
    endpoint: string;
    credentials: { scopes: string[] };
    retryOptions: { maxRetries: number };
    additionalPolicies: Array<{ position: 'perCall' | 'perRetry'; policy: PipelinePolicy }>;
    tlsOptions?: EndpointTls;
    proxyOptions?: { host: string; port: number };
  };
}

/**
 * One sign-in per (method, application, cloud, tenant): switching back to a tenant reuses its sign-in, and switching
 * to another signs in there. The id is a hash, so nothing of the account lands in a folder name.
 */
export function signInIdOf(auth: AuthConfig): string {
  const key = JSON.stringify([
    auth.method,
    auth.clientId ?? null,
    auth.cloud ?? 'public',
    auth.authorityHost ?? null,
    auth.armEndpoint ?? null,
    auth.armResource ?? null,
    auth.tenantId?.toLowerCase() ?? null,
    auth.credentialRef ?? null,
  ]);
  return `browse-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

/**
 * The credential and client options for browsing with this sign-in. Its tokens are for the cloud's Azure Resource
 * Manager alone (scopedCredential with purpose 'discovery'): the SDKs ask for that scope, and anything else asked of
 * this credential is refused. TLS is verified always (system CAs; the stand-in's CA in tests).
 */
export async function connectArm(auth: AuthConfig, deps: ArmSignInDeps): Promise<ArmConnection> {
  const cloud = resolveCloud(auth);
  const arm = armOfCloud(cloud);
  const signInId = signInIdOf(auth);
  const proxy = deps.proxyFor ? await deps.proxyFor(arm.endpoint) : undefined;
  const proxyOptions = proxy ? { host: `http://${proxy.host}`, port: proxy.port } : undefined;
  const trust = deps.armTrustFor?.(auth) ?? {};
  const signInTls = trust.signInTls;
  const credential = await createAzureCredential(
    auth,
    (prompt) => deps.onDeviceCode?.(prompt, signInId),
    deps.loadIdentity,
    {
      ...(deps.credentialStore ? { store: deps.credentialStore } : {}),
      ...(deps.signInPersistence ? { signIn: deps.signInPersistence.forVault(signInId) } : {}),
      ...(deps.openSignInPage ? { openSignInPage: deps.openSignInPage } : {}),
      onBrowserSignIn: (waiting, host) => deps.onBrowserSignIn?.(waiting, host, signInId),
      ...(proxyOptions || signInTls
        ? {
            tokenOptions: {
              ...(signInTls ? { tlsOptions: signInTls } : {}),
              ...(proxyOptions ? { proxyOptions } : {}),
            },
          }
        : {}),
    },
  );
  const scoped = scopedCredential(credential, {
    resource: arm.resource,
    ...(auth.tenantId ? { tenantId: auth.tenantId } : {}),
    purpose: 'discovery',
  });
  const observed = deps.signInStatus ? deps.signInStatus.observe(signInId, scoped) : scoped;
  const tls = trust.armTls;
  return {
    signInId,
    endpoint: arm.endpoint,
    credential: observed,
    clientOptions: {
      endpoint: arm.endpoint,
      credentials: { scopes: [arm.scope] },
      // The SDK's retries stay off: Kluis's policy honours Retry-After and keeps one budget per listing.
      retryOptions: { maxRetries: 0 },
      additionalPolicies: [
        { position: 'perCall', policy: kluisRetryPolicy({ plan: deps.retryPlan ?? AZURE_RETRY_PLAN }) },
        ...(tls ? [{ position: 'perCall' as const, policy: proxyTunnelPolicy(proxy, tls) }] : []),
      ],
      ...(tls ? { tlsOptions: tls } : {}),
      ...(proxyOptions ? { proxyOptions } : {}),
    },
  };
}
