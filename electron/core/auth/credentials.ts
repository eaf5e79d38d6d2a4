import type { TokenCredential } from '@azure/identity';
import type { AuthConfig } from '../../contract';
import { appendToPath, findCliDirectories } from './cli-locations';
import { resolveCloud, type CloudEndpoints } from '../vault/clouds';
import { failure } from '../errors/kluis-failure';
import { proxyTunnelPolicy, type TunnelTls } from '../vault/proxy-tunnel';
import type { CredentialStore, StoredCredential } from './credential-store';
import { constructWithCache, type VaultSignIn } from './sign-in-persistence';
import {
  createBrowserSignInCredential,
  DEFAULT_PUBLIC_CLIENT_ID,
  type SignInPageOpener,
} from './browser-sign-in';

/** What the device-code flow asks the user to do; the UI for it comes later. */
export interface DeviceCodePrompt {
  message: string;
  userCode: string;
  verificationUri: string;
}

type Identity = typeof import('@azure/identity');

export interface CredentialDeps {
  onDeviceCode?: (prompt: DeviceCodePrompt) => void;
  /** Tests swap the SDK; the default loads it on first use. */
  loadIdentity?: () => Promise<Identity>;
  store?: CredentialStore;
  /** The vault the credential is for: an unset cloud follows its host (e.g. vault.usgovcloudapi.net). */
  vaultUrl?: string;
  /**
   * Extra options for identity's HTTP pipeline, e.g. `tlsOptions.ca` for a custom cloud whose sign-in host has a
   * private CA. Verification always stays on.
   */
  tokenOptions?: { tlsOptions?: TunnelTls; proxyOptions?: { host: string; port: number } };
  /** Where to look for az/azd when PATH lacks them; default: the usual install folders of this platform. */
  cliDirectories?: () => string[];
  /** Remembers browser and device-code sign-ins (MSAL cache + AuthenticationRecord) across restarts. */
  signIn?: VaultSignIn;
  /**
   * Opens the browser sign-in page after checking it is an https page on the sign-in host (main: shell.openExternal
   * behind openSignInPage). Without it a browser sign-in fails instead of opening anything.
   */
  openSignInPage?: SignInPageOpener;
  /** Told when a browser sign-in page is open and waits for the user (true), and when it stops waiting (false). */
  onBrowserSignIn?: (waiting: boolean, host: string) => void;
}

/**
 * Builds the credential for an Azure vault's sign-in method. @azure/identity is loaded on first use, not at start-up:
 * it pulls in MSAL and friends, which the first window does not need.
 */
export async function createAzureCredential(
  auth: AuthConfig,
  onDeviceCode: (prompt: DeviceCodePrompt) => void = () => undefined,
  loadIdentity: () => Promise<Identity> = () => import('@azure/identity'),
  more: Omit<CredentialDeps, 'onDeviceCode' | 'loadIdentity'> = {},
): Promise<TokenCredential> {
  return createCredential(auth, { ...more, onDeviceCode, loadIdentity });
}

/** Options every Entra ID credential takes for the cloud; the public cloud needs none (identity's default). */
function cloudOptions(cloud: CloudEndpoints, deps: CredentialDeps): Record<string, unknown> {
  return {
    ...(cloud.name === 'public' ? {} : { authorityHost: cloud.authorityHost }),
    // Instance discovery asks login.microsoftonline.com about the host, which only knows Microsoft's clouds.
    ...(cloud.name === 'custom' ? { disableInstanceDiscovery: true } : {}),
    ...(deps.tokenOptions ?? {}),
    // With its own TLS trust, a sign-in host behind a proxy is reached through a tunnel that keeps that trust.
    ...(deps.tokenOptions?.tlsOptions
      ? {
          additionalPolicies: [
            {
              position: 'perCall',
              policy: proxyTunnelPolicy(deps.tokenOptions.proxyOptions, deps.tokenOptions.tlsOptions),
            },
          ],
        }
      : {}),
  };
}

