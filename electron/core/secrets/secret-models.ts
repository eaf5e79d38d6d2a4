import type {
  DeletedSecret as SdkDeletedSecret,
  SecretProperties as SdkSecretProperties,
} from '@azure/keyvault-secrets';
import type { DeletedSecretInfo, SecretProperties } from '../../contract';

/** Dates cross IPC as epoch milliseconds. */
const ms = (d: Date | undefined): number | undefined =>
  d instanceof Date && !Number.isNaN(d.getTime()) ? d.getTime() : undefined;

/** Copies only the fields the contract knows; undefined ones are left out so IPC payloads stay small. */
export function toSecretProperties(p: SdkSecretProperties): SecretProperties {
  const out: SecretProperties = {
    name: p.name,
    id: p.id ?? `${p.vaultUrl.replace(/\/$/, '')}/secrets/${p.name}${p.version ? `/${p.version}` : ''}`,
    vaultUrl: p.vaultUrl,
    tags: { ...(p.tags ?? {}) },
  };
  const optional: Partial<SecretProperties> = {
    version: p.version,
    enabled: p.enabled,
    notBefore: ms(p.notBefore),
    expiresOn: ms(p.expiresOn),
    createdOn: ms(p.createdOn),
    updatedOn: ms(p.updatedOn),
    contentType: p.contentType,
    managed: p.managed,
    keyId: p.certificateKeyId,
    recoveryLevel: p.recoveryLevel,
    recoverableDays: p.recoverableDays,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** The value of a deleted secret is never copied: the contract's deleted views carry properties only. */
export function toDeletedSecretInfo(d: SdkDeletedSecret): DeletedSecretInfo {
  const out: DeletedSecretInfo = { properties: toSecretProperties(d.properties) };
  const deletedOn = ms(d.deletedOn ?? d.properties.deletedOn);
  const scheduledPurgeDate = ms(d.scheduledPurgeDate ?? d.properties.scheduledPurgeDate);
  const recoveryId = d.recoveryId ?? d.properties.recoveryId;
  if (deletedOn !== undefined) out.deletedOn = deletedOn;
  if (scheduledPurgeDate !== undefined) out.scheduledPurgeDate = scheduledPurgeDate;
  if (recoveryId !== undefined) out.recoveryId = recoveryId;
  return out;
}
