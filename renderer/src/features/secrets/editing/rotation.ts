import type { SecretProperties } from '../../../../../electron/contract';
import { generatePassword, PASSWORD_LENGTH, type CharacterClass } from '../values/value-generators';

/** What a rotation generates: the generators' default password (32 characters of every class). */
export const ROTATION_PASSWORD = {
  length: PASSWORD_LENGTH.default,
  classes: ['lower', 'upper', 'digits', 'symbols'] as CharacterClass[],
  excludeLookAlikes: false,
};

/**
 * The current version's validity period: from its not-before (or, without one, its creation) to its expiry.
 * Undefined when it has no expiry or the dates do not make a positive period.
 */
export function validityPeriod(secret: Pick<SecretProperties, 'notBefore' | 'createdOn' | 'expiresOn'>) {
  const from = secret.notBefore ?? secret.createdOn;
  if (secret.expiresOn === undefined || from === undefined) return undefined;
  const period = secret.expiresOn - from;
  return period > 0 ? period : undefined;
}

/** The new version's expiry: as long from now as the previous version was valid; undefined without one. */
export function rotatedExpiry(
  secret: Pick<SecretProperties, 'notBefore' | 'createdOn' | 'expiresOn'>,
  now: number,
): number | undefined {
  const period = validityPeriod(secret);
  return period === undefined ? undefined : now + period;
}

export const rotationValue = (): string => generatePassword(ROTATION_PASSWORD);
