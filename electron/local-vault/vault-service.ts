import { randomBytes } from 'node:crypto';
import { decodeBackup, encodeBackup, MAX_BACKUP_VERSIONS } from './backup';
import { errors } from './errors';
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
 * The vault's semantics (soft delete, versions, disabled secrets, purge protection), independent of
 * HTTP. A mutation is applied in memory synchronously, so concurrent requests see a consistent order,
 * and the returned promise settles once it is durable: only then does the handler answer.
 */
export class VaultService {
  private lastSweep = -1;

  constructor(
    readonly state: VaultState,
    readonly policy: VaultPolicy,
    private readonly nowMs: () => number,
    private readonly persist: Persist,
  ) {}

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
    const done = this.mutate({ op: 'set', name: this.state.active.get(key)?.name ?? name, version });
    await done;
    return { secret: this.activeSecret(name), version };
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
    return { secret: this.activeSecret(name), version: next };
  }

  async deleteSecret(name: string): Promise<DeletedSecret> {
    const secret = this.activeSecret(name);
    const deletedDate = this.nowSeconds();
    const key = keyOf(secret.name);
    await this.mutate({
      op: 'delete',
      key,
      deletedDate,
      scheduledPurgeDate: deletedDate + this.policy.recoverableDays * 86_400,
    });
    return this.deletedSecret(name);
  }

  listVersions(name: string): Secret | undefined {
    assertValidName(name);
    const key = keyOf(name);
    // A deleted secret is addressable only under /deletedsecrets (docs §1.5).
    if (this.state.deleted.has(key)) throw errors.secretNotFound(name);
    // Unknown names list as empty (200), not 404: the service behaves that way.
    return this.state.active.get(key);
  }

  deletedSecret(name: string): DeletedSecret {
    assertValidName(name);
    const d = this.state.deleted.get(keyOf(name));
    if (!d) throw errors.deletedSecretNotFound(name);
    return d;
  }

  async recover(name: string): Promise<Secret> {
    assertValidName(name);
    const key = keyOf(name);
    if (!this.state.deleted.has(key)) throw errors.secretNotFound(name);
    await this.mutate({ op: 'recover', key });
    return this.activeSecret(name);
  }

  async purge(name: string): Promise<void> {
    const d = this.deletedSecret(name);
    if (this.policy.purgeProtection) throw errors.purgeProtected();
    await this.mutate({ op: 'purge', key: keyOf(d.name) });
  }

  backup(name: string): string {
    const secret = this.activeSecret(name);
    if (secret.versions.length > MAX_BACKUP_VERSIONS) {
      throw errors.badParameter(
        `Secret ${secret.name} has more than ${MAX_BACKUP_VERSIONS} versions; backups are limited to ${MAX_BACKUP_VERSIONS}.`,
      );
    }
    return encodeBackup(secret);
  }

  async restore(blob: string): Promise<Secret> {
    const secret = decodeBackup(blob);
    const key = keyOf(secret.name);
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

  activeSecret(name: string): Secret {
    assertValidName(name);
    const secret = this.state.active.get(keyOf(name));
    if (!secret) throw errors.secretNotFound(name);
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
