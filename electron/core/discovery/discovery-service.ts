import type { TokenCredential } from '@azure/core-auth';
import type {
  AuthConfig,
  DiscoveredSubscription,
  DiscoveredTenant,
  DiscoveryPage,
  DiscoveryStarted,
  KluisError,
  EventName,
  EventPayloads,
  Settings,
  VaultConfig,
} from '../../contract';
import type { ServicePrincipalStore } from '../auth/credential-store';
import type { SignInPersistence } from '../auth/sign-in-persistence';
import { failure } from '../errors/kluis-failure';
import { findVault } from '../vault/vault-list';
import { RetryBudget, runWithBudget } from '../reliability/retry-budget';
import { connectArm, signInIdOf, type ArmConnection, type ArmSignInDeps } from './arm-sign-in';
import { armError, emptyTenantError, type ArmTarget } from './discovery-errors';
import { toDeletedVault, toDiscoveredVault, type ArmVaultLike, type Caller } from './vault-rows';

/**
 * "Browse vaults": the tenants an account can use, the subscriptions of one tenant, and the key vaults of all of
 * them, from Azure Resource Manager with Microsoft's management SDKs.
 *
 * - Vaults come from one Azure Resource Graph query over the tenant (what the portal does), its pages followed by
 *   $skipToken, each page announced as it arrives. It starts at once, beside the tenant and subscription listings,
 *   so the first vaults arrive one answer after the token. Where Resource Graph is denied, vaults are listed per
 *   subscription (@azure/arm-keyvault, nextLink followed), several subscriptions at once.
 * - Deleted vaults are listed per subscription, read-only, with their purge date.
 * - Every failure is data on a page: one subscription that fails is reported for that subscription while the
 *   others go on; an empty tenant and a token Resource Manager refuses each say what to do.
 * - Each listing runs under its own retry budget (Kluis's retry policy honours 429 Retry-After), and a cancelled
 *   browse stops at once.
 */

/** Subscriptions listed at once on the per-subscription paths (vaults where Resource Graph is denied, deleted vaults). */
export const SUBSCRIPTION_CONCURRENCY = 8;
/** Resource Graph's largest page. */
export const GRAPH_PAGE_SIZE = 1000;
/** Only the columns Browse vaults shows (and the access policies, to mark vaults the caller cannot list). */
export const VAULTS_QUERY =
  "resources | where type =~ 'microsoft.keyvault/vaults' | project id, name, type, location, resourceGroup, subscriptionId, tenantId, properties";

type Arm = {
  SubscriptionClient: typeof import('@azure/arm-resources-subscriptions').SubscriptionClient;
  ResourceGraphClient: typeof import('@azure/arm-resourcegraph').ResourceGraphClient;
  KeyVaultManagementClient: typeof import('@azure/arm-keyvault').KeyVaultManagementClient;
};

const loadArm = async (): Promise<Arm> => {
  const [subs, graph, kv] = await Promise.all([
    import('@azure/arm-resources-subscriptions'),
    import('@azure/arm-resourcegraph'),
    import('@azure/arm-keyvault'),
  ]);
  return {
    SubscriptionClient: subs.SubscriptionClient,
    ResourceGraphClient: graph.ResourceGraphClient,
    KeyVaultManagementClient: kv.KeyVaultManagementClient,
  };
};

export interface DiscoveryDeps extends Omit<ArmSignInDeps, 'onBrowserSignIn'> {
  settings: () => Settings;
  /** Core's events: 'discovery.page', and 'operation.retrying' / 'auth.browserSignIn' as for a vault. */
  emit: <E extends EventName>(name: E, payload: EventPayloads[E]) => void;
  /** For adding found vaults with the sign-in that found them. */
  signIns?: SignInPersistence;
  servicePrincipals?: ServicePrincipalStore;
  concurrency?: number;
  /** Tests swap the SDKs; the default loads them on first use. */
  loadArm?: () => Promise<Arm>;
  log?: (line: string) => void;
}

