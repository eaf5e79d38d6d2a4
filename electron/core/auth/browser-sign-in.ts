import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { AccountInfo, AuthenticationResult, PublicClientApplication } from '@azure/msal-node';
import { randomUUID } from 'node:crypto';
import { failure } from '../errors/kluis-failure';
import type { TunnelTls } from '../vault/proxy-tunnel';
import { listenForRedirect } from './loopback-redirect';
import { msalNetworkModule } from './msal-network';
import type { VaultSignIn } from './sign-in-persistence';

/**
 * Opens a sign-in page in the user's browser after checking it (main: electron/main/sign-in-browser.ts's
 * openSignInPage around shell.openExternal). Resolves false when the page was refused and not opened.
 */
export type SignInPageOpener = (url: string, authorityHost: string) => Promise<boolean>;

type Msal = typeof import('@azure/msal-node');
type RestPipeline = typeof import('@azure/core-rest-pipeline');

export interface BrowserSignInOptions {
  /** The app registration; Kluis defaults to the Azure CLI's public client, as @azure/identity does. */
  clientId: string;
  tenantId?: string;
  /** e.g. https://login.microsoftonline.com, or a custom cloud's sign-in host. */
  authorityHost: string;
  /** Custom clouds: do not ask login.microsoftonline.com about the host (it only knows Microsoft's clouds). */
  disableInstanceDiscovery: boolean;
  /** Without one (a build with no browser), the sign-in fails with a clear error instead of opening anything. */
  openSignInPage?: SignInPageOpener;
  /** Told when the page is open and the sign-in waits for the user (true), and when it stops waiting (false). */
  onWaiting?: (waiting: boolean) => void;
  /** Remembers the token cache and the account across restarts; absent: this credential's memory only. */
  signIn?: VaultSignIn;
  tlsOptions?: TunnelTls;
  proxyOptions?: { host: string; port: number };
  /** Tests swap the libraries; the default loads them on first use. */
  load?: () => Promise<{ msal: Msal; pipeline: RestPipeline }>;
}

/** The Azure CLI's public client ID, which @azure/identity's browser credential also uses when none is set. */
export const DEFAULT_PUBLIC_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/** The remembered account, in @azure/identity's AuthenticationRecord shape so either kind of record is read. */
interface SavedAccount {
  authority: string;
  homeAccountId: string;
  clientId: string;
  tenantId: string;
  username: string;
  version: '1.0';
}

function parseSaved(text: string | undefined): Pick<SavedAccount, 'homeAccountId'> | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Partial<SavedAccount>;
    return typeof v.homeAccountId === 'string' && v.homeAccountId
      ? { homeAccountId: v.homeAccountId }
      : undefined;
  } catch {
    return undefined; // damaged: sign in again
  }
}

const toAccessToken = (r: AuthenticationResult): AccessToken => ({
  token: r.accessToken,
  expiresOnTimestamp: (r.expiresOn ?? new Date(Date.now() + 5 * 60 * 1000)).getTime(),
  ...(r.refreshOn ? { refreshAfterTimestamp: r.refreshOn.getTime() } : {}),
  tokenType: 'Bearer',
});

/**
 * Interactive browser sign-in with MSAL's authorization-code flow (getAuthCodeUrl with PKCE and state, a loopback
 * redirect, acquireTokenByCode), opening the sign-in page only through Kluis's checked opener instead of
 * @azure/identity's own `open` call. After the first sign-in, tokens come silently from the (remembered) cache until
 * the refresh token stops working.
 */
