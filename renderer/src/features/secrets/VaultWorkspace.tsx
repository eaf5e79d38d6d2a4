import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { DeletedSecretInfo, SecretProperties, VaultConfig } from '../../../../electron/contract';
import { AccessErrorActions } from '../access/AccessErrorActions';
import { DeleteSecretDialog } from './DeleteSecretDialog';
import { DetailsPlaceholder } from './DetailsPlaceholder';
import { SecretsList } from './SecretsList';
import { useSecretPages } from './use-secret-pages';
import { useWorkspaceKeys } from './use-workspace-keys';

const CreateSecretForm = lazy(() =>
  import('./CreateSecretForm').then((m) => ({ default: m.CreateSecretForm })),
);
const SecretDetails = lazy(() => import('./SecretDetails'));
const DeletedSecretPanel = lazy(() => import('./DeletedSecretPanel'));

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateColumns: 'minmax(360px, 1fr) minmax(320px, 400px)',
    minHeight: 0,
    height: '100%',
  },
  right: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    borderLeft: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

type Pane =
  | { mode: 'empty' }
  | { mode: 'create' }
  | { mode: 'details'; secret: SecretProperties }
  | { mode: 'deleted'; info: DeletedSecretInfo };

interface Props {
  vault: VaultConfig;
  revealSeconds: number;
  warningDays: number;
}

/** One vault: the secrets list in the middle, the selected secret (or a form) on the right. */
export function VaultWorkspace({ vault, revealSeconds, warningDays }: Props) {
  const styles = useStyles();
  const list = useSecretPages(vault.id);
  const [pane, setPane] = useState<Pane>({ mode: 'empty' });
  const [deleting, setDeleting] = useState<SecretProperties>();

  const selected =
    pane.mode === 'details'
      ? (list.items.find((s) => s.name === pane.secret.name) ?? pane.secret)
      : undefined;

  const openNew = () => setPane((p) => (p.mode === 'create' ? p : { mode: 'create' }));
  useWorkspaceKeys({
    onNew: openNew,
    onRefresh: list.reload,
    // A certificate's secret is deleted with its certificate, not here.
    onDelete: () => selected && !selected.managed && setDeleting(selected),
    onClose: () => setPane({ mode: 'empty' }),
  });

  useEffect(() => {
    document.title = `Kluis - ${vault.displayName}`;
  }, [vault.displayName]);

  const showSecret = (secret: SecretProperties) => {
    list.upsert(secret);
    setPane({ mode: 'details', secret });
  };

  return (
    <div className={styles.root}>
      <SecretsList
        vaultId={vault.id}
        list={list}
        vaultName={vault.displayName}
        selectedName={selected?.name}
        warningDays={warningDays}
        onOpen={(secret) => setPane({ mode: 'details', secret })}
        onNew={openNew}
        onRefresh={list.reload}
        onRestored={showSecret}
        errorActions={(error) => <AccessErrorActions error={error} vault={vault} onRetry={list.reload} />}
      />
      <aside className={styles.right} aria-label="Secret details">
        <Suspense fallback={<Spinner size="small" label="Loading…" />}>
          {pane.mode === 'empty' && <DetailsPlaceholder onNew={openNew} />}
          {pane.mode === 'create' && (
            <CreateSecretForm
              vaultId={vault.id}
              onCreated={showSecret}
              onRecovered={list.upsert}
              onCancel={() => setPane({ mode: 'empty' })}
            />
          )}
          {pane.mode === 'details' && selected && (
            <SecretDetails
              key={`${selected.name}:${selected.version ?? ''}`}
              vaultId={vault.id}
              secret={selected}
              revealSeconds={revealSeconds}
              onDelete={() => setDeleting(selected)}
              onChanged={list.upsert}
              onClose={() => setPane({ mode: 'empty' })}
            />
          )}
          {pane.mode === 'deleted' && (
            <DeletedSecretPanel
              key={pane.info.properties.name}
              vaultId={vault.id}
              info={pane.info}
              onRecovered={showSecret}
            />
          )}
        </Suspense>
      </aside>
      {deleting && (
        <DeleteSecretDialog
          vaultId={vault.id}
          secret={deleting}
          onCancel={() => setDeleting(undefined)}
          onDeleted={(info) => {
            setDeleting(undefined);
            list.remove(deleting.name);
            setPane({ mode: 'deleted', info });
          }}
        />
      )}
    </div>
  );
}
