import type { OperationRetrying } from '../../../../electron/contract';

/** What to tell the user while Kluis waits to retry a call, e.g. "Key Vault is throttling requests: retrying (2/5) in 2 s…". */
export function retryMessage(event: OperationRetrying): string {
  const cause =
    event.reason === 'throttled'
      ? 'Key Vault is throttling requests'
      : event.reason === 'service'
        ? 'Key Vault had a problem'
        : 'The connection to the vault failed';
  const wait =
    event.delayMs >= 1000 ? `${Math.round(event.delayMs / 1000)} s` : `${Math.max(0, event.delayMs)} ms`;
  return `${cause}: retrying (${event.attempt}/${event.maxAttempts}) in ${wait}…`;
}
