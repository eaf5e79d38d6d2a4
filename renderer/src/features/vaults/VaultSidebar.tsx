import { Button, makeStyles, mergeClasses, shorthands, Tooltip, tokens } from '@fluentui/react-components';
import {
  Add20Regular,
  ArrowSwap20Regular,
  Board20Regular,
  Cloud20Regular,
  Delete20Regular,
  Desktop20Regular,
  Search20Regular,
  Settings20Regular,
} from '@fluentui/react-icons';
import type { VaultConfig } from '../../../../electron/contract';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    ...shorthands.padding(tokens.spacingVerticalS, tokens.spacingHorizontalS),
    gap: tokens.spacingVerticalXS,
  },
  heading: {
    fontSize: tokens.fontSizeBase100,
    fontWeight: tokens.fontWeightSemibold,
    letterSpacing: '0.06em',
    textTransform: 'uppercase',
    color: tokens.colorNeutralForeground3,
    margin: 0,
    ...shorthands.padding(tokens.spacingVerticalXS, tokens.spacingHorizontalS),
  },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  vault: { width: '100%', justifyContent: 'flex-start', fontWeight: tokens.fontWeightRegular, minWidth: 0 },
  current: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    fontWeight: tokens.fontWeightSemibold,
  },
  label: {
    flexGrow: 1,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    textAlign: 'left',
  },
  shortcut: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100, marginLeft: 'auto' },
  spacer: { flexGrow: 1 },
  footer: { display: 'flex', flexDirection: 'column', gap: '2px' },
  footerButton: { justifyContent: 'flex-start' },
});

export type ShellView = 'secrets' | 'deleted' | 'settings' | 'dashboard' | 'search' | 'compare';

interface Props {
  vaults: VaultConfig[];
  selectedId?: string;
  view: ShellView;
  onSelect: (id: string) => void;
  onDeleted: () => void;
  onAdd: () => void;
  onSettings: () => void;
  /** The views over every vault (features/dashboard, features/search). */
  onDashboard?: () => void;
  onSearch?: () => void;
  /** Compare two vaults and promote between them (features/compare). */
  onCompare?: () => void;
}

export function VaultSidebar({
  vaults,
  selectedId,
  view,
  onSelect,
  onDeleted,
  onAdd,
  onSettings,
  onDashboard,
  onSearch,
  onCompare,
}: Props) {
  const styles = useStyles();
  const settingsOpen = view === 'settings';
  return (
    <nav className={styles.root} aria-label="Vaults">
      {onDashboard && (
        <Button
          appearance="subtle"
          className={mergeClasses(styles.footerButton, view === 'dashboard' && styles.current)}
          icon={<Board20Regular />}
          aria-current={view === 'dashboard' ? 'page' : undefined}
          onClick={onDashboard}
        >
          Dashboard
        </Button>
      )}
      {onSearch && (
        <Tooltip content="Search every vault (Ctrl+Shift+F)" relationship="description">
          <Button
            appearance="subtle"
            className={mergeClasses(styles.footerButton, view === 'search' && styles.current)}
            icon={<Search20Regular />}
            aria-current={view === 'search' ? 'page' : undefined}
            onClick={onSearch}
          >
            Search all vaults
          </Button>
        </Tooltip>
      )}
      {onCompare && (
        <Button
          appearance="subtle"
          className={mergeClasses(styles.footerButton, view === 'compare' && styles.current)}
          icon={<ArrowSwap20Regular />}
          aria-current={view === 'compare' ? 'page' : undefined}
          onClick={onCompare}
        >
          Compare vaults
        </Button>
      )}
      <h2 className={styles.heading}>Vaults</h2>
      <ul className={styles.list}>
        {vaults.map((vault, index) => {
          const current = view === 'secrets' && vault.id === selectedId;
          const shortcut = index < 9 ? `Ctrl+${index + 1}` : undefined;
          return (
            <li key={vault.id}>
              <Tooltip content={`${vault.url}${shortcut ? ` (${shortcut})` : ''}`} relationship="description">
                <Button
                  appearance="subtle"
                  className={mergeClasses(styles.vault, current && styles.current)}
                  icon={vault.kind === 'local' ? <Desktop20Regular /> : <Cloud20Regular />}
                  aria-current={current ? 'page' : undefined}
                  onClick={() => onSelect(vault.id)}
                >
                  <span className={styles.label}>{vault.displayName}</span>
                  {shortcut && (
                    <span className={styles.shortcut} aria-hidden>
                      ^{index + 1}
                    </span>
                  )}
                </Button>
              </Tooltip>
            </li>
          );
        })}
      </ul>
      {selectedId && (
        <Button
          appearance="subtle"
          className={mergeClasses(styles.footerButton, view === 'deleted' && styles.current)}
          icon={<Delete20Regular />}
          aria-current={view === 'deleted' ? 'page' : undefined}
          onClick={onDeleted}
        >
          Deleted secrets
        </Button>
      )}
      <div className={styles.spacer} />
      <div className={styles.footer}>
        <Button appearance="subtle" className={styles.footerButton} icon={<Add20Regular />} onClick={onAdd}>
          Add vault
        </Button>
        <Button
          appearance="subtle"
          className={mergeClasses(styles.footerButton, settingsOpen && styles.current)}
          icon={<Settings20Regular />}
          aria-current={settingsOpen ? 'page' : undefined}
          onClick={onSettings}
        >
          Settings
        </Button>
      </div>
    </nav>
  );
}
