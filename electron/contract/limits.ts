/**
 * The service's limits on what a secret may hold. No zod here: the renderer imports this file directly (for its
 * input hints and checks) without pulling the contract's schemas into its bundle; models.ts builds the schemas on it.
 */

/** Key Vault object names: 1-127 characters of 0-9, a-z, A-Z and '-'. Case-insensitive on the service. */
export const SECRET_NAME_PATTERN = /^[0-9a-zA-Z-]{1,127}$/;
export const MAX_SECRET_NAME_LENGTH = 127;
/** The service's limit on a secret value (characters). */
export const MAX_SECRET_VALUE_LENGTH = 25_600;
export const MAX_CONTENT_TYPE_LENGTH = 255;
export const MAX_TAGS = 15;
export const MAX_TAG_NAME_LENGTH = 512;
export const MAX_TAG_VALUE_LENGTH = 512;
/** Bulk extend-expiry: days added at most (ten years). */
export const MAX_EXTEND_DAYS = 3_650;
/** An encrypted export bundle's passphrase: at least this many characters. */
export const MIN_BUNDLE_PASSPHRASE_LENGTH = 8;
