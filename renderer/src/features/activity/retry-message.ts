import type { OperationRetrying } from '../../../../electron/contract';

/** What to tell the user while Kluis waits to retry a call, e.g. "Key Vault is throttling requests: retrying (2/5) in 2 s…". */
export function retryMessage(event: OperationRetrying): string {
  // Browse vaults talks to Azure Resource Manager, not to a vault.
  const service = event.operation.startsWith('discovery.') ? 'Azure Resource Manager' : 'Key Vault';
  const cause =
    event.reason === 'throttled'
      ? `${service} is throttling requests`
      : event.reason === 'service'
        ? `${service} had a problem`
        : service === 'Key Vault'
          ? 'The connection to the vault failed'
          : 'The connection to Azure Resource Manager failed';
  const wait =
    event.delayMs >= 1000 ? `${Math.round(event.delayMs / 1000)} s` : `${Math.max(0, event.delayMs)} ms`;
  return `${cause}: retrying (${event.attempt}/${event.maxAttempts}) in ${wait}…`;
}
