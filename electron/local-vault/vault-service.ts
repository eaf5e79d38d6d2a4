import { randomBytes } from 'node:crypto';
import { decodeBackup, encodeBackup, MAX_BACKUP_VERSIONS } from './backup';
import { errors } from './errors';
import { seededRandom } from './knobs';
import {
  keyOf,
  latestOf,
  type DeletedSecret,
  type Mutation,
  type Secret,
  type SecretVersion,
  type VaultPolicy,
} from './model';
import { VaultState } from './state';
import {
  assertValidName,
  VERSION_PATTERN,
  type AttributeInput,
  type SetInput,
  type UpdateInput,
} from './validation';

export type Persist = (m: Mutation) => Promise<void>;

/**
 * Eventual consistency like the service's: after a delete, recover or purge, reads go on showing the vault as
 * it was for a while (each operation's lag drawn from [ms/2, ms] with the seed). The change itself is applied
 * and stored at once; only what GETs and lists show lags.
 */
export interface ConsistencyLag {
  ms: number;
  seed?: number;
}

interface Pending {
  kind: 'delete' | 'recover' | 'purge';
  /** Clock ms from which reads show the change. */
  until: number;
  /** What reads show meanwhile: the deleted record before a recover or purge. */
  before?: DeletedSecret;
}

export interface VaultServiceExtras {
  /** Seals backup blobs (backup.ts); a vault without a store key uses a random one for its lifetime. */
  backupKey?: Buffer;
  consistencyLag?: ConsistencyLag;
}

/**
 * The vault's semantics (soft delete, versions, disabled secrets, purge protection), independent of
 * HTTP. A mutation is applied in memory synchronously, so concurrent requests see a consistent order,
 * and the returned promise settles once it is durable: only then does the handler answer.
 */
export class VaultService {
  private lastSweep = -1;
  private readonly backupKey: Buffer;
  private readonly lagMs: number;
  private readonly lagRandom: () => number;
  /** Keys whose last delete, recover or purge reads do not show yet. */
  private readonly pending = new Map<string, Pending>();

  constructor(
    readonly state: VaultState,
    readonly policy: VaultPolicy,
    private readonly nowMs: () => number,
    private readonly persist: Persist,
    extras: VaultServiceExtras = {},
  ) {
    this.backupKey = extras.backupKey ?? randomBytes(32);
    const lag = extras.consistencyLag?.ms ?? 0;
    if (!Number.isInteger(lag) || lag < 0 || lag > 600_000) {
      throw new RangeError('consistencyLag.ms must be an integer from 0 to 600000');
    }
    this.lagMs = lag;
    this.lagRandom = seededRandom(extras.consistencyLag?.seed ?? 1);
  }

  /** Starts the lag of a delete, recover or purge of `key` (no-op without a lag). */
  private lagged(key: string, kind: Pending['kind'], before?: DeletedSecret): void {
    if (this.lagMs === 0) return;
    const ms = Math.round(this.lagMs * (0.5 + 0.5 * this.lagRandom()));
    this.pending.set(key, { kind, until: this.nowMs() + ms, ...(before ? { before } : {}) });
  }

  /** The change to `key` that reads do not show yet, if any. */
  private pendingFor(key: string): Pending | undefined {
    const p = this.pending.get(key);
    if (p && this.nowMs() >= p.until) {
      this.pending.delete(key);
      return undefined;
    }
    return p;
  }

