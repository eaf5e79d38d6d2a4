import type { SecretClient } from '@azure/keyvault-secrets';
import type {
  Contract,
  DeletedSecretInfo,
  Page,
  ParsedInput,
  SecretProperties,
  SecretWithValue,
} from '../../contract';
import { failure } from '../errors/kluis-failure';
import { createListReadAhead } from './list-read-ahead';
import { withPageLink } from './page-link-capture';
import {
  checkExpectation,
  conflictFailure,
  guardedWrite,
  isNotFound,
  sameValue,
  versionsOf,
} from './secret-writes';
import { toDeletedSecretInfo, toSecretProperties } from './secret-models';
import { TokenBucket } from '../bulk/token-bucket';

type In<G extends keyof Contract, M extends keyof Contract[G]> = ParsedInput<Contract[G][M]>;

export const PAGE_SIZE = 25;
/** Long-running deletes and recoveries finish in seconds; the SDK's default 2 s poll makes the UI feel slow. */
const POLL_INTERVAL_MS = 250;

/** The Key Vault operations over a vault's SecretClient. Values pass through; nothing here logs or keeps one. */
export interface SecretsService {
  /** One page of the vault's secrets; the next page is read ahead (list-read-ahead.ts). */
  listPage(input: In<'secrets', 'listPage'>): Promise<Page<SecretProperties>>;
  /** Drops what listPage read ahead for the vault: something may have changed what it lists. */
  forgetReadAhead(vaultId: string): void;
  listVersionsPage(input: In<'secrets', 'listVersionsPage'>): Promise<Page<SecretProperties>>;
  get(input: In<'secrets', 'get'>): Promise<SecretWithValue>;
  set(input: In<'secrets', 'set'>): Promise<SecretProperties>;
  updateProperties(input: In<'secrets', 'updateProperties'>): Promise<SecretProperties>;
  delete(input: In<'secrets', 'delete'>): Promise<DeletedSecretInfo>;
  listDeletedPage(input: In<'deleted', 'listPage'>): Promise<Page<DeletedSecretInfo>>;
  getDeleted(input: In<'deleted', 'get'>): Promise<DeletedSecretInfo>;
  recover(input: In<'deleted', 'recover'>): Promise<SecretProperties>;
  purge(input: In<'deleted', 'purge'>): Promise<void>;
}

type PageIterable<T> = {
  byPage(settings: {
    continuationToken?: string;
    maxPageSize?: number;
  }): AsyncIterableIterator<T[] & { continuationToken?: string }>;
};

/**
 * A continuation token is the service's nextLink, a URL the SDK will call with the user's token. One from the
 * renderer is only followed when it points at this vault's own listing.
 */
function checkContinuationToken(token: string, vaultUrl: string, listPath: string): void {
  let url: URL;
  try {
    url = new URL(token);
  } catch {
    throw failure('invalid-input', 'The list position is not valid; reload the list.', {
      field: 'continuationToken',
    });
  }
  if (url.origin !== new URL(vaultUrl).origin || url.pathname.toLowerCase() !== listPath.toLowerCase()) {
    throw failure('invalid-input', 'The list position belongs to another list; reload the list.', {
      field: 'continuationToken',
    });
  }
}

async function onePage<S, T>(
  client: SecretClient,
  listPath: string,
  list: () => PageIterable<S>,
  map: (item: S) => T,
  continuationToken?: string,
): Promise<Page<T>> {
  if (continuationToken) checkContinuationToken(continuationToken, client.vaultUrl, listPath);
  const settings = { ...(continuationToken ? { continuationToken } : {}), maxPageSize: PAGE_SIZE };
  const { result, nextLink } = await withPageLink(() => list().byPage(settings).next());
  if (result.done || !result.value) return { items: [] };
  const page: Page<T> = { items: result.value.map(map) };
  const next = result.value.continuationToken ?? nextLink;
  if (next) page.continuationToken = next;
  return page;
}

