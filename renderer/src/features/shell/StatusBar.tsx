import { makeStyles, shorthands, tokens } from '@fluentui/react-components';
import { Circle12Filled } from '@fluentui/react-icons';
import { useSyncExternalStore } from 'react';
import type { LocalVaultStatus, VaultConfig } from '../../../../electron/contract';
import { lastCallStore } from '../../lib/api';
import { WhoAmIStatus } from '../sign-in/WhoAmIStatus';
import { authLabel } from '../vaults/auth-methods';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    ...shorthands.padding('3px', tokens.spacingHorizontalM),
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
  },
  item: { display: 'inline-flex', alignItems: 'center', gap: '4px', minWidth: 0 },
  push: { marginLeft: 'auto' },
  running: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  idle: { color: tokens.colorNeutralForeground3 },
});

const stateWords: Record<LocalVaultStatus['state'], string> = {
  stopped: 'stopped',
  starting: 'starting…',
  running: 'running',
  failed: 'failed',
};

interface Props {
  vault?: VaultConfig;
  localVault: LocalVaultStatus;
  appVersion: string;
}

export function StatusBar({ vault, localVault, appVersion }: Props) {
  const styles = useStyles();
  const last = useSyncExternalStore(lastCallStore.subscribe, lastCallStore.getSnapshot);
  const dot =
    localVault.state === 'running'
      ? styles.running
      : localVault.state === 'failed'
        ? styles.failed
        : styles.idle;
  return (
    <footer className={styles.root}>
      {vault && (
        <span className={styles.item} title={vault.url}>
          {vault.displayName} · {vault.kind === 'local' ? 'local token' : authLabel(vault.auth.method)}
        </span>
      )}
      {vault?.kind === 'azure' && <WhoAmIStatus vault={vault} />}
      <span className={styles.item} data-testid="last-call">
        {last ? `Last call ${last.ms} ms${last.ok ? '' : ' (failed)'}` : 'No calls yet'}
      </span>
      <span
        className={`${styles.item} ${styles.push}`}
        role="status"
        title={localVault.message ?? localVault.url}
      >
        <Circle12Filled className={dot} aria-hidden />
        Local vault {stateWords[localVault.state]}
        {localVault.state === 'failed' && localVault.message ? `: ${localVault.message}` : ''}
      </span>
      <span className={styles.item}>Kluis {appVersion}</span>
    </footer>
  );
}