export function createBrowserSignInCredential(o: BrowserSignInOptions): TokenCredential {
  const authorityHost = o.authorityHost.replace(/\/+$/, '');
  const defaultTenant = o.clientId === DEFAULT_PUBLIC_CLIENT_ID ? 'organizations' : 'common';
  let app: Promise<{ msal: Msal; pca: PublicClientApplication }> | undefined;
  let account: AccountInfo | undefined;

  const load =
    o.load ??
    (async () => ({
      msal: await import('@azure/msal-node'),
      pipeline: await import('@azure/core-rest-pipeline'),
    }));

  function publicApp() {
    app ??= (async () => {
      const { msal, pipeline } = await load();
      const pca = new msal.PublicClientApplication({
        auth: {
          clientId: o.clientId,
          authority: `${authorityHost}/${o.tenantId ?? defaultTenant}`,
          ...(o.disableInstanceDiscovery ? { knownAuthorities: [authorityHost] } : {}),
        },
        // identity's name for its cache without CAE: a sign-in remembered by an earlier Kluis is read too.
        ...(o.signIn ? { cache: { cachePlugin: o.signIn.cachePlugin('msal.nocae') } } : {}),
        system: { networkClient: msalNetworkModule(pipeline, o) },
      });
      return { msal, pca };
    })();
    app.catch(() => (app = undefined));
    return app;
  }

  async function rememberedAccount(pca: PublicClientApplication): Promise<AccountInfo | undefined> {
    if (account) return account;
    const saved = parseSaved(await o.signIn?.loadRecord());
    if (!saved) return undefined;
    return (await pca.getTokenCache().getAccountByHomeId(saved.homeAccountId)) ?? undefined;
  }

  async function remember(result: AuthenticationResult, authority: string): Promise<void> {
    if (!result.account) return;
    const same = account?.homeAccountId === result.account.homeAccountId;
    account = result.account;
    if (same) return; // already saved; silent refreshes do not rewrite the record
    const saved: SavedAccount = {
      authority,
      homeAccountId: result.account.homeAccountId,
      clientId: o.clientId,
      tenantId: result.account.tenantId,
      username: result.account.username,
      version: '1.0',
    };
    await o.signIn?.saveRecord(JSON.stringify(saved));
  }

  return {
    async getToken(scopes, options?: GetTokenOptions) {
      const { msal, pca } = await publicApp();
      const scopeList = Array.isArray(scopes) ? scopes : [scopes];
      const authority = `${authorityHost}/${o.tenantId ?? options?.tenantId ?? defaultTenant}`;
      const claims = options?.claims;
      const known = await rememberedAccount(pca);
      if (known) {
        try {
          const result = await pca.acquireTokenSilent({
            account: known,
            scopes: scopeList,
            authority,
            ...(claims ? { claims, forceRefresh: true } : {}),
          });
          await remember(result, authority);
          return toAccessToken(result);
        } catch (err) {
          // Only "the user must sign in again" falls through to the browser; a network error is reported as such.
          if (!(err instanceof msal.InteractionRequiredAuthError)) throw err;
        }
      }
      if (options?.abortSignal?.aborted)
        throw failure('cancelled', 'The sign-in was cancelled. Try again to open the sign-in page.');
      const { verifier, challenge } = await new msal.CryptoProvider().generatePkceCodes();
      const state = randomUUID();
      const loopback = await listenForRedirect(state, options?.abortSignal);
      let code: string;
      let waiting = false;
      try {
        const page = await pca.getAuthCodeUrl({
          scopes: scopeList,
          authority,
          redirectUri: loopback.redirectUri,
          codeChallenge: challenge,
          codeChallengeMethod: 'S256',
          state,
          prompt: 'select_account',
          ...(claims ? { claims } : {}),
        });
        if (!o.openSignInPage)
          throw failure(
            'not-configured',
            'This build of Kluis cannot open a browser to sign in. Use device code.',
          );
        if (!(await o.openSignInPage(page, authorityHost))) {
          throw failure(
            'unauthenticated',
            `Kluis did not open the sign-in page because it is not an https page on the sign-in host ${authorityHost}. Check the vault's cloud and authority host settings.`,
          );
        }
        o.onWaiting?.(true);
        waiting = true;
        code = await loopback.code;
      } finally {
        loopback.close();
        if (waiting) o.onWaiting?.(false);
      }
      const interactive = pca.acquireTokenByCode({
        code,
        codeVerifier: verifier,
        scopes: scopeList,
        authority,
        redirectUri: loopback.redirectUri,
        ...(claims ? { claims } : {}),
      });
      const result = await interactive;
      await remember(result, authority);
      return toAccessToken(result);
    },
  };
}
