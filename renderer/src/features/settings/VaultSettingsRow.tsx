import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { KluisError, Settings, VaultConfig } from '../../../../electron/contract';
import { kluis } from '../../lib/api';
import { authLabel } from '../vaults/auth-methods';
import { CertificatesSection } from './CertificatesSection';
import { EditSignInDialog } from './EditSignInDialog';
import { useSettingsStyles } from './settings-styles';

interface Props {
  vault: VaultConfig;
  onSettings: (settings: Settings) => void;
  onError: (error: KluisError) => void;
}

/**
 * One vault: rename in place, edit its sign-in, sign out, remove after a confirm (removing forgets the vault; its
 * secrets stay); custom-cloud vaults also get their Certificates section.
 */
export function VaultSettingsRow({ vault, onSettings, onError }: Props) {
  const styles = useSettingsStyles();
  const [name, setName] = useState(vault.displayName);
  const [confirming, setConfirming] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const [editing, setEditing] = useState(false);
  const changed = name.trim() !== '' && name.trim() !== vault.displayName;

  const rename = async () => {
    const result = await kluis().vaults.rename({ vaultId: vault.id, displayName: name.trim() });
    if (result.ok) onSettings(result.value);
    else onError(result.error);
  };
  // Forgets the remembered sign-in and any stored service principal secret; the next call signs in again.
  const signOut = async () => {
    const result = await kluis().auth.signOut({ vaultId: vault.id });
    if (!result.ok) onError(result.error);
    else setSignedOut(true);
  };
  const remove = async () => {
    setConfirming(false);
    const result = await kluis().vaults.remove({ vaultId: vault.id });
    if (result.ok) onSettings(result.value);
    else onError(result.error);
  };

  return (
    <div className={styles.vaultRow}>
      <Field label="Display name" size="small" hint={<span className={styles.url}>{vault.url}</span>}>
        <Input size="small" value={name} onChange={(_, data) => setName(data.value)} />
      </Field>
      <span className={styles.kind}>
        {vault.kind === 'local' ? 'Local vault' : `Azure Key Vault · ${authLabel(vault.auth.method)}`}
      </span>
      <Button size="small" disabled={!changed} onClick={() => void rename()}>
        Rename
      </Button>
      {vault.kind === 'azure' ? (
        <Button
          size="small"
          onClick={() => setEditing(true)}
          aria-label={`Edit sign-in of ${vault.displayName}`}
        >
          Edit sign-in
        </Button>
      ) : (
        <span />
      )}
      {vault.kind === 'azure' ? (
        <Button
          size="small"
          disabled={signedOut}
          onClick={() => void signOut()}
          aria-label={`Sign out of ${vault.displayName}`}
        >
          {signedOut ? 'Signed out' : 'Sign out'}
        </Button>
      ) : (
        <span />
      )}
      <Button size="small" onClick={() => setConfirming(true)} aria-label={`Remove ${vault.displayName}`}>
        Remove
      </Button>
      {editing && (
        <EditSignInDialog vault={vault} onSettings={onSettings} onClose={() => setEditing(false)} />
      )}
      {vault.kind === 'azure' && vault.auth.cloud === 'custom' && (
        <CertificatesSection vault={vault} onSettings={onSettings} />
      )}
      <Dialog open={confirming} onOpenChange={(_, data) => setConfirming(data.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Remove “{vault.displayName}” from Kluis?</DialogTitle>
            <DialogContent>
              Kluis forgets this vault. Nothing in the vault itself changes; you can add it again later.
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => void remove()}>
                Remove
              </Button>
              <Button onClick={() => setConfirming(false)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
