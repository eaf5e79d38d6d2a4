import type { SecretClient } from '@azure/keyvault-secrets';
import type {
  Contract,
  DeletedSecretInfo,
  Page,
  ParsedInput,
  SecretProperties,
  SecretWithValue,
} from '../contract';
import { failure } from './kluis-failure';
import { withPageLink } from './page-link-capture';
import { toDeletedSecretInfo, toSecretProperties } from './secret-models';

type In<G extends keyof Contract, M extends keyof Contract[G]> = ParsedInput<Contract[G][M]>;

export const PAGE_SIZE = 25;
/** Long-running deletes and recoveries finish in seconds; the SDK's default 2 s poll makes the UI feel slow. */
const POLL_INTERVAL_MS = 250;

/** The Key Vault operations over a vault's SecretClient. Values pass through; nothing here logs or keeps one. */
export interface SecretsService {
  listPage(vaultId: string, continuationToken?: string): Promise<Page<SecretProperties>>;
  listVersionsPage(
    vaultId: string,
    name: string,
    continuationToken?: string,
  ): Promise<Page<SecretProperties>>;
  get(input: In<'secrets', 'get'>): Promise<SecretWithValue>;
  set(input: In<'secrets', 'set'>): Promise<SecretProperties>;
  updateProperties(input: In<'secrets', 'updateProperties'>): Promise<SecretProperties>;
  delete(vaultId: string, name: string): Promise<DeletedSecretInfo>;
  listDeletedPage(vaultId: string, continuationToken?: string): Promise<Page<DeletedSecretInfo>>;
  getDeleted(vaultId: string, name: string): Promise<DeletedSecretInfo>;
  recover(vaultId: string, name: string): Promise<SecretProperties>;
  purge(vaultId: string, name: string): Promise<void>;
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

export function createSecretsService(clientFor: (vaultId: string) => Promise<SecretClient>): SecretsService {
  return {
    async listPage(vaultId, continuationToken) {
      const client = await clientFor(vaultId);
      return onePage(
        client,
        '/secrets',
        () => client.listPropertiesOfSecrets(),
        toSecretProperties,
        continuationToken,
      );
    },
    async listVersionsPage(vaultId, name, continuationToken) {
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
    async set({ vaultId, name, value, ...rest }) {
      const client = await clientFor(vaultId);
      const secret = await client.setSecret(name, value, attributes(rest));
      return toSecretProperties(secret.properties);
    },
    async updateProperties({ vaultId, name, version, ...rest }) {
      const client = await clientFor(vaultId);
      // An empty version addresses the current one (PATCH /secrets/<name>/), so no value is read to learn it.
      const properties = await client.updateSecretProperties(name, version ?? '', attributes(rest));
      return toSecretProperties(properties);
    },
    async delete(vaultId, name) {
      const client = await clientFor(vaultId);
      const poller = await client.beginDeleteSecret(name, { intervalInMs: POLL_INTERVAL_MS });
      return toDeletedSecretInfo(await poller.pollUntilDone());
    },
    async listDeletedPage(vaultId, continuationToken) {
      const client = await clientFor(vaultId);
      return onePage(
        client,
        '/deletedsecrets',
        () => client.listDeletedSecrets(),
        toDeletedSecretInfo,
        continuationToken,
      );
    },
    async getDeleted(vaultId, name) {
      const client = await clientFor(vaultId);
      return toDeletedSecretInfo(await client.getDeletedSecret(name));
    },
    async recover(vaultId, name) {
      const client = await clientFor(vaultId);
      const poller = await client.beginRecoverDeletedSecret(name, { intervalInMs: POLL_INTERVAL_MS });
      return toSecretProperties(await poller.pollUntilDone());
    },
    async purge(vaultId, name) {
      const client = await clientFor(vaultId);
      await client.purgeDeletedSecret(name);
    },
  };
}
