/** The vault's data as held in memory and in the store. Timestamps are integer Unix seconds. */
export interface SecretVersion {
  /** 32 lowercase hex characters. */
  version: string;
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled: boolean;
  nbf?: number;
  exp?: number;
  created: number;
  updated: number;
}

export interface Secret {
  /** The casing used when the secret was first created; lookups are case-insensitive. */
  name: string;
  /** In creation order: the last one is the latest. */
  versions: SecretVersion[];
}

export interface DeletedSecret extends Secret {
  deletedDate: number;
  scheduledPurgeDate: number;
}

/** Every change to the vault, as applied in memory and appended to the durable log. */
export type Mutation =
  | { op: 'set'; name: string; version: SecretVersion }
  | { op: 'update'; key: string; version: SecretVersion }
  | { op: 'delete'; key: string; deletedDate: number; scheduledPurgeDate: number }
  | { op: 'recover'; key: string }
  | { op: 'purge'; key: string }
  | { op: 'restore'; secret: Secret };

export interface VaultPolicy {
  recoverableDays: number;
  purgeProtection: boolean;
}

/** Key Vault names are case-insensitive ASCII, so upper-casing is a faithful key (and the listing order). */
export function keyOf(name: string): string {
  return name.toUpperCase();
}

export function latestOf(secret: Secret): SecretVersion {
  const latest = secret.versions[secret.versions.length - 1];
  if (!latest) throw new Error(`secret ${secret.name} has no versions`);
  return latest;
}

/** The recoveryLevel the service reports for a vault with these settings (soft delete always on). */
export function recoveryLevelOf(policy: VaultPolicy): string {
  const customized = policy.recoverableDays < 90 ? 'CustomizedRecoverable' : 'Recoverable';
  return policy.purgeProtection ? customized : `${customized}+Purgeable`;
}
