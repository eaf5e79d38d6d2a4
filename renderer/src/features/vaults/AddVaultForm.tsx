import { Button, Field, Input, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { AuthMethod, KluisError, VaultConfig } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';
import {
  NO_EXTRAS,
  SIGN_IN_FIELDS,
  SignInFields,
  authOf,
  saveServicePrincipal,
  signInProblem,
} from '../sign-in/SignInFields';
import { MethodAndTenantFields } from '../sign-in/MethodAndTenantFields';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

interface Props {
  onAdded: (vault: VaultConfig) => void;
  onCancel?: () => void;
  submitLabel?: string;
}

/** Vault name or URL, sign-in method and optional tenant → vaults.add. */
export function AddVaultForm({ onAdded, onCancel, submitLabel = 'Connect' }: Props) {
  const styles = useStyles();
  const [vault, setVault] = useState('');
  const [method, setMethod] = useState<AuthMethod>('default');
  const [tenantId, setTenantId] = useState('');
  const [extras, setExtras] = useState(NO_EXTRAS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<KluisError>();
  const [touched, setTouched] = useState(false);
  const vaultProblem =
    vault.trim().length < 3 ? 'Enter the vault name (e.g. contoso-prod) or its URL.' : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (vaultProblem || busy) return;
    const problem = signInProblem(extras);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(undefined);
    const result = await kluis().vaults.add({
      vault: vault.trim(),
      auth: authOf(method, tenantId.trim(), extras),
    });
    // A service principal's secret goes to main's encrypted store, not into the vault's settings.
    const saved = result.ok
      ? await saveServicePrincipal(result.value.id, method, tenantId.trim(), extras)
      : result;
    setBusy(false);
    if (result.ok && saved.ok) {
      setExtras(NO_EXTRAS);
      onAdded(result.value);
    } else setError(saved.ok ? undefined : saved.error);
  };

  return (
    <form
      className={styles.form}
      onSubmit={(e) => void submit(e)}
      aria-label="Connect to an Azure Key Vault"
      noValidate
    >
      <Field
        label="Vault name or URL"
        required
        validationState={touched && vaultProblem ? 'error' : 'none'}
        validationMessage={touched ? vaultProblem : undefined}
        hint={touched && vaultProblem ? undefined : 'A name becomes https://<name>.vault.azure.net/'}
      >
        <Input value={vault} placeholder="contoso-prod" onChange={(_, data) => setVault(data.value)} />
      </Field>
      <MethodAndTenantFields
        method={method}
        onMethod={setMethod}
        tenantId={tenantId}
        onTenantId={setTenantId}
      />
      <SignInFields method={method} value={extras} onChange={setExtras} error={error} />
      {error && !SIGN_IN_FIELDS.has(error.field ?? '') && <ErrorBanner error={error} />}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {submitLabel}
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
        {busy && <Spinner size="tiny" label="Adding…" />}
      </div>
    </form>
  );
}
