import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { AppState, KluisError, LocalVaultStatus, Settings } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';
import { startSecretPages } from '../secrets/use-secret-pages';
import { VaultWorkspace } from '../secrets/VaultWorkspace';
import { sortVaults } from '../vaults/sort-vaults';
import { VaultSidebar, type ShellView } from '../vaults/VaultSidebar';
import { onCommand, runCommand } from '../../lib/commands';
import { CommandPalette } from './CommandPalette';
import type { PaletteItem } from './palette-filter';
import { StatusBar } from './StatusBar';
import { useCommandPaletteKey } from './use-command-palette';
import { useVaultShortcuts } from './use-vault-shortcuts';
import { useSearchShortcut } from '../search/use-search-shortcut';
import { rememberView } from '../secrets/view-memory';

const SettingsView = lazy(() => import('../settings/SettingsView'));
const DeletedWorkspace = lazy(() => import('../deleted/DeletedWorkspace'));
const AddVaultDialog = lazy(() => import('../vaults/AddVaultDialog'));
const DashboardView = lazy(() => import('../dashboard/DashboardView'));
const SearchView = lazy(() => import('../search/SearchView'));
const CompareView = lazy(() => import('../compare/CompareView'));

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateColumns: '220px minmax(0, 1fr)',
    gridTemplateRows: 'auto minmax(0, 1fr) auto',
    height: '100%',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  banner: { gridColumn: '1 / -1' },
  main: { minWidth: 0, minHeight: 0 },
  status: { gridColumn: '1 / -1' },
});

interface Props {
  state: AppState;
  onSettings: (settings: Settings) => void;
  onLocalVault: (status: LocalVaultStatus) => void;
  onReload: () => void;
}