/** The deleted secret's properties, or undefined when there is none by that name. */
async function deletedOrUndefined(
  client: SecretClient,
  name: string,
): Promise<DeletedSecretInfo | undefined> {
  try {
    return toDeletedSecretInfo(await client.getDeletedSecret(name));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const date = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));

/** Attribute fields shared by set and updateProperties, without undefined keys (the SDK would send nulls). */
function attributes(input: {
  contentType?: string;
  enabled?: boolean;
  notBefore?: number;
  expiresOn?: number;
  tags?: Record<string, string>;
}) {
  const out: {
    contentType?: string;
    enabled?: boolean;
    notBefore?: Date;
    expiresOn?: Date;
    tags?: Record<string, string>;
  } = {};
  if (input.contentType !== undefined) out.contentType = input.contentType;
  if (input.enabled !== undefined) out.enabled = input.enabled;
  if (input.notBefore !== undefined) out.notBefore = date(input.notBefore);
  if (input.expiresOn !== undefined) out.expiresOn = date(input.expiresOn);
  if (input.tags !== undefined) out.tags = input.tags;
  return out;
}

/** What else hears of the listing: the property index (property-index.ts) shares its pages. */
export interface ListingObserver {
  page(vaultId: string, continuationToken: string | undefined, page: Page<SecretProperties>): void;
  forget(vaultId: string): void;
}

/**
 * Listing requests of all vaults together, read ahead or not: a dashboard over many vaults lists them at once,
 * one request in flight per vault; this keeps the sum at 10,000 per 10 s, under the service's subscription-wide
 * limits, while each vault alone stays far under its own 4,000 per 10 s.
 */
export const LISTING_BUDGET = { capacity: 100, perSecond: 1_000 };

