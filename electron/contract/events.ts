import type { BulkProgress } from './bulk';
import type { LocalVaultStatus, OperationRetrying, Settings } from './models';

/** Events main sends to the renderer, by name, with their payloads. */
export interface EventPayloads {
  'localVault.status': LocalVaultStatus;
  'settings.changed': Settings;
  /** The clipboard guard cleared a value Kluis had copied. */
  'clipboard.cleared': Record<string, never>;
  /** A Key Vault call failed in a way worth retrying, and Kluis waits `delayMs` before the next attempt. */
  'operation.retrying': OperationRetrying;
  /** A bulk job's progress; the last event of a job carries the per-item results. */
  'bulk.progress': BulkProgress;
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = [
  'localVault.status',
  'settings.changed',
  'clipboard.cleared',
  'operation.retrying',
  'bulk.progress',
];
export const eventChannelOf = (name: EventName): string => `kluis-event:${name}`;
