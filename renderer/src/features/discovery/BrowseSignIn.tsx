import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { AuthConfig, AuthMethod, KluisError, VaultConfig } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { MethodAndTenantFields } from '../sign-in/MethodAndTenantFields';
import {
  authOf,
  isServicePrincipal,
  NO_EXTRAS,
  SIGN_IN_FIELDS,
  SignInFields,
  signInProblem,
} from '../sign-in/SignInFields';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '520px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** How a browse signs in: a sign-in entered here, or the sign-in of a vault already listed. */
export type BrowseWith = { auth: AuthConfig } | { fromVaultId: string; auth: AuthConfig };

interface Props {
  /** Azure vaults already listed: their sign-in can be borrowed (a service principal Kluis keeps, say). */
  vaults: readonly VaultConfig[];
  onBrowse: (how: BrowseWith) => void;
  onCancel?: () => void;
}

const FRESH = '';

/**
 * The sign-in to browse with. Any method that can get an Azure Resource Manager token works; a custom cloud also
 * needs its Resource Manager endpoint. A service principal's secret is kept per vault, so browsing with one borrows
 * the sign-in of a vault that already uses it.
 */
export function BrowseSignIn({ vaults, onBrowse, onCancel }: Props) {
  const styles = useStyles();
  const azure = vaults.filter((v) => v.kind === 'azure');
  const [from, setFrom] = useState(FRESH);
  const [method, setMethod] = useState<AuthMethod>('default');
  const [tenantId, setTenantId] = useState('');
  const [extras, setExtras] = useState(NO_EXTRAS);
  const [armEndpoint, setArmEndpoint] = useState('');
  const [armResource, setArmResource] = useState('');
  const [error, setError] = useState<KluisError>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const borrowed = azure.find((v) => v.id === from);
    if (borrowed) {
      onBrowse({ fromVaultId: borrowed.id, auth: borrowed.auth });
      return;
    }
    const problem =
      signInProblem(extras) ??
      (isServicePrincipal(method)
        ? {
            kind: 'invalid-input' as const,
            field: 'auth.method',
            message:
              'To browse with a service principal, add one vault with it first (Kluis keeps its secret for that vault), then choose that vault above.',
          }
        : extras.cloud === 'custom' && !armEndpoint.trim()
          ? {
              kind: 'invalid-input' as const,
              field: 'auth.armEndpoint',
              message:
                'Enter the Resource Manager endpoint of this custom cloud (e.g. https://management.example.com; ask your administrator).',
            }
          : undefined);
    if (problem) {
      setError(problem);
      return;
    }
    setError(undefined);
    const auth = authOf(method, tenantId.trim(), extras);
    onBrowse({
      auth:
        extras.cloud === 'custom'
          ? {
              ...auth,
              armEndpoint: armEndpoint.trim().replace(/\/+$/, ''),
              ...(armResource.trim() ? { armResource: armResource.trim().replace(/\/+$/, '') } : {}),
            }
          : auth,
    });
  };

  return (
    <form className={styles.form} aria-label="Sign in to browse vaults" onSubmit={submit} noValidate>
      {azure.length > 0 && (
        <Field label="Browse with" hint="The sign-in of a vault you already added, or a new sign-in.">
          <Select value={from} onChange={(_, data) => setFrom(data.value)}>
            <option value={FRESH}>A new sign-in</option>
            {azure.map((v) => (
              <option key={v.id} value={v.id}>
                The sign-in of {v.displayName}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {from === FRESH && (
        <>
          <MethodAndTenantFields
            method={method}
            onMethod={setMethod}
            tenantId={tenantId}
            onTenantId={setTenantId}
          />
          <SignInFields method={method} value={extras} onChange={setExtras} error={error} />
          {extras.cloud === 'custom' && (
            <Field
              label="Resource Manager endpoint"
              required
              hint="e.g. https://management.example.com. Browsing asks for tokens for this endpoint only."
              {...(error?.field === 'auth.armEndpoint'
                ? { validationState: 'error' as const, validationMessage: error.message }
                : {})}
            >
              <Input
                value={armEndpoint}
                placeholder="https://management.example.com"
                onChange={(_, data) => setArmEndpoint(data.value)}
              />
            </Field>
          )}
          {extras.cloud === 'custom' && (
            <Field
              label="Resource Manager audience (optional)"
              hint="Only when its tokens name another resource than the endpoint (Azure Stack Hub lists it in its metadata)."
            >
              <Input
                value={armResource}
                placeholder="https://management.example.com"
                onChange={(_, data) => setArmResource(data.value)}
              />
            </Field>
          )}
        </>
      )}
      {error && !SIGN_IN_FIELDS.has(error.field ?? '') && error.field !== 'auth.armEndpoint' && (
        <ErrorBanner error={error} />
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary">
          Browse vaults
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