  /** Sorted keys a listing shows now: the stored ones, adjusted by the changes reads do not show yet. */
  listedKeys(deleted: boolean): string[] {
    const stored = deleted ? this.state.sortedDeletedKeys() : this.state.sortedActiveKeys();
    if (this.pending.size === 0) return stored;
    const hide = new Set<string>();
    const add: string[] = [];
    for (const key of [...this.pending.keys()]) {
      const p = this.pendingFor(key);
      if (!p) continue;
      // A deleted name stays listed as a secret, and is not yet listed as deleted; a recovered or purged one
      // stays listed as deleted, and a recovered one is not yet listed as a secret.
      const showsAsActive = p.kind === 'delete';
      if (deleted) {
        if (showsAsActive) hide.add(key);
        else if (!this.state.deleted.has(key)) add.push(key);
      } else if (showsAsActive) {
        if (!this.state.active.has(key)) add.push(key);
      } else if (p.kind === 'recover') hide.add(key);
    }
    if (this.pending.size === 0 || (hide.size === 0 && add.length === 0)) return stored;
    return [...stored.filter((k) => !hide.has(k)), ...add].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** A listed secret: the stored one, or the one a delete that reads do not show yet removed. */
  listedActive(key: string): Secret {
    const secret = this.state.active.get(key) ?? this.state.deleted.get(key);
    if (!secret) throw new Error(`listed secret ${key} is unknown`);
    return secret;
  }

  /** A listed deleted secret: the stored one, or the one a recover or purge that reads do not show yet removed. */
  listedDeleted(key: string): DeletedSecret {
    const d = this.state.deleted.get(key) ?? this.pending.get(key)?.before;
    if (!d) throw new Error(`listed deleted secret ${key} is unknown`);
    return d;
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  private mutate(m: Mutation): Promise<void> {
    this.state.apply(m);
    return this.persist(m);
  }

  async setSecret(name: string, input: SetInput): Promise<{ secret: Secret; version: SecretVersion }> {
    assertValidName(name);
    const key = keyOf(name);
    if (this.state.deleted.has(key))
      throw errors.deletedButRecoverable(this.state.deleted.get(key)?.name ?? name);
    const now = this.nowSeconds();
    const version: SecretVersion = {
      version: randomBytes(16).toString('hex'),
      value: input.value,
      enabled: input.enabled ?? true,
      created: now,
      updated: now,
    };
    if (input.contentType !== undefined) version.contentType = input.contentType;
    if (input.tags !== undefined) version.tags = input.tags;
    applyTimes(version, input);
    if (this.pending.get(key)?.kind === 'purge') this.pending.delete(key);
    const done = this.mutate({ op: 'set', name: this.state.active.get(key)?.name ?? name, version });
    await done;
    return { secret: this.stored(name), version };
  }

  /** Latest or given version; 403 for a disabled one, like the service. */
  getSecret(name: string, versionId: string | undefined): { secret: Secret; version: SecretVersion } {
    const found = this.findVersion(name, versionId);
    if (!found.version.enabled) throw errors.disabled();
    return found;
  }

  async updateSecret(
    name: string,
    versionId: string | undefined,
    input: UpdateInput,
  ): Promise<{ secret: Secret; version: SecretVersion }> {
    const { secret, version } = this.findVersion(name, versionId);
    const next: SecretVersion = { ...version, updated: this.nowSeconds() };
    if (input.enabled !== undefined) next.enabled = input.enabled;
    if (input.contentType !== undefined) next.contentType = input.contentType;
    // Tags are replaced wholesale, as the service does; null clears them.
    if (input.tags === null) delete next.tags;
    else if (input.tags !== undefined) next.tags = input.tags;
    applyTimes(next, input);
    await this.mutate({ op: 'update', key: keyOf(secret.name), version: next });
    return { secret: this.stored(name), version: next };
  }

  async deleteSecret(name: string): Promise<DeletedSecret> {
    const secret = this.activeSecret(name);
    const deletedDate = this.nowSeconds();
    const key = keyOf(secret.name);
    const done = this.mutate({
      op: 'delete',
      key,
      deletedDate,
      scheduledPurgeDate: deletedDate + this.policy.recoverableDays * 86_400,
    });
    this.lagged(key, 'delete');
    await done;
    // The DELETE answer itself carries the deleted bundle; only later reads lag.
    const d = this.state.deleted.get(key);
    if (!d) throw errors.secretNotFound(name);
    return d;
  }

  listVersions(name: string): Secret | undefined {
    assertValidName(name);
    const key = keyOf(name);
    // A deleted secret is addressable only under /deletedsecrets (docs §1.5).
    if (this.state.deleted.has(key)) throw errors.secretNotFound(name);
    // Unknown names list as empty (200), not 404: the service behaves that way. A recover that reads do not
    // show yet lists nothing either.
    if (this.pendingFor(key)?.kind === 'recover') return undefined;
    return this.state.active.get(key);
  }

  /** GET /deletedsecrets/{name}: a delete reads do not show yet is not found; a recover or purge still shows it. */
  deletedSecret(name: string): DeletedSecret {
    assertValidName(name);
    const key = keyOf(name);
    const p = this.pendingFor(key);
    if (p?.kind === 'delete') throw errors.deletedSecretNotFound(name);
    const d = this.state.deleted.get(key) ?? p?.before;
    if (!d) throw errors.deletedSecretNotFound(name);
    return d;
  }

  async recover(name: string): Promise<Secret> {
    assertValidName(name);
    const key = keyOf(name);
    const d = this.state.deleted.get(key);
    if (!d || this.pendingFor(key)?.kind === 'delete') throw errors.secretNotFound(name);
    const done = this.mutate({ op: 'recover', key });
    this.lagged(key, 'recover', d);
    await done;
    const secret = this.state.active.get(key);
    if (!secret) throw errors.secretNotFound(name);
    return secret;
  }

  async purge(name: string): Promise<void> {
    assertValidName(name);
    const key = keyOf(name);
    const d = this.state.deleted.get(key);
    if (!d || this.pendingFor(key)?.kind === 'delete') throw errors.deletedSecretNotFound(name);
    if (this.policy.purgeProtection) throw errors.purgeProtected();
    const done = this.mutate({ op: 'purge', key });
    this.lagged(key, 'purge', d);
    await done;
  }

  backup(name: string): string {
    const secret = this.activeSecret(name);
    if (secret.versions.length > MAX_BACKUP_VERSIONS) {
      throw errors.badParameter(
        `Secret ${secret.name} has more than ${MAX_BACKUP_VERSIONS} versions; backups are limited to ${MAX_BACKUP_VERSIONS}.`,
      );
    }
    return encodeBackup(secret, this.backupKey);
  }

  async restore(blob: string): Promise<Secret> {
    const secret = decodeBackup(blob, this.backupKey);
    const key = keyOf(secret.name);
    if (this.pending.get(key)?.kind === 'purge') this.pending.delete(key);
    if (this.state.deleted.has(key)) throw errors.deletedButRecoverable(secret.name);
    if (this.state.active.has(key)) throw errors.alreadyExists(secret.name);
    await this.mutate({ op: 'restore', secret });
    return this.activeSecret(secret.name);
  }

  /**
   * Purges deleted secrets whose scheduledPurgeDate has passed. Called on every request but does the
   * scan at most once per clock second, so it stays cheap with many deleted secrets.
   */
  sweepExpired(): Promise<void> {
    const now = this.nowSeconds();
    if (now === this.lastSweep || this.state.deleted.size === 0) return Promise.resolve();
    this.lastSweep = now;
    const pending: Promise<void>[] = [];
    for (const [key, d] of this.state.deleted) {
      if (d.scheduledPurgeDate <= now) pending.push(this.mutate({ op: 'purge', key }));
    }
    return Promise.all(pending).then(() => undefined);
  }

  /** The stored secret, lag or not: what a write answers with. */
  private stored(name: string): Secret {
    const secret = this.state.active.get(keyOf(name));
    if (!secret) throw errors.secretNotFound(name);
    return secret;
  }

  /** The secret as reads see it: a recover they do not show yet is still not found. */
  activeSecret(name: string): Secret {
    assertValidName(name);
    const key = keyOf(name);
    const secret = this.state.active.get(key);
    if (!secret || this.pendingFor(key)?.kind === 'recover') throw errors.secretNotFound(name);
    return secret;
  }

  private findVersion(
    name: string,
    versionId: string | undefined,
  ): { secret: Secret; version: SecretVersion } {
    const secret = this.activeSecret(name);
    if (versionId === undefined) return { secret, version: latestOf(secret) };
    const wanted = versionId.toLowerCase();
    const version = VERSION_PATTERN.test(wanted)
      ? secret.versions.find((v) => v.version === wanted)
      : undefined;
    if (!version) throw errors.secretNotFound(`${name}/${versionId}`);
    return { secret, version };
  }
}

function applyTimes(v: SecretVersion, input: AttributeInput): void {
  if (input.nbf === null) delete v.nbf;
  else if (input.nbf !== undefined) v.nbf = input.nbf;
  if (input.exp === null) delete v.exp;
  else if (input.exp !== undefined) v.exp = input.exp;
}
