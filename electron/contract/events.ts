import type { BulkProgress } from './bulk';
import type { CompareProgress } from './compare';
import type { IndexPage } from './property-index';
import type {
  BrowserSignInEvent,
  DeviceCodeEvent,
  LocalVaultStatus,
  Notice,
  OperationRetrying,
  Settings,
} from './models';

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
  /** A device-code sign-in is waiting for the user to enter the code. */
  'auth.deviceCode': DeviceCodeEvent;
  /** A browser sign-in page is open and Kluis waits for the user to finish it, or no longer waits. */
  'auth.browserSignIn': BrowserSignInEvent;
  /** A page of the property index (index.build), for one vault, as it arrived. */
  'index.page': IndexPage;
  /** Rows of a comparison (compare.start) as they are decided; the last event has `done`. */
  'compare.progress': CompareProgress;
  /** Something the user should know that arose after start-up (e.g. the local vault's key is not protected). */
  'app.notice': Notice;
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = [
  'localVault.status',
  'settings.changed',
  'clipboard.cleared',
  'operation.retrying',
  'bulk.progress',
  'auth.deviceCode',
  'auth.browserSignIn',
  'index.page',
  'compare.progress',
  'app.notice',
];
export const eventChannelOf = (name: EventName): string => `kluis-event:${name}`;
