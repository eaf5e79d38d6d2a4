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
    method: 'device-code',
    label: 'Device code',
    hint: 'Shows a code to enter at a sign-in page on any device; good where no browser opens.',
  },
  {
    method: 'client-secret',
    label: 'Service principal (secret)',
    hint: 'An app registration and its client secret, kept encrypted with your system keychain (where there is none, for this session only).',
  },
  {
    method: 'client-certificate',
    label: 'Service principal (certificate)',
    hint: 'An app registration and its certificate (PEM with the private key), kept encrypted with your system keychain (where there is none, for this session only).',
  },
  {
    method: 'managed-identity',
    label: 'Managed identity',
    hint: 'Uses the identity of the Azure machine Kluis runs on.',
  },
];

export const authLabel = (method: AuthMethod): string =>
  AUTH_CHOICES.find((c) => c.method === method)?.label ?? method;
