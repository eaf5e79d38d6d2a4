/**
 * Errors answered to clients, shaped and worded like Azure Key Vault's `KeyVaultError`
 * (`{"error":{"code","message","innererror"?}}`). Wording is copied from recorded service
 * traffic where it is known, because the official SDK test suites assert on it.
 */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  toBody(): { error: { code: string; message: string; innererror?: { code: string } } } {
    const error: { code: string; message: string; innererror?: { code: string } } = {
      code: this.code,
      message: this.message,
    };
    if (this.innerCode) error.innererror = { code: this.innerCode };
    return { error };
  }
}

const NOT_FOUND_HELP =
  'If you recently deleted this secret you may be able to recover it using the correct recovery command. ' +
  'For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182';

export const errors = {
  missingToken: (): ServiceError =>
    new ServiceError(401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.'),
  invalidToken: (): ServiceError =>
    new ServiceError(
      401,
      'Unauthorized',
      'AKV10032: Invalid issuer or token. The access token is not valid.',
    ),
  secretNotFound: (nameOrId: string): ServiceError =>
    new ServiceError(
      404,
      'SecretNotFound',
      `A secret with (name/id) ${nameOrId} was not found in this key vault. ${NOT_FOUND_HELP}`,
    ),
  deletedSecretNotFound: (name: string): ServiceError =>
    new ServiceError(404, 'SecretNotFound', `Deleted Secret not found: ${name}`),
  disabled: (): ServiceError =>
    new ServiceError(
      403,
      'Forbidden',
      'Operation get is not allowed on a disabled secret.',
      'SecretDisabled',
    ),
  deletedButRecoverable: (name: string): ServiceError =>
    new ServiceError(
      409,
      'Conflict',
      `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; ` +
        'in this state, the secret can only be recovered or purged.',
      'ObjectIsDeletedButRecoverable',
    ),
  alreadyExists: (name: string): ServiceError =>
    new ServiceError(409, 'Conflict', `Secret ${name} already exists.`, 'ObjectAlreadyExists'),
  purgeProtected: (): ServiceError =>
    new ServiceError(
      403,
      'Forbidden',
      'Operation "purge" is not allowed because purge protection is enabled for this vault. ' +
        'Key Vault service will automatically purge it after the retention period has passed.',
      'PurgeProtected',
    ),
  malformedBackup: (): ServiceError =>
    new ServiceError(400, 'Malformed backup blob', 'Backup blob contains invalid or corrupt version.'),
  invalidName: (name: string): ServiceError =>
    new ServiceError(400, 'BadParameter', `The request URI contains an invalid name: ${name}`),
  badParameter: (message: string): ServiceError => new ServiceError(400, 'BadParameter', message),
  propertyInvalid: (): ServiceError => new ServiceError(400, 'BadParameter', 'Property has invalid value'),
  methodNotAllowed: (method: string): ServiceError =>
    new ServiceError(405, 'MethodNotAllowed', `HTTP ${method} not allowed`),
  routeNotFound: (): ServiceError =>
    new ServiceError(404, 'NotFound', 'The requested resource does not exist on this vault.'),
  bodyTooLarge: (): ServiceError =>
    new ServiceError(413, 'RequestEntityTooLarge', 'The request body is too large.'),
  throttled: (retryAfterSeconds: number | undefined): ServiceError =>
    new ServiceError(
      429,
      'Throttled',
      'Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached',
      undefined,
      retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) },
    ),
  fault: (status: 500 | 503): ServiceError =>
    status === 500
      ? new ServiceError(500, 'InternalServerError', 'An unexpected error occurred. (injected fault)')
      : new ServiceError(
          503,
          'ServiceUnavailable',
          'The service is temporarily unavailable. (injected fault)',
        ),
  internal: (): ServiceError => new ServiceError(500, 'InternalServerError', 'An unexpected error occurred.'),
};

/** Thrown for a store that cannot be opened safely: wrong key, corruption, bad configuration. */
export class LocalVaultStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalVaultStoreError';
  }
}
