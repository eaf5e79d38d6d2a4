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
  const [who, setWho] = useState<WhoAmI>();

  useEffect(() => {
    let live = true;
    void kluis()
      .auth.whoAmI({ vaultId: vault.id })
      .then((result) => live && setWho(result.ok ? result.value : undefined));
    return () => {
      live = false;
    };
  }, [vault.id, vault.auth, last]);

  const signOut = async () => {
    await kluis().auth.signOut({ vaultId: vault.id });
    setWho(undefined);
  };

  if (!who?.account && who?.lastCallAuthorized === undefined) return null;
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