export interface DiscoveryService {
  start(input: {
    browseId: string;
    auth?: AuthConfig;
    fromVaultId?: string;
    tenantId?: string;
  }): Promise<DiscoveryStarted>;
  cancel(input: { browseId: string }): Promise<{ cancelled: boolean }>;
  /**
   * For vaults.add with `discovered`: the sign-in a found vault keeps (the browse's method, application and cloud,
   * in the tenant it was found in), and what to do once the vault is listed (its remembered sign-in or service
   * principal secret is copied to it, so it opens without signing in again).
   */
  adopt(browseId: string): Promise<{ auth: AuthConfig; after(vaultId: string): Promise<void> }>;
  /** The sign-in a browse waits on, as a vault would have it (for the device-code page's checked opener). */
  signInOf(signInId: string): VaultConfig | undefined;
  /** Resolves when the browse has sent its last page (tests, bench). */
  settled(browseId: string): Promise<void>;
  dispose(): void;
}

interface Browse {
  auth: AuthConfig;
  signInId?: string;
  tenantId?: string;
  controller: AbortController;
  running: Promise<void>;
}

/** Who the token is for, read from its claims in main; the token itself is neither kept nor passed on. */
function callerOf(token: string): Caller & { tenantId?: string } {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const text = (k: string) => (typeof claims[k] === 'string' ? (claims[k] as string) : undefined);
    const oid = text('oid');
    const tid = text('tid');
    return { ...(oid ? { objectId: oid } : {}), ...(tid ? { tenantId: tid } : {}) };
  } catch {
    return {};
  }
}

/** Runs `tasks` with at most `limit` at once. */
async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}

