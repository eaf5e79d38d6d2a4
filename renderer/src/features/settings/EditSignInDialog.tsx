import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { AuthMethod, KluisError, Settings, VaultConfig } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';
import {
  SignInFields,
  authOf,
  extrasOf,
  isServicePrincipal,
  saveServicePrincipal,
  SIGN_IN_FIELDS,
  signInProblem,
} from '../sign-in/SignInFields';
import { MethodAndTenantFields } from '../sign-in/MethodAndTenantFields';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

interface Props {
  vault: VaultConfig;
  onSettings: (settings: Settings) => void;
  onClose: () => void;
}

/**
 * Changes an Azure vault's sign-in: method, tenant, cloud (with a custom sign-in host and resource) and a service
 * principal, with the same fields as the add-vault form. What the user typed stays when saving fails.
 */
export function EditSignInDialog({ vault, onSettings, onClose }: Props) {
  const styles = useStyles();
  const [method, setMethod] = useState<AuthMethod>(vault.auth.method);
  const [tenantId, setTenantId] = useState(vault.auth.tenantId ?? '');
  const [extras, setExtras] = useState(() => extrasOf(vault.auth));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<KluisError>();
  // The stored secret or certificate fits only the kind it was saved for.
  const storedFits = !!vault.auth.credentialRef && method === vault.auth.method;
  const newCredential = method === 'client-secret' ? extras.secret : extras.certificatePem;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problem = signInProblem(extras);
    if (problem) {
      setError(problem);
      return;
    }
    if (isServicePrincipal(method) && !storedFits && !newCredential) {
      setError({
        kind: 'invalid-input',
        field: method === 'client-secret' ? 'secret' : 'certificatePem',
        message:
          method === 'client-secret'
            ? 'Enter the service principal’s client secret.'
            : 'Paste the service principal’s certificate (PEM with its private key).',
      });
      return;
    }
    setBusy(true);
    setError(undefined);
    const api = kluis();
    // Leaving a service principal: its stored secret or certificate is forgotten, not left behind.
    if (vault.auth.credentialRef && !isServicePrincipal(method)) {
      const out = await api.auth.signOut({ vaultId: vault.id });
      if (!out.ok) {
        setBusy(false);
        setError(out.error);
        return;
      }
    }
    const auth = {
      ...authOf(method, tenantId.trim(), extras),
      // Kept so a new secret replaces the stored one in place, and an empty field keeps it.
      ...(isServicePrincipal(method) && vault.auth.credentialRef
        ? { credentialRef: vault.auth.credentialRef }
        : {}),
    };
    const result = await api.vaults.setAuth({ vaultId: vault.id, auth });
    if (!result.ok) {
      setBusy(false);
      setError(result.error);
      return;
    }
    let settings = result.value;
    if (isServicePrincipal(method) && newCredential) {
      const saved = await saveServicePrincipal(vault.id, method, tenantId.trim(), extras);
      if (!saved.ok) {
        setBusy(false);
        onSettings(settings);
        setError(saved.error);
        return;
      }
      const state = await api.app.getState();
      if (state.ok) settings = state.value.settings;
    }
    setBusy(false);
    onSettings(settings);
    onClose();
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(e) => void save(e)} noValidate aria-label={`Sign-in for ${vault.displayName}`}>
          <DialogBody>
            <DialogTitle>Sign-in for “{vault.displayName}”</DialogTitle>
            <DialogContent className={styles.form}>
              <MethodAndTenantFields
                method={method}
                onMethod={setMethod}
                tenantId={tenantId}
                onTenantId={setTenantId}
              />
              <SignInFields
                method={method}
                value={extras}
                onChange={setExtras}
                hasStoredCredential={storedFits}
                error={error}
              />
              {error && !SIGN_IN_FIELDS.has(error.field ?? '') && <ErrorBanner error={error} />}
            </DialogContent>
            <DialogActions>
              {busy && <Spinner size="tiny" label="Saving…" />}
              <Button type="submit" appearance="primary" disabled={busy}>
                Save sign-in
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
