import {
  makeStyles,
  Spinner,
  Toast,
  ToastTitle,
  tokens,
  useToastController,
} from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import type { BulkAction, DeletedSecretInfo, VaultConfig } from '../../../../electron/contract';
import { TOASTER_ID } from '../../components/toaster';
import { BulkActionDialog } from '../bulk/BulkActionDialog';
import { useWorkspaceKeys } from '../secrets/use-workspace-keys';
import { DeletedList } from './DeletedList';
import { isPurgeProtected, purgeProtectedText } from './purge-protection';
import { useDeletedPages } from './use-deleted-pages';

const DeletedSecretPanel = lazy(() => import('../secrets/DeletedSecretPanel'));

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateColumns: 'minmax(360px, 1fr) minmax(320px, 400px)',
    height: '100%',
    minHeight: 0,
  },
  right: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    borderLeft: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  hint: { padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
});

/** The vault's deleted secrets: recover them, or purge them for good. */
export default function DeletedWorkspace({ vault }: { vault: VaultConfig }) {
  const styles = useStyles();
  const list = useDeletedPages(vault.id);
  const [selected, setSelected] = useState<DeletedSecretInfo>();
  const [bulk, setBulk] = useState<{ action: BulkAction; names: string[] }>();
  const { dispatchToast } = useToastController(TOASTER_ID);
  const first = list.items[0];
  const purgeProtected = isPurgeProtected(first?.properties.recoveryLevel);
  useWorkspaceKeys({
    onNew: () => undefined,
    onRefresh: list.reload,
    onDelete: () => undefined,
    onClose: () => setSelected(undefined),
  });
  const done = (name: string, what: string) => {
    list.remove(name);
    setSelected(undefined);
    dispatchToast(
      <Toast>
        <ToastTitle>
          {what} <span data-private>{name}</span>
        </ToastTitle>
      </Toast>,
      { intent: 'success', timeout: 4000 },
    );
  };
  return (
    <div className={styles.root}>
      <DeletedList
        list={list}
        vaultName={vault.displayName}
        selectedName={selected?.properties.name}
        purgeProtected={purgeProtected}
        onOpen={setSelected}
        onRefresh={list.reload}
        onBulk={(action, names) => setBulk({ action, names })}
      />
      <aside className={styles.right} aria-label="Deleted secret details">
        {selected ? (
          <Suspense fallback={<Spinner size="small" />}>
            <DeletedSecretPanel
              key={selected.properties.name}
              vaultId={vault.id}
              info={selected}
              onRecovered={(secret) => done(secret.name, 'Recovered')}
              onPurged={(name) => done(name, 'Purged')}
            />
          </Suspense>
        ) : (
          <span className={styles.hint}>Select a deleted secret to recover or purge it.</span>
        )}
      </aside>
      {bulk && (
        <BulkActionDialog
          vaultId={vault.id}
          action={bulk.action}
          names={bulk.names}
          explanation={
            bulk.action === 'purge'
              ? 'Purged secrets are removed for good, with all their versions: they cannot be recovered.'
              : purgeProtected
                ? `They come back with all their versions. ${purgeProtectedText(first?.scheduledPurgeDate)}`
                : 'They come back with all their versions, as they were when deleted.'
          }
          onFinished={(results) => {
            for (const r of results) if (r.ok) list.remove(r.name);
            setSelected(undefined);
          }}
          onClose={() => setBulk(undefined)}
        />
      )}
    </div>
  );
}