export function createSecretsService(
  clientFor: (vaultId: string) => Promise<SecretClient>,
  observer?: ListingObserver,
): SecretsService {
  const budget = new TokenBucket(LISTING_BUDGET);
  const listing = createListReadAhead(async (vaultId: string, continuationToken?: string) => {
    await budget.take(1);
    const client = await clientFor(vaultId);
    return onePage(
      client,
      '/secrets',
      () => client.listPropertiesOfSecrets(),
      toSecretProperties,
      continuationToken,
    );
  });
  return {
    async listPage({ vaultId, continuationToken }) {
      const page = await listing.page(vaultId, continuationToken);
      observer?.page(vaultId, continuationToken, page);
      return page;
    },
    forgetReadAhead: (vaultId) => {
      listing.forget(vaultId);
      observer?.forget(vaultId);
    },
    async listVersionsPage({ vaultId, name, continuationToken }) {
      const client = await clientFor(vaultId);
      return onePage(
        client,
        `/secrets/${name}/versions`,
        () => client.listPropertiesOfSecretVersions(name),
        toSecretProperties,
        continuationToken,
      );
    },
    async get({ vaultId, name, version }) {
      const client = await clientFor(vaultId);
      const secret = await client.getSecret(name, version ? { version } : {});
      return { properties: toSecretProperties(secret.properties), value: secret.value ?? '' };
    },
    async set({ vaultId, name, value, expectedVersion, expectedUpdatedOn, ...rest }) {
      const client = await clientFor(vaultId);
      const expectation = { expectedVersion, expectedUpdatedOn };
      // The versions before the write tell a retry whether the write landed; they also answer the conflict check.
      const { versions } = await checkExpectation(client, name, expectation);
      const before = new Set(versions.map((v) => v.version));
      const sent = attributes(rest);
      return guardedWrite({
        what: 'the secret was saved',
        notDone: 'It was not saved.',
        write: async () => toSecretProperties((await client.setSecret(name, value, sent)).properties),
        landed: async () => {
          const fresh = (await versionsOf(client, name))
            .filter((v) => !before.has(v.version))
            .sort((a, b) => (b.createdOn ?? 0) - (a.createdOn ?? 0));
          // A new version is ours only if it holds our value: another client may have written meanwhile. The
          // value is compared here in main and dropped; it is never logged or returned.
          for (const candidate of fresh.slice(0, 5)) {
            if (!candidate.version || (sent.contentType ?? undefined) !== candidate.contentType) continue;
            const stored = await client.getSecret(name, { version: candidate.version });
            if (sameValue(stored.value ?? '', value)) return { value: toSecretProperties(stored.properties) };
          }
          if (fresh.length > 0 && (expectedVersion || expectedUpdatedOn !== undefined)) {
            throw conflictFailure(name, 'saved a new version of');
          }
          return undefined;
        },
      });
    },
    async updateProperties({ vaultId, name, version, expectedVersion, expectedUpdatedOn, ...rest }) {
      const client = await clientFor(vaultId);
      let target = version ?? '';
      if (expectedVersion || expectedUpdatedOn !== undefined) {
        const { current } = await checkExpectation(
          client,
          name,
          { expectedVersion, expectedUpdatedOn },
          version,
        );
        // Change the version that was checked, not whichever is newest by the time the PATCH arrives.
        target = version ?? current?.version ?? '';
      }
      // An empty version addresses the current one (PATCH /secrets/<name>/), so no value is read to learn it.
      // PATCH sets the given attributes, so the pipeline policy may repeat it safely.
      const properties = await client.updateSecretProperties(name, target, attributes(rest));
      return toSecretProperties(properties);
    },
    async delete({ vaultId, name }) {
      const client = await clientFor(vaultId);
      return guardedWrite({
        what: 'the secret was deleted',
        notDone: 'It was not deleted.',
        write: async () => {
          const poller = await client.beginDeleteSecret(name, { intervalInMs: POLL_INTERVAL_MS });
          return toDeletedSecretInfo(await poller.pollUntilDone());
        },
        landed: async () => {
          const deleted = await deletedOrUndefined(client, name);
          if (deleted) return { value: deleted };
          // Neither deleted nor gone: the delete did not land. Gone but not yet listed as deleted: it is underway.
          if ((await versionsOf(client, name)).length > 0) return undefined;
          for (let i = 0; i < 20; i++) {
            await sleep(POLL_INTERVAL_MS);
            const later = await deletedOrUndefined(client, name);
            if (later) return { value: later };
          }
          return undefined;
        },
      });
    },
    async listDeletedPage({ vaultId, continuationToken }) {
      const client = await clientFor(vaultId);
      return onePage(
        client,
        '/deletedsecrets',
        () => client.listDeletedSecrets(),
        toDeletedSecretInfo,
        continuationToken,
      );
    },
    async getDeleted({ vaultId, name }) {
      const client = await clientFor(vaultId);
      return toDeletedSecretInfo(await client.getDeletedSecret(name));
    },
    async recover({ vaultId, name }) {
      const client = await clientFor(vaultId);
      return guardedWrite({
        what: 'the secret was recovered',
        notDone: 'It was not recovered.',
        write: async () => {
          const poller = await client.beginRecoverDeletedSecret(name, { intervalInMs: POLL_INTERVAL_MS });
          return toSecretProperties(await poller.pollUntilDone());
        },
        landed: async () => {
          if (await deletedOrUndefined(client, name)) return undefined;
          const versions = await versionsOf(client, name);
          const newest = versions.sort((a, b) => (b.createdOn ?? 0) - (a.createdOn ?? 0))[0];
          return newest ? { value: newest } : undefined;
        },
      });
    },
    async purge({ vaultId, name }) {
      const client = await clientFor(vaultId);
      await guardedWrite({
        what: 'the secret was purged',
        notDone: 'It was not purged.',
        write: () => client.purgeDeletedSecret(name),
        landed: async () => ((await deletedOrUndefined(client, name)) ? undefined : { value: undefined }),
      });
    },
  };
}
