import type { ErrorKind, KluisError } from '../../contract';

/**
 * Thrown inside core when a failure is already understood; the registry returns its `error` as is instead of
 * mapping it again. Its message is user-facing and never contains a secret value.
 */
export class KluisFailure extends Error {
  readonly error: KluisError;
  constructor(error: KluisError) {
    super(error.message);
    this.name = 'KluisFailure';
    this.error = error;
  }
}

export const failure = (
  kind: ErrorKind,
  message: string,
  extra: Omit<KluisError, 'kind' | 'message'> = {},
): KluisFailure => new KluisFailure({ kind, message, ...extra });
