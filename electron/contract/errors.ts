/**
 * Errors cross IPC as data, never as thrown exceptions (Electron keeps only `message` of a thrown error).
 * `kind` is a closed set the renderer can switch on; `message` always tells the user what to do next.
 */
export const ERROR_KINDS = [
  'invalid-input', // the input failed the contract schema or the service's own validation (400)
  'not-found', // 404: no such secret, version, deleted secret or vault
  'forbidden', // 403: the identity lacks a permission, or a firewall blocks the caller
  'disabled', // 403 SecretDisabled: the secret is disabled, so its value cannot be read
  'unauthenticated', // 401 or a credential that could not produce a token
  'conflict-deleted', // 409 ObjectIsDeletedButRecoverable: the name belongs to a soft-deleted secret
  'conflict', // any other 409, e.g. ObjectIsBeingDeleted
  'throttled', // 429 after the retries ran out
  'network', // DNS, refused, reset or timed-out connections
  'tls', // the server certificate could not be verified
  'service', // 5xx from the vault after the retries ran out
  'not-configured', // no vault selected, unknown vault id, local vault not running
  'cancelled', // the user cancelled
  'sender-refused', // the IPC call did not come from our own window's main frame
  'internal', // a bug in Kluis: the message says so and asks for a report
  'privacy-mode', // privacy mode is on: values are not revealed or copied until the user turns it off
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface KluisError {
  kind: ErrorKind;
  /** What happened and what to do, in one or two sentences for the user. Never contains a secret value. */
  message: string;
  /** HTTP status from the vault, when there was one. */
  status?: number;
  /** The service's error code (e.g. SecretNotFound, ForbiddenByRbac), when there was one. */
  code?: string;
  /** Host that could not be reached (network/tls kinds). */
  host?: string;
  /** For invalid-input: which input field was wrong, as a dotted path. */
  field?: string;
  /** For conflict-deleted: the secret name that can be recovered or purged. */
  secretName?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: KluisError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: KluisError): Result<never> => ({ ok: false, error });
