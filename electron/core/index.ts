export { createKluisCore, type KluisCore, type KluisCoreDeps } from './kluis-core';
export type {
  HandlerRegistry,
  OperationHandler,
  SenderInfo,
  KluisImplementation,
} from './operations/handler-registry';
export { createHandlerRegistry } from './operations/handler-registry';
export type { ClipboardPort, ClipboardTextKind } from './secrets/clipboard-guard';
export type { KeyStore, StartLocalVault, LocalVaultHandle } from './local/local-vault-manager';
export { createFileKeyStore } from './local/file-key-store';
export type { DeviceCodePrompt } from './auth/credentials';
export type { FileDialogs } from './files/value-file-writer';
export type { NotificationPort } from './dashboard/expiry-reminders';
