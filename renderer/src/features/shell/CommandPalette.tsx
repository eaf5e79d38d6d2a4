import {
  Dialog,
  DialogBody,
  DialogSurface,
  DialogTitle,
  Input,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { Search20Regular } from '@fluentui/react-icons';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { filterPalette, type PaletteItem } from './palette-filter';

const useStyles = makeStyles({
  surface: { maxWidth: '560px', padding: tokens.spacingVerticalM },
  list: {
    listStyle: 'none',
    margin: `${tokens.spacingVerticalS} 0 0`,
    padding: 0,
    maxHeight: '320px',
    overflowY: 'auto',
  },
  option: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
  },
  active: { backgroundColor: tokens.colorSubtleBackgroundSelected },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  none: { padding: tokens.spacingVerticalS, color: tokens.colorNeutralForeground3 },
});

interface Props {
  items: PaletteItem[];
  onClose: () => void;
}

/** Ctrl+K: type to find an action or a vault; arrow keys move, Enter runs, Esc closes. */
export function CommandPalette({ items, onClose }: Props) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const shown = useMemo(() => filterPalette(items, query), [items, query]);
  const current = Math.min(active, Math.max(0, shown.length - 1));

  const run = (item: PaletteItem | undefined) => {
    if (!item) return;
    onClose();
    item.run();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + shown.length) % Math.max(1, shown.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(shown[current]);
    }
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <DialogBody style={{ display: 'block' }}>
          <DialogTitle className="visually-hidden" style={{ position: 'absolute', left: '-10000px' }}>
            Command palette
          </DialogTitle>
          <Input
            autoFocus
            appearance="underline"
            contentBefore={<Search20Regular aria-hidden />}
            placeholder="Type an action or a vault name"
            role="combobox"
            aria-label="Command"
            aria-expanded
            aria-controls="palette-options"
            aria-activedescendant={shown[current] ? `palette-${shown[current].id}` : undefined}
            style={{ width: '100%' }}
            value={query}
            onChange={(_, data) => {
              setQuery(data.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          <ul id="palette-options" role="listbox" aria-label="Actions and vaults" className={styles.list}>
            {shown.map((item, index) => (
              <li
                key={item.id}
                id={`palette-${item.id}`}
                role="option"
                aria-selected={index === current}
                className={mergeClasses(styles.option, index === current && styles.active)}
                onMouseMove={() => setActive(index)}
                onClick={() => run(item)}
              >
                <span>{item.label}</span>
                {item.hint && <span className={styles.hint}>{item.hint}</span>}
              </li>
            ))}
          </ul>
          {shown.length === 0 && <div className={styles.none}>Nothing matches “{query}”.</div>}
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
