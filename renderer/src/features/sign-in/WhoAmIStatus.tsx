import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { VaultConfig, WhoAmI } from '../../../../electron/contract';
import { kluis, lastCallStore } from '../../lib/api';

const useStyles = makeStyles({
  item: { display: 'inline-flex', alignItems: 'center', gap: '4px', minWidth: 0 },
  yes: { color: tokens.colorPaletteGreenForeground1 },
  no: { color: tokens.colorPaletteRedForeground1 },
});

const short = (id: string) => (id.length > 13 ? `${id.slice(0, 8)}…` : id);

/** Status-bar item: who the selected Azure vault is signed in as, and whether its last call was let in. */
export function WhoAmIStatus({ vault }: { vault: VaultConfig }) {
  const styles = useStyles();
  const last = useSyncExternalStore(lastCallStore.subscribe, lastCallStore.getSnapshot);
  const [answer, setAnswer] = useState<{ vaultId: string; who?: WhoAmI }>();

  // Asked again after each vault call, but not after its own (that would ask forever).
  useEffect(() => {
    if (last?.operation === 'auth.whoAmI') return;
    const vaultId = vault.id;
    void kluis()
      .auth.whoAmI({ vaultId })
      .then((result) => setAnswer(result.ok ? { vaultId, who: result.value } : { vaultId }));
  }, [vault.id, vault.auth, last]);

  const signOut = async () => {
    await kluis().auth.signOut({ vaultId: vault.id });
    setAnswer({ vaultId: vault.id });
  };

  const who = answer?.vaultId === vault.id ? answer.who : undefined;
  if (!who || (!who.account && who.lastCallAuthorized === undefined)) return null;
  return (
    <span className={styles.item} data-testid="who-am-i" title={who.tenantId ? `Tenant ${who.tenantId}` : ''}>
      {who.account ?? 'Unknown account'}
      {who.tenantId ? ` · ${short(who.tenantId)}` : ''}
      {who.lastCallAuthorized !== undefined && (
        <span className={who.lastCallAuthorized ? styles.yes : styles.no}>
          {who.lastCallAuthorized ? ' · authorized' : ' · not authorized'}
        </span>
      )}
      <Button size="small" appearance="transparent" onClick={() => void signOut()}>
        Sign out
      </Button>
    </span>
  );
}
