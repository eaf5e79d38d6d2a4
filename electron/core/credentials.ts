import type { TokenCredential } from '@azure/identity';
import type { AuthConfig } from '../contract';
import { failure } from './kluis-failure';

/** What the device-code flow asks the user to do; the UI for it comes later. */
export interface DeviceCodePrompt {
  message: string;
  userCode: string;
  verificationUri: string;
}

type Identity = typeof import('@azure/identity');

/**
 * Builds the credential for an Azure vault's sign-in method. @azure/identity is loaded on first use, not at start-up:
 * it pulls in MSAL and friends, which the first window does not need.
 */
export async function createAzureCredential(
  auth: AuthConfig,
  onDeviceCode: (prompt: DeviceCodePrompt) => void = () => undefined,
  loadIdentity: () => Promise<Identity> = () => import('@azure/identity'),
): Promise<TokenCredential> {
  const id = await loadIdentity();
  const tenant = auth.tenantId ? { tenantId: auth.tenantId } : {};
  const client = auth.clientId ? { clientId: auth.clientId } : {};
  switch (auth.method) {
    case 'default':
      return new id.DefaultAzureCredential({
        ...tenant,
        ...(auth.clientId ? { managedIdentityClientId: auth.clientId } : {}),
      });
    case 'azure-cli':
      return new id.AzureCliCredential(tenant);
    case 'azure-developer-cli':
      return new id.AzureDeveloperCliCredential(tenant);
    case 'interactive-browser':
      return new id.InteractiveBrowserCredential({ ...tenant, ...client });
    case 'device-code':
      return new id.DeviceCodeCredential({
        ...tenant,
        ...client,
        userPromptCallback: (info) => onDeviceCode(info),
      });
    case 'managed-identity':
      return auth.clientId
        ? new id.ManagedIdentityCredential({ clientId: auth.clientId })
        : new id.ManagedIdentityCredential();
    case 'client-secret':
    case 'client-certificate':
      // Kluis keeps no client secrets or certificate keys; the environment route keeps them out of settings.
      throw failure(
        'not-configured',
        'Kluis does not store service principal secrets. Set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) in the environment and choose the "default" sign-in method.',
      );
    case 'local':
      throw failure(
        'internal',
        'The local sign-in method only works for the local vault. Please report this.',
      );
  }
}

/** The local vault accepts one per-launch bearer token; any scope gets it. */
export function staticTokenCredential(token: string): TokenCredential {
  return {
    getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 }),
  };
}
