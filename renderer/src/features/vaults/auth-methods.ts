import type { AuthMethod } from '../../../../electron/contract';

export interface AuthChoice {
  method: AuthMethod;
  label: string;
  hint: string;
}

/** The sign-in methods offered when adding an Azure vault, the default first. */
export const AUTH_CHOICES: readonly AuthChoice[] = [
  {
    method: 'default',
    label: 'DefaultAzureCredential',
    hint: 'Uses az login, environment variables, workload or managed identity… whichever is found first.',
  },
  { method: 'azure-cli', label: 'Azure CLI', hint: 'Uses the account you signed in with `az login`.' },
  {
    method: 'azure-developer-cli',
    label: 'Azure Developer CLI',
    hint: 'Uses the account you signed in with `azd auth login`.',
  },
  {
    method: 'interactive-browser',
    label: 'Interactive browser',
    hint: 'Opens your browser to sign in when the vault is first used.',
  },
  {
    method: 'managed-identity',
    label: 'Managed identity',
    hint: 'Uses the identity of the Azure machine Kluis runs on.',
  },
];

export const authLabel = (method: AuthMethod): string =>
  AUTH_CHOICES.find((c) => c.method === method)?.label ?? method;
