import { keyOf, type DeletedSecret, type Mutation, type Secret } from './model';

/**
 * The vault's in-memory state. Every change goes through `apply`, so replaying the durable log
 * rebuilds exactly what clients saw acknowledged.
 */
export class VaultState {
  readonly active = new Map<string, Secret>();
  readonly deleted = new Map<string, DeletedSecret>();
  // Sorted key lists for paging; rebuilt lazily because names are added far more often than listed.
  private sortedActive: string[] | null = null;
  private sortedDeleted: string[] | null = null;

  apply(m: Mutation): void {
    switch (m.op) {
      case 'set': {
        const key = keyOf(m.name);
        const existing = this.active.get(key);
        if (existing) {
          existing.versions.push(m.version);
        } else {
          this.active.set(key, { name: m.name, versions: [m.version] });
          this.sortedActive = null;
        }
        return;
      }
      case 'update': {
        const secret = this.mustGet(this.active, m.key);
        const i = secret.versions.findIndex((v) => v.version === m.version.version);
        if (i < 0) throw new Error(`update of unknown version ${m.key}/${m.version.version}`);
        secret.versions[i] = m.version;
        return;
      }
      case 'delete': {
        const secret = this.mustGet(this.active, m.key);
        this.active.delete(m.key);
        this.deleted.set(m.key, {
          ...secret,
          deletedDate: m.deletedDate,
          scheduledPurgeDate: m.scheduledPurgeDate,
        });
        this.sortedActive = null;
        this.sortedDeleted = null;
        return;
      }
      case 'recover': {
        const d = this.mustGet(this.deleted, m.key);
        this.deleted.delete(m.key);
        this.active.set(m.key, { name: d.name, versions: d.versions });
        this.sortedActive = null;
        this.sortedDeleted = null;
        return;
      }
      case 'purge': {
        this.mustGet(this.deleted, m.key);
        this.deleted.delete(m.key);
        this.sortedDeleted = null;
        return;
      }
      case 'restore': {
        this.active.set(keyOf(m.secret.name), m.secret);
        this.sortedActive = null;
        return;
      }
    }
  }

  sortedActiveKeys(): string[] {
    this.sortedActive ??= sortKeys(this.active.keys());
    return this.sortedActive;
  }

  sortedDeletedKeys(): string[] {
    this.sortedDeleted ??= sortKeys(this.deleted.keys());
    return this.sortedDeleted;
  }

  private mustGet<T>(map: Map<string, T>, key: string): T {
    const v = map.get(key);
    if (v === undefined) throw new Error(`mutation refers to unknown secret ${key}`);
    return v;
  }
}

function sortKeys(keys: Iterable<string>): string[] {
  // Plain code-unit order: names are ASCII, and it matches the upper-cased skiptoken order of the service.
  return Array.from(keys).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
