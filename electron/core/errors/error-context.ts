import type { Settings } from '../../contract';
import type { ErrorContext } from './error-mapping';

/** What an error message may say about the vault an operation's input names: its URL, sign-in method, cloud. */
export function vaultErrorContext(settings: () => Settings) {
  return (input: Record<string, unknown>): Partial<ErrorContext> => {
    if (typeof input.vaultId !== 'string') return {};
    const vault = settings().vaults.find((v) => v.id === input.vaultId);
    return vault
      ? {
          vaultUrl: vault.url,
          authMethod: vault.auth.method,
          ...(vault.auth.cloud === 'custom' ? { customCloud: true } : {}),
        }
      : {};
  };
}
