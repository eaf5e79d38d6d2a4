import { Field, Input, Select, Textarea } from '@fluentui/react-components';
import type { AuthConfig, AuthMethod, CloudName, KluisError, Result } from '../../../../electron/contract';
import { kluis } from '../../lib/api';

export interface SignInExtras {
  cloud: CloudName;
  authorityHost: string;
  /** Key Vault's resource for a custom cloud (required there: tokens are asked for it only). */
  resource: string;
  clientId: string;
  /** Held only in this form's state until it goes to main; never shown again. */
  secret: string;
  certificatePem: string;
}

export const NO_EXTRAS: SignInExtras = {
  cloud: 'public',
  authorityHost: '',
  resource: '',
  clientId: '',
  secret: '',
  certificatePem: '',
};

const CLOUD_CHOICES: ReadonlyArray<{ cloud: CloudName; label: string }> = [
  { cloud: 'public', label: 'Azure' },
  { cloud: 'usgov', label: 'Azure US Government' },
  { cloud: 'china', label: 'Azure China (21Vianet)' },
  { cloud: 'custom', label: 'Custom (Azure Stack, other authority)' },
];

export const isServicePrincipal = (method: AuthMethod) =>
  method === 'client-secret' || method === 'client-certificate';

interface Props {
  method: AuthMethod;
  value: SignInExtras;
  onChange: (value: SignInExtras) => void;
  /** Editing a vault whose secret or certificate Kluis already keeps: leaving it empty keeps the stored one. */
  hasStoredCredential?: boolean;
  /** The form's last error: one about a field here (SIGN_IN_FIELDS) is shown at that field. */
  error?: KluisError | undefined;
}

/** The error fields SignInFields shows at the field itself (the forms show any other error in a banner). */
export const SIGN_IN_FIELDS: ReadonlySet<string> = new Set(['auth.authorityHost', 'auth.resource']);

/** What the fields lack before anything goes to main (main checks the same), or undefined. */
export function signInProblem(extras: SignInExtras): KluisError | undefined {
  if (extras.cloud === 'custom' && !extras.resource.trim()) {
    return {
      kind: 'invalid-input',
      field: 'auth.resource',
      message:
        'Enter the Key Vault resource of this custom cloud (the token audience, e.g. https://vault.example.com; ask your administrator). Kluis asks for tokens for that resource only.',
    };
  }
  return undefined;
}

/** Main's contract errors read "auth.resource: …"; at the field itself the field's name is not repeated. */
const fieldError = (error: KluisError | undefined, field: string) =>
  error?.field === field
    ? {
        validationState: 'error' as const,
        validationMessage: error.message.startsWith(`${field}: `)
          ? error.message.slice(field.length + 2)
          : error.message,
      }
    : {};

/** Cloud picker (with the sign-in host of a custom cloud) and a service principal's id and secret or certificate. */
export function SignInFields({ method, value, onChange, hasStoredCredential = false, error }: Props) {
  const set = (patch: Partial<SignInExtras>) => onChange({ ...value, ...patch });
  return (
    <>
      <Field label="Cloud">
        <Select value={value.cloud} onChange={(_, data) => set({ cloud: data.value as CloudName })}>
          {CLOUD_CHOICES.map((c) => (
            <option key={c.cloud} value={c.cloud}>
              {c.label}
            </option>
          ))}
        </Select>
      </Field>
      {value.cloud === 'custom' && (
        <Field
          label="Sign-in host (authority)"
          required
          hint="e.g. https://login.example.com"
          {...fieldError(error, 'auth.authorityHost')}
        >
          <Input
            value={value.authorityHost}
            placeholder="https://login.example.com"
            onChange={(_, data) => set({ authorityHost: data.value })}
          />
        </Field>
      )}
      {value.cloud === 'custom' && (
        <Field
          label="Key Vault resource"
          required
          hint="The token audience, e.g. https://vault.example.com. Kluis asks for tokens for this resource only."
          {...fieldError(error, 'auth.resource')}
        >
          <Input
            value={value.resource}
            placeholder="https://vault.example.com"
            onChange={(_, data) => set({ resource: data.value })}
          />
        </Field>
      )}
      {(isServicePrincipal(method) || method === 'device-code' || method === 'interactive-browser') && (
        <Field
          label={
            isServicePrincipal(method) ? 'Application (client) ID' : 'Application (client) ID (optional)'
          }
          required={isServicePrincipal(method)}
        >
          <Input value={value.clientId} onChange={(_, data) => set({ clientId: data.value })} />
        </Field>
      )}
      {method === 'client-secret' && (
        <Field
          label="Client secret"
          required={!hasStoredCredential}
          hint={
            hasStoredCredential
              ? 'Kluis keeps the current one; leave empty to keep it, or enter a new one.'
              : 'Kept encrypted with your system keychain, or only until Kluis quits where there is none; never shown again.'
          }
        >
          <Input
            type="password"
            autoComplete="off"
            value={value.secret}
            onChange={(_, data) => set({ secret: data.value })}
          />
        </Field>
      )}
      {method === 'client-certificate' && (
        <Field
          label="Certificate (PEM with its private key)"
          required={!hasStoredCredential}
          {...(hasStoredCredential ? { hint: 'Kluis keeps the current one; leave empty to keep it.' } : {})}
        >
          <Textarea
            resize="vertical"
            value={value.certificatePem}
            placeholder="-----BEGIN CERTIFICATE-----"
            onChange={(_, data) => set({ certificatePem: data.value })}
          />
        </Field>
      )}
    </>
  );
}

/** The AuthConfig vaults.add gets; a service principal's secret goes separately to auth.saveServicePrincipal. */
export function authOf(method: AuthMethod, tenantId: string, extras: SignInExtras): AuthConfig {
  return {
    method,
    ...(tenantId ? { tenantId } : {}),
    ...(extras.clientId.trim() ? { clientId: extras.clientId.trim() } : {}),
    ...(extras.cloud !== 'public' ? { cloud: extras.cloud } : {}),
    ...(extras.cloud === 'custom' ? { authorityHost: extras.authorityHost.trim() } : {}),
    ...(extras.cloud === 'custom' && extras.resource.trim() ? { resource: extras.resource.trim() } : {}),
  };
}

/** The form's fields for a vault's current sign-in (to edit it); secrets are never prefilled. */
export function extrasOf(auth: AuthConfig): SignInExtras {
  return {
    ...NO_EXTRAS,
    cloud: auth.cloud ?? 'public',
    authorityHost: auth.authorityHost ?? '',
    resource: auth.resource ?? '',
    clientId: auth.clientId ?? '',
  };
}

/** After the vault is added: stores a service principal's secret or certificate in main (encrypted). */
export async function saveServicePrincipal(
  vaultId: string,
  method: AuthMethod,
  tenantId: string,
  extras: SignInExtras,
): Promise<Result<unknown> | { ok: false; error: KluisError }> {
  if (!isServicePrincipal(method)) return { ok: true, value: undefined };
  return kluis().auth.saveServicePrincipal({
    vaultId,
    tenantId,
    clientId: extras.clientId.trim(),
    ...(method === 'client-secret' ? { secret: extras.secret } : { certificatePem: extras.certificatePem }),
  });
}