export function createDiscovery(core: DiscoveryDeps): DiscoveryService {
  const deps = {
    ...core,
    // The sign-ins of browses are remembered, and service principals read, where vaults' are.
    ...(core.signIns ? { signInPersistence: core.signIns } : {}),
    ...(core.servicePrincipals ? { credentialStore: core.servicePrincipals } : {}),
    onBrowserSignIn: (waiting: boolean, host: string, vaultId: string) =>
      core.emit('auth.browserSignIn', { vaultId, host, waiting }),
    onRetrying: (event: EventPayloads['operation.retrying']) => core.emit('operation.retrying', event),
    page: (page: DiscoveryPage) => core.emit('discovery.page', page),
  };
  const browses = new Map<string, Browse>();
  /** Sign-ins by signInId: switching back to a tenant reuses its credential (and its cached token). */
  const connections = new Map<string, Promise<ArmConnection>>();
  const signInAuth = new Map<string, AuthConfig>();
  let armModules: Promise<Arm> | undefined;
  let disposed = false;
  const arm = () => (armModules ??= (deps.loadArm ?? loadArm)());

  /**
   * The connection of a sign-in, made once: its credential (and cached token), TLS agent (kept-alive connections)
   * and SDK clients serve every later browse with it, e.g. Refresh and switching back to a tenant.
   */
  function connectionFor(auth: AuthConfig): Promise<ArmConnection> {
    const signInId = signInIdOf(auth);
    const known = connections.get(signInId);
    if (known) return known;
    const pending = connectArm(auth, deps);
    connections.set(signInId, pending);
    signInAuth.set(signInId, auth);
    pending.catch(() => {
      if (connections.get(signInId) === pending) connections.delete(signInId);
    });
    return pending;
  }

  /** One client of each kind per connection (and per subscription), so their pipelines are built once. */
  const clientCache = new WeakMap<ArmConnection, Map<string, unknown>>();
  function clientOf<T>(connection: ArmConnection, key: string, make: () => T): T {
    let clients = clientCache.get(connection);
    if (!clients) clientCache.set(connection, (clients = new Map()));
    if (!clients.has(key)) clients.set(key, make());
    return clients.get(key) as T;
  }

  /** The sign-in to browse with: the one given, or a listed vault's (a service principal Kluis keeps, say). */
  function authOf(input: { auth?: AuthConfig; fromVaultId?: string; tenantId?: string }): AuthConfig {
    let auth: AuthConfig;
    if (input.fromVaultId) {
      const vault = findVault(deps.settings(), input.fromVaultId);
      if (vault.kind !== 'azure') {
        throw failure(
          'invalid-input',
          'The local vault has no Azure sign-in to browse with; choose an Azure vault or sign in.',
          { field: 'fromVaultId' },
        );
      }
      auth = vault.auth;
    } else if (input.auth) {
      auth = input.auth;
    } else {
      throw failure('invalid-input', 'Give a sign-in to browse with.', { field: 'auth' });
    }
    if (auth.method === 'local') {
      throw failure('invalid-input', 'Choose an Azure sign-in method to browse vaults.', {
        field: 'auth.method',
      });
    }
    const { resource: _resource, ...rest } = auth;
    const kept = auth.cloud === 'custom' ? auth : rest;
    return input.tenantId ? { ...kept, tenantId: input.tenantId } : kept;
  }

  async function run(browseId: string, browse: Browse): Promise<void> {
    const signal = browse.controller.signal;
    let tenantId = browse.auth.tenantId;
    const emit = (page: Omit<DiscoveryPage, 'browseId' | 'done'> & { done?: boolean }) => {
      if (signal.aborted && !page.done) return;
      deps.page({ browseId, ...(tenantId ? { tenantId } : {}), done: false, ...page });
    };
    /** One listing, under its own retry budget; its failure becomes a page, never a thrown error. */
    const listing = async (target: ArmTarget, body: () => Promise<void>): Promise<KluisError | undefined> => {
      try {
        await runWithBudget(new RetryBudget('discovery.start', (e) => deps.onRetrying(e)), body);
        return undefined;
      } catch (err) {
        if (signal.aborted) return undefined;
        return armError(err, target, browse.auth.method);
      }
    };
    let connection: ArmConnection;
    const sdk = await arm();
    try {
      connection = await connectionFor(browse.auth);
    } catch (err) {
      emit({ error: { error: armError(err, { what: 'tenants' }, browse.auth.method) }, done: true });
      return;
    }
    browse.signInId = connection.signInId;
    // Who is signed in and to which tenant, from the browse's token. Asked beside the listings, not before them (the
    // SDKs' requests wait for the same sign-in, and reuse it: asked as their bearer policy asks, with enableCae), so
    // the first vaults are one answer away, not two.
    let signInFailed: unknown;
    const claims = runWithBudget(new RetryBudget('discovery.start', () => undefined), () =>
      connection.credential.getToken(connection.clientOptions.credentials.scopes, {
        abortSignal: signal,
        enableCae: true,
      }),
    ).then(
      (token) => {
        if (!token)
          throw failure(
            'unauthenticated',
            'The sign-in gave no token for Azure Resource Manager. Sign in again.',
          );
        const found = callerOf(token.token);
        tenantId ??= found.tenantId;
        browse.tenantId = tenantId;
        return found as Caller;
      },
      (err: unknown) => {
        // One error for the browse: the listings waiting on the same sign-in stop without reporting it again.
        signInFailed = err;
        browse.controller.abort();
        return {} as Caller;
      },
    );
    const credential: TokenCredential = connection.credential;
    const options = connection.clientOptions;
    const subscriptionClient = clientOf(
      connection,
      'subscriptions',
      () => new sdk.SubscriptionClient(credential, options),
    );
    const keyVaultClient = (subscriptionId: string) =>
      clientOf(
        connection,
        `kv:${subscriptionId}`,
        () => new sdk.KeyVaultManagementClient(credential, subscriptionId, options),
      );
    const abort = { abortSignal: signal };

    const tenants = listing({ what: 'tenants' }, async () => {
      const found: DiscoveredTenant[] = [];
      for await (const t of subscriptionClient.tenants.list(abort)) {
        if (!t.tenantId) continue;
        found.push({
          tenantId: t.tenantId,
          ...(t.displayName ? { displayName: t.displayName } : {}),
          ...(t.defaultDomain ? { defaultDomain: t.defaultDomain } : {}),
        });
      }
      emit({ tenants: found });
    }).then((error) => error && emit({ error: { error } }));

    let subscriptions: DiscoveredSubscription[] | undefined;
    const subscriptionsListed = listing(
      { what: 'subscriptions', ...(tenantId ? { tenantId } : {}) },
      async () => {
        const listed = [];
        for await (const s of subscriptionClient.subscriptions.list(abort)) listed.push(s);
        await claims; // the tenant the token names, to keep only this tenant's subscriptions
        const found: DiscoveredSubscription[] = [];
        for (const s of listed) {
          if (!s.subscriptionId) continue;
          // ARM lists the token's tenant's subscriptions; one that names another tenant is not this browse's.
          if (tenantId && s.tenantId && s.tenantId.toLowerCase() !== tenantId.toLowerCase()) continue;
          found.push({
            subscriptionId: s.subscriptionId,
            displayName: s.displayName ?? s.subscriptionId,
            tenantId: s.tenantId ?? tenantId ?? '',
            ...(s.state ? { state: s.state } : {}),
          });
        }
        subscriptions = found;
        emit({ subscriptions: found });
        if (found.length === 0) emit({ error: { error: emptyTenantError(tenantId) } });
      },
    ).then((error) => {
      if (error) emit({ error: { error } });
      return subscriptions ?? [];
    });

    const limit = deps.concurrency ?? SUBSCRIPTION_CONCURRENCY;

    const perSubscription = async (subs: DiscoveredSubscription[]) =>
      inParallel(subs, limit, async (s) => {
        const client = keyVaultClient(s.subscriptionId);
        const error = await listing(
          { what: 'vaults', subscriptionId: s.subscriptionId, name: s.displayName },
          async () => {
            for await (const page of client.vaults.listBySubscription(abort).byPage()) {
              const caller = await claims;
              emit({
                source: 'per-subscription',
                vaults: page.map((v) => toDiscoveredVault(v as ArmVaultLike, tenantId ?? '', caller)),
              });
              if (signal.aborted) return;
            }
          },
        );
        emit(
          error
            ? { error: { subscriptionId: s.subscriptionId, error } }
            : { source: 'per-subscription', completed: { subscriptionIds: [s.subscriptionId] } },
        );
      });

    const graph = clientOf(connection, 'graph', () => new sdk.ResourceGraphClient(credential, options));
    const vaultsListed = (async () => {
      const graphError = await listing({ what: 'resource-graph' }, async () => {
        let skipToken: string | undefined;
        do {
          const answer = await graph.resources(
            {
              query: VAULTS_QUERY,
              options: {
                resultFormat: 'objectArray',
                top: GRAPH_PAGE_SIZE,
                ...(skipToken ? { skipToken } : {}),
              },
            },
            abort,
          );
          const rows = Array.isArray(answer.data) ? (answer.data as ArmVaultLike[]) : [];
          const caller = await claims;
          emit({
            source: 'resource-graph',
            vaults: rows.map((v) => toDiscoveredVault(v, tenantId ?? '', caller)),
          });
          skipToken = answer.skipToken;
        } while (skipToken && !signal.aborted);
      });
      const subs = await subscriptionsListed;
      if (!graphError) {
        emit({ source: 'resource-graph', completed: { subscriptionIds: subs.map((s) => s.subscriptionId) } });
        return;
      }
      // Denied (or not available in this cloud): list each subscription's vaults instead.
      deps.log?.(`discovery: Resource Graph ${graphError.kind}; listing per subscription`);
      await perSubscription(subs);
    })();

    const deletedListed = (async () => {
      const subs = await subscriptionsListed;
      // The vaults the user is waiting for first: deleted vaults are listed once they are in (or failed).
      await vaultsListed;
      await inParallel(subs, limit, async (s) => {
        const client = keyVaultClient(s.subscriptionId);
        const error = await listing(
          { what: 'deleted-vaults', subscriptionId: s.subscriptionId, name: s.displayName },
          async () => {
            for await (const page of client.vaults.listDeleted(abort).byPage()) {
              if (page.length > 0)
                emit({ deletedVaults: page.map((v) => toDeletedVault(v, s.subscriptionId)) });
              if (signal.aborted) return;
            }
          },
        );
        emit(
          error
            ? { error: { subscriptionId: s.subscriptionId, deleted: true, error } }
            : { completed: { subscriptionIds: [s.subscriptionId], deleted: true } },
        );
      });
    })();

    await Promise.all([tenants, vaultsListed, deletedListed, claims]);
    if (signInFailed !== undefined) {
      emit({ error: { error: armError(signInFailed, { what: 'tenants' }, browse.auth.method) }, done: true });
      return;
    }
    emit({ done: true });
  }

  return {
    async start(input) {
      if (disposed) throw failure('cancelled', 'Kluis is shutting down.');
      const auth = authOf(input);
      const previous = browses.get(input.browseId);
      if (previous) throw failure('invalid-input', 'This browse has started already; start a new one.');
      const browse: Browse = {
        auth,
        controller: new AbortController(),
        running: Promise.resolve(),
        ...(auth.tenantId ? { tenantId: auth.tenantId } : {}),
      };
      browses.set(input.browseId, browse);
      // Started after start() answered, so the renderer hears every page; outside this operation's retry budget,
      // each listing has its own.
      browse.running = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
        run(input.browseId, browse).catch((err: unknown) => {
          deps.page({
            browseId: input.browseId,
            error: { error: armError(err, { what: 'tenants' }, auth.method) },
            done: true,
          });
        }),
      );
      return { browseId: input.browseId };
    },
    async cancel({ browseId }) {
      const browse = browses.get(browseId);
      if (!browse || browse.controller.signal.aborted) return { cancelled: false };
      browse.controller.abort();
      // A sign-in waiting for the user (a device code) stops too.
      if (browse.signInId) deps.signInStatus?.cancel(browse.signInId);
      else for (const id of signInAuth.keys()) deps.signInStatus?.cancel(id);
      return { cancelled: true };
    },
    async adopt(browseId) {
      const browse = browses.get(browseId);
      if (!browse) {
        throw failure(
          'not-configured',
          'That browse is no longer known to Kluis; browse again, then add the vault.',
          {
            field: 'discovered.browseId',
          },
        );
      }
      const { credentialRef, ...rest } = browse.auth;
      const auth: AuthConfig = { ...rest, ...(browse.tenantId ? { tenantId: browse.tenantId } : {}) };
      // The vault gets its own copy of a service principal's secret: signing out of (or removing) one vault must not
      // sign out the vault whose sign-in the browse borrowed.
      const stored = credentialRef ? await deps.servicePrincipals?.read(credentialRef) : undefined;
      const ref = stored && deps.servicePrincipals ? await deps.servicePrincipals.save(stored) : undefined;
      return {
        auth: ref ? { ...auth, credentialRef: ref } : auth,
        async after(vaultId) {
          // A remembered browser or device-code sign-in is copied too, so the vault opens without signing in again.
          if (browse.signInId && deps.signIns) await deps.signIns.copy(browse.signInId, vaultId);
        },
      };
    },
    signInOf(signInId) {
      const auth = signInAuth.get(signInId);
      return auth
        ? { id: signInId, displayName: 'Browse vaults', url: '', kind: 'azure', auth, pinned: false }
        : undefined;
    },
    settled: async (browseId) => {
      await browses.get(browseId)?.running;
    },
    dispose() {
      disposed = true;
      for (const b of browses.values()) b.controller.abort();
    },
  };
}
