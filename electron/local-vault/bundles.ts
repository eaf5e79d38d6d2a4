import {
  latestOf,
  recoveryLevelOf,
  type DeletedSecret,
  type Secret,
  type SecretVersion,
  type VaultPolicy,
} from './model';

/**
 * JSON shapes of responses, with keys in the order the service sends them. Absent optional fields
 * are omitted, never null. `origin` is `https://host:port` as the client addressed us, because ids
 * must point back at the vault the client used.
 */
type Json = Record<string, unknown>;

function attributes(v: SecretVersion, policy: VaultPolicy): Json {
  const a: Json = { enabled: v.enabled };
  if (v.nbf !== undefined) a.nbf = v.nbf;
  if (v.exp !== undefined) a.exp = v.exp;
  a.created = v.created;
  a.updated = v.updated;
  a.recoveryLevel = recoveryLevelOf(policy);
  a.recoverableDays = policy.recoverableDays;
  return a;
}

function withTags(o: Json, v: SecretVersion): Json {
  if (v.tags !== undefined) o.tags = v.tags;
  return o;
}

export function secretBundle(
  origin: string,
  secret: Secret,
  v: SecretVersion,
  policy: VaultPolicy,
  includeValue: boolean,
): Json {
  const o: Json = {};
  if (includeValue) o.value = v.value;
  if (v.contentType !== undefined) o.contentType = v.contentType;
  o.id = `${origin}/secrets/${secret.name}/${v.version}`;
  o.attributes = attributes(v, policy);
  return withTags(o, v);
}

export function deletedBundle(origin: string, d: DeletedSecret, policy: VaultPolicy): Json {
  const v = latestOf(d);
  const o: Json = {
    recoveryId: `${origin}/deletedsecrets/${d.name}`,
    deletedDate: d.deletedDate,
    scheduledPurgeDate: d.scheduledPurgeDate,
  };
  if (v.contentType !== undefined) o.contentType = v.contentType;
  o.id = `${origin}/secrets/${d.name}/${v.version}`;
  o.attributes = attributes(v, policy);
  return withTags(o, v);
}

/** A list item: never a value; `versioned` for the versions listing. */
export function secretItem(
  origin: string,
  secret: Secret,
  v: SecretVersion,
  policy: VaultPolicy,
  versioned: boolean,
): Json {
  const o: Json = {};
  if (v.contentType !== undefined) o.contentType = v.contentType;
  o.id = versioned ? `${origin}/secrets/${secret.name}/${v.version}` : `${origin}/secrets/${secret.name}`;
  o.attributes = attributes(v, policy);
  return withTags(o, v);
}

export function deletedItem(origin: string, d: DeletedSecret, policy: VaultPolicy): Json {
  const v = latestOf(d);
  const o: Json = {
    recoveryId: `${origin}/deletedsecrets/${d.name}`,
    deletedDate: d.deletedDate,
    scheduledPurgeDate: d.scheduledPurgeDate,
  };
  if (v.contentType !== undefined) o.contentType = v.contentType;
  o.id = `${origin}/secrets/${d.name}`;
  o.attributes = attributes(v, policy);
  return withTags(o, v);
}
