export { createKluisCore, type KluisCore, type KluisCoreDeps } from './kluis-core';
export type { HandlerRegistry, OperationHandler, SenderInfo, KluisImplementation } from './ipc-registry';
export { createHandlerRegistry } from './ipc-registry';
export type { ClipboardPort, ClipboardTextKind } from './clipboard-guard';
export type { KeyStore, StartLocalVault, LocalVaultHandle } from './local-vault-manager';
export { createFileKeyStore } from './file-key-store';
export type { DeviceCodePrompt } from './credentials';
export type { FileDialogs } from './value-file-writer';
export type { NotificationPort } from './expiry-reminders';
