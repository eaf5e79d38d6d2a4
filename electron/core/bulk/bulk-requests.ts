import type { SecretClient } from '@azure/keyvault-secrets';
import { guardedWrite, isNotFound } from '../secrets/secret-writes';

/** The bulk actions whose completion is confirmed in bulk instead of one poll per item. */
export type ConfirmedAction = 'delete' | 'recover';

/** 'sent': the service accepted the write, its completion is still to be confirmed; 'done': confirmed already. */
export type WriteOutcome = 'sent' | 'done';

/** The requests of a confirmed bulk job; each method is the number of requests its comment says. */
export interface ConfirmedRequests {
  /**
   * The one write (DELETE /secrets/{name} or POST /deletedsecrets/{name}/recover), no poll. Attempt 2+ (after a
   * throttled attempt) first checks whether the item is already complete, so a write is never sent twice.
   */
  write(vaultId: string, action: ConfirmedAction, name: string, attempt: number): Promise<WriteOutcome>;
  /** One request: whether the item is complete (listed as deleted; or back, with its versions listed). */
  check(vaultId: string, action: ConfirmedAction, name: string): Promise<boolean>;
  /**
   * A listing pass over what a complete item appears in (deleted secrets; or secrets): each call reads the next
   * page (one request) and gives its names, and whether more pages follow.
   */
  list(vaultId: string, action: ConfirmedAction): () => Promise<{ names: string[]; more: boolean }>;
}

/** Runs one request (or guarded write) of a vault with its retry budget and the local vault's supervisor. */
export type RunOnVault = <T>(
  vaultId: string,
  operation: string,
  mode: 'read' | 'write',
  run: () => Promise<T>,
) => Promise<T>;

interface GeneratedSecretOps {
  deleteSecret(name: string, options: { requestOptions: object }): Promise<{ recoveryId?: string }>;
  recoverDeletedSecret(name: string, options: { requestOptions: object }): Promise<unknown>;
}

/**
 * SecretClient's beginDeleteSecret and beginRecoverDeletedSecret poll as part of starting (a delete reads the
 * deleted secret right after the DELETE; a recover reads the secret, posts, and reads it again), which is what a
 * bulk job confirms in bulk instead. The client's own generated operations send just the write through the same
 * pipeline (auth, Kluis's retry policy). They are not public API (checked on @azure/keyvault-secrets 4.11), so
 * without them (another SDK version) each item falls back to the public pollers: slower, never wrong.
 */
function generatedOps(client: SecretClient): GeneratedSecretOps | undefined {
  const inner = (client as unknown as { client?: Partial<GeneratedSecretOps> }).client;
  if (typeof inner?.deleteSecret !== 'function' || typeof inner.recoverDeletedSecret !== 'function')
    return undefined;
  return inner as GeneratedSecretOps;
}

const PAGE_SIZE = 25;

export function createBulkRequests(
  clientFor: (vaultId: string) => Promise<SecretClient>,
  run: RunOnVault,
): ConfirmedRequests {
  async function isDeleted(client: SecretClient, name: string): Promise<boolean> {
    try {
      await client.getDeletedSecret(name);
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /** Whether the secret exists: one page of at most one version's properties (never a value). */
  async function isLive(client: SecretClient, name: string): Promise<boolean> {
    try {
      const page = await client.listPropertiesOfSecretVersions(name).byPage({ maxPageSize: 1 }).next();
      return !page.done && page.value.length > 0;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  const complete = (client: SecretClient, action: ConfirmedAction, name: string) =>
    action === 'delete' ? isDeleted(client, name) : isLive(client, name);

  async function writeOnce(
    client: SecretClient,
    action: ConfirmedAction,
    name: string,
  ): Promise<WriteOutcome> {
    const ops = generatedOps(client);
    return guardedWrite<WriteOutcome>({
      what: action === 'delete' ? 'the secret was deleted' : 'the secret was recovered',
      notDone: action === 'delete' ? 'It was not deleted.' : 'It was not recovered.',
      write: async () => {
        if (!ops) {
          const poller =
            action === 'delete'
              ? await client.beginDeleteSecret(name)
              : await client.beginRecoverDeletedSecret(name);
          await poller.pollUntilDone();
          return 'done';
        }
        if (action === 'recover') {
          await ops.recoverDeletedSecret(name, { requestOptions: {} });
          return 'sent';
        }
        const bundle = await ops.deleteSecret(name, { requestOptions: {} });
        // Without soft delete (no recoveryId) the secret is gone at once and is never listed as deleted.
        return bundle.recoveryId ? 'sent' : 'done';
      },
      // After an ambiguous failure: complete, or still where it was (not landed), or neither (underway).
      landed: async () => {
        if (await complete(client, action, name)) return { value: 'done' };
        const before = action === 'delete' ? await isLive(client, name) : await isDeleted(client, name);
        return before ? undefined : { value: 'sent' };
      },
    });
  }

  return {
    write: (vaultId, action, name, attempt) =>
      run(vaultId, `bulk.${action}`, 'write', async () => {
        const client = await clientFor(vaultId);
        if (attempt > 1 && (await complete(client, action, name))) return 'done';
        try {
          return await writeOnce(client, action, name);
        } catch (err) {
          // An earlier attempt was throttled, yet the vault may have carried it out and not show it yet: the
          // confirmation tells. The first attempt's "not found" is the item's answer.
          if (attempt > 1 && isNotFound(err)) return 'sent';
          throw err;
        }
      }),
    check: (vaultId, action, name) =>
      run(vaultId, `bulk.${action}`, 'read', async () => complete(await clientFor(vaultId), action, name)),
    list(vaultId, action) {
      let pages: AsyncIterableIterator<string[]> | undefined;
      const open = async (): Promise<AsyncIterableIterator<string[]>> => {
        const client = await clientFor(vaultId);
        if (action === 'delete') {
          const it = client.listDeletedSecrets().byPage({ maxPageSize: PAGE_SIZE });
          return (async function* () {
            for await (const page of it) yield page.map((d) => d.properties.name);
          })();
        }
        const it = client.listPropertiesOfSecrets().byPage({ maxPageSize: PAGE_SIZE });
        return (async function* () {
          for await (const page of it) yield page.map((p) => p.name);
        })();
      };
      return () =>
        run(vaultId, `bulk.${action}`, 'read', async () => {
          pages ??= await open();
          const next = await pages.next();
          if (next.done) return { names: [], more: false };
          return { names: next.value, more: true };
        });
    },
  };
}