export async function createCredential(
  auth: AuthConfig,
  deps: CredentialDeps = {},
): Promise<TokenCredential> {
  const cloud = resolveCloud(auth, deps.vaultUrl);
  const id = await (deps.loadIdentity ?? (() => import('@azure/identity')))();
  const tenant = auth.tenantId ? { tenantId: auth.tenantId } : {};
  const client = auth.clientId ? { clientId: auth.clientId } : {};
  const common = cloudOptions(cloud, deps);
  const onDeviceCode = deps.onDeviceCode ?? (() => undefined);
  switch (auth.method) {
    case 'default':
      return withCliPath(
        new id.DefaultAzureCredential({
          ...tenant,
          ...(auth.clientId ? { managedIdentityClientId: auth.clientId } : {}),
          ...common,
        }),
        deps,
      );
    case 'azure-cli':
      return withCliPath(new id.AzureCliCredential(tenant), deps);
    case 'azure-developer-cli':
      return withCliPath(new id.AzureDeveloperCliCredential(tenant), deps);
    case 'interactive-browser': {
      return createBrowserSignInCredential({
        clientId: auth.clientId ?? DEFAULT_PUBLIC_CLIENT_ID,
        ...tenant,
        authorityHost: cloud.authorityHost,
        disableInstanceDiscovery: cloud.name === 'custom',
        ...(deps.openSignInPage ? { openSignInPage: deps.openSignInPage } : {}),
        ...(deps.onBrowserSignIn
          ? { onWaiting: (waiting: boolean) => deps.onBrowserSignIn?.(waiting, cloud.authorityHost) }
          : {}),
        ...(deps.signIn ? { signIn: deps.signIn } : {}),
        ...(deps.tokenOptions?.tlsOptions ? { tlsOptions: deps.tokenOptions.tlsOptions } : {}),
        ...(deps.tokenOptions?.proxyOptions ? { proxyOptions: deps.tokenOptions.proxyOptions } : {}),
      });
    }
    case 'device-code': {
      const signIn = deps.signIn;
      const build = (remembered: Record<string, unknown>) =>
        new id.DeviceCodeCredential({
          ...tenant,
          ...client,
          ...common,
          ...remembered,
          userPromptCallback: (info) => onDeviceCode(info),
        });
      if (!signIn) return build({});
      return rememberedSignIn(id, signIn, build);
    }
    case 'managed-identity':
      return auth.clientId
        ? new id.ManagedIdentityCredential({ clientId: auth.clientId, ...deps.tokenOptions })
        : new id.ManagedIdentityCredential({ ...deps.tokenOptions });
    case 'client-secret':
    case 'client-certificate': {
      const stored = await readStored(auth, deps.store);
      const tenantId = auth.tenantId;
      const clientId = auth.clientId;
      if (!tenantId || !clientId) {
        throw failure(
          'not-configured',
          "A service principal needs its tenant (directory) ID and application (client) ID. Add them in the vault's sign-in settings.",
          { field: !tenantId ? 'auth.tenantId' : 'auth.clientId' },
        );
      }
      if (auth.method === 'client-secret') {
        if (stored.kind !== 'client-secret') throw mismatched();
        return new id.ClientSecretCredential(tenantId, clientId, stored.secret, common);
      }
      if (stored.kind !== 'client-certificate') throw mismatched();
      return new id.ClientCertificateCredential(
        tenantId,
        clientId,
        { certificate: stored.pem },
        { ...common, ...(stored.sendCertificateChain ? { sendCertificateChain: true } : {}) },
      );
    }
    case 'local':
      throw failure(
        'internal',
        'The local sign-in method only works for the local vault. Please report this.',
      );
  }
}

/**
 * A device-code credential whose sign-in survives a restart: MSAL's cache goes through the vault's
 * persistence and the account's AuthenticationRecord is saved after the first sign-in, so later launches start
 * silently from the refresh token.
 */
async function rememberedSignIn(
  id: Identity,
  signIn: VaultSignIn,
  build: (remembered: Record<string, unknown>) => TokenCredential & {
    authenticate(scopes: string | string[], options?: object): Promise<unknown>;
  },
): Promise<TokenCredential> {
  const saved = await signIn.loadRecord();
  let record: ReturnType<Identity['deserializeAuthenticationRecord']> | undefined;
  try {
    record = saved ? id.deserializeAuthenticationRecord(saved) : undefined;
  } catch {
    record = undefined; // damaged: sign in again
  }
  const credential = constructWithCache(id, signIn, () =>
    build({
      tokenCachePersistenceOptions: { enabled: true },
      ...(record ? { authenticationRecord: record } : {}),
    }),
  );
  let first: Promise<void> | undefined = record ? Promise.resolve() : undefined;
  return {
    async getToken(scopes, options) {
      if (!first) {
        const attempt = (async () => {
          const account = await credential.authenticate(scopes, options);
          if (account)
            await signIn.saveRecord(
              id.serializeAuthenticationRecord(
                account as Parameters<Identity['serializeAuthenticationRecord']>[0],
              ),
            );
        })();
        first = attempt;
        // A cancelled or failed first sign-in must not stick: the next call asks again.
        attempt.catch(() => {
          if (first === attempt) first = undefined;
        });
      }
      // A cancelled wait (auth.cancelSignIn) must not leave the next call waiting on the abandoned code.
      const pending = first;
      options?.abortSignal?.addEventListener('abort', () => {
        if (first === pending) first = undefined;
      });
      await pending;
      return credential.getToken(scopes, options);
    },
  };
}

const mismatched = () =>
  failure(
    'not-configured',
    'The stored credential does not match the sign-in method (a secret for a certificate, or the reverse). Enter it again.',
  );

async function readStored(auth: AuthConfig, store: CredentialStore | undefined): Promise<StoredCredential> {
  if (!auth.credentialRef) {
    throw failure(
      'not-configured',
      auth.method === 'client-secret'
        ? "Enter the service principal's client secret in the vault's sign-in settings; Kluis keeps it encrypted with your system keychain, or for this session only where there is none."
        : "Choose the service principal's certificate (PEM with its private key) in the vault's sign-in settings.",
      { field: 'auth.credentialRef' },
    );
  }
  const stored = store ? await store.read(auth.credentialRef) : undefined;
  if (!stored) {
    throw failure(
      'not-configured',
      store?.sessionOnly?.()
        ? "Kluis kept this vault's service principal secret or certificate for one session only, because this system has no keychain it can use (on Linux: GNOME Keyring or KWallet). Enter it again in the vault's sign-in settings."
        : "Kluis no longer has this vault's service principal secret or certificate (it may have been removed, or the system keychain changed). Enter it again.",
      { field: 'auth.credentialRef' },
    );
  }
  return stored;
}

/**
 * Desktop apps often start without the shell's PATH (macOS apps launched from the Dock, Windows shortcuts), so az and
 * azd are missing although installed: their usual install folders are appended to PATH before the CLI runs.
 */
function withCliPath(credential: TokenCredential, deps: CredentialDeps): TokenCredential {
  const find = deps.cliDirectories ?? (() => findCliDirectories());
  return {
    getToken: (scopes, options) => {
      appendToPath(find());
      return credential.getToken(scopes, options);
    },
  };
}

/** The local vault accepts one per-launch bearer token; any scope gets it. */
export function staticTokenCredential(token: string): TokenCredential {
  return {
    getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 }),
  };
}