/** The three panes and the status bar. */
export function Shell({ state, onSettings, onLocalVault, onReload }: Props) {
  const styles = useStyles();
  const { settings } = state;
  const [view, setView] = useState<ShellView>('secrets');
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<KluisError>();
  const vaults = sortVaults(settings.vaults);
  const vault = vaults.find((v) => v.id === settings.selectedVaultId) ?? vaults[0];

  const select = async (vaultId: string) => {
    // The vault's first page is requested before anything renders or settings are written.
    if (view !== 'secrets' || vaultId !== vault?.id) startSecretPages(vaultId);
    setView('secrets');
    setError(undefined);
    if (vaultId === settings.selectedVaultId) return;
    const result = await kluis().vaults.select({ vaultId });
    if (result.ok) onSettings(result.value);
    else setError(result.error);
  };
  /** Opens a secret of any vault (from the dashboard or the search): that vault's list, with it open. */
  const openSecret = (vaultId: string, name: string) => {
    rememberView(vaultId, { openName: name, query: '' });
    void select(vaultId);
  };
  useSearchShortcut(() => setView('search'));
  // The event keeps it current afterwards; this catches a change made before the listener was attached.
  useEffect(() => {
    void kluis()
      .localVault.status()
      .then((result) => result.ok && onLocalVault(result.value));
  }, [onLocalVault]);
  useEffect(() => onCommand('view.settings', () => setView('settings')), []);
  const [paletteOpen, setPaletteOpen] = useCommandPaletteKey();
  const paletteItems = (): PaletteItem[] => {
    // Workspace commands run once the secrets view is on screen (it registers their handlers).
    const inSecrets = (command: Parameters<typeof runCommand>[0]) => () => {
      setView('secrets');
      setTimeout(() => runCommand(command), 0);
    };
    return [
      { id: 'new', label: 'New secret', hint: 'Ctrl+N', run: inSecrets('secret.new') },
      { id: 'filter', label: 'Filter the list', hint: 'Ctrl+F', run: inSecrets('list.filter') },
      { id: 'refresh', label: 'Refresh the list', hint: 'F5', run: inSecrets('list.refresh') },
      { id: 'backup', label: 'Back up the open secret to a file', run: inSecrets('secret.backup') },
      { id: 'restore', label: 'Restore a secret from a backup file', run: inSecrets('secret.restore') },
      { id: 'export', label: 'Export secrets to a file', run: inSecrets('transfer.export') },
      { id: 'import', label: 'Import secrets from a file', run: inSecrets('transfer.import') },
      { id: 'secrets', label: 'Show secrets', run: () => setView('secrets') },
      {
        id: 'dashboard',
        label: 'Dashboard: expiry and hygiene across all vaults',
        run: () => setView('dashboard'),
      },
      { id: 'search', label: 'Search all vaults', hint: 'Ctrl+Shift+F', run: () => setView('search') },
      { id: 'compare', label: 'Compare two vaults and promote secrets', run: () => setView('compare') },
      { id: 'deleted', label: 'Show deleted secrets', run: () => setView('deleted') },
      { id: 'settings', label: 'Settings', run: () => setView('settings') },
      { id: 'add-vault', label: 'Add a vault', run: () => setAdding(true) },
      {
        id: 'privacy',
        label: settings.ui.privacyMode
          ? 'Turn privacy mode off'
          : 'Turn privacy mode on (mask names and values)',
        hint: 'Ctrl+Shift+P',
        run: () =>
          void kluis()
            .settings.updateUi({ privacyMode: !settings.ui.privacyMode })
            .then((result) => (result.ok ? onSettings(result.value) : setError(result.error))),
      },
      ...vaults.map((v, i) => ({
        id: `vault-${v.id}`,
        label: `Switch to vault: ${v.displayName}`,
        ...(i < 9 ? { hint: `Ctrl+${i + 1}` } : {}),
        run: () => void select(v.id),
      })),
    ];
  };
  useVaultShortcuts(
    vaults.map((v) => v.id),
    (id) => void select(id),
  );

  return (
    <div className={styles.root}>
      <div className={styles.banner}>{error && <ErrorBanner error={error} />}</div>
      <VaultSidebar
        vaults={vaults}
        selectedId={vault?.id}
        view={view}
        onSelect={(id) => void select(id)}
        onDeleted={() => setView('deleted')}
        onAdd={() => setAdding(true)}
        onSettings={() => setView('settings')}
        onDashboard={() => setView('dashboard')}
        onSearch={() => setView('search')}
        onCompare={() => setView('compare')}
      />
      <div className={styles.main}>
        <Suspense fallback={<Spinner size="small" label="Loading…" />}>
          {view === 'dashboard' && (
            <DashboardView
              vaults={vaults}
              warningDays={settings.ui.expiryWarningDays}
              {...(settings.ui.staleDays !== undefined ? { staleDays: settings.ui.staleDays } : {})}
              onOpen={openSecret}
            />
          )}
          {view === 'search' && (
            <SearchView vaults={vaults} warningDays={settings.ui.expiryWarningDays} onOpen={openSecret} />
          )}
          {view === 'compare' && <CompareView vaults={vaults} />}
          {view === 'settings' && <SettingsView settings={settings} onSettings={onSettings} />}
          {view === 'deleted' && vault && <DeletedWorkspace key={vault.id} vault={vault} />}
          {view === 'secrets' && vault && (
            <VaultWorkspace
              key={vault.id}
              vault={vault}
              revealSeconds={settings.ui.revealSeconds}
              warningDays={settings.ui.expiryWarningDays}
            />
          )}
        </Suspense>
      </div>
      <div className={styles.status}>
        <StatusBar vault={vault} localVault={state.localVault} appVersion={state.appVersion} />
      </div>
      {paletteOpen && <CommandPalette items={paletteItems()} onClose={() => setPaletteOpen(false)} />}
      {adding && (
        <Suspense>
          <AddVaultDialog
            onClose={() => setAdding(false)}
            onAdded={() => {
              setAdding(false);
              setView('secrets');
              onReload();
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
