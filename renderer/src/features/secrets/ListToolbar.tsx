import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  SearchBox,
  Tooltip,
} from '@fluentui/react-components';
import {
  Add20Regular,
  ArrowClockwise20Regular,
  ArrowDownload20Regular,
  ArrowUpload20Regular,
  DocumentArrowDown20Regular,
  DocumentArrowUp20Regular,
  MoreHorizontal20Regular,
} from '@fluentui/react-icons';
import { memo, type RefObject } from 'react';
import type { ParsedFilter } from './filter-terms';
import { useListStyles } from './list-styles';

interface ToolbarActionsProps {
  selectedName?: string;
  onRefresh: () => void;
  onNew: () => void;
  onBackup: (name: string) => void;
  onRestore: () => void;
  /** Export and import (features/transfer). */
  onExport: () => void;
  onImport: () => void;
}

/** The buttons beside the filter; memoised with stable handlers, so a keystroke in the filter skips them. */
const ToolbarActions = memo(function ToolbarActions(props: ToolbarActionsProps) {
  const { selectedName, onRefresh, onNew, onBackup, onRestore, onExport, onImport } = props;
  return (
    <>
      <Tooltip content="Refresh (F5)" relationship="label">
        <Button size="small" appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={onRefresh} />
      </Tooltip>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Tooltip content="More actions" relationship="label">
            <Button size="small" appearance="subtle" icon={<MoreHorizontal20Regular />} />
          </Tooltip>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem
              icon={<ArrowDownload20Regular />}
              disabled={!selectedName}
              onClick={() => selectedName && onBackup(selectedName)}
            >
              {selectedName
                ? `Back up ${selectedName} to a file…`
                : 'Back up to a file… (open a secret first)'}
            </MenuItem>
            <MenuItem icon={<ArrowUpload20Regular />} onClick={onRestore}>
              Restore from a backup file…
            </MenuItem>
            <MenuItem icon={<DocumentArrowDown20Regular />} onClick={onExport}>
              Export secrets…
            </MenuItem>
            <MenuItem icon={<DocumentArrowUp20Regular />} onClick={onImport}>
              Import secrets…
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      <Tooltip content="New secret (Ctrl+N)" relationship="description">
        <Button size="small" appearance="primary" icon={<Add20Regular />} onClick={onNew}>
          New secret
        </Button>
      </Tooltip>
    </>
  );
});

interface ListToolbarProps extends ToolbarActionsProps {
  query: string;
  onQuery: (query: string) => void;
  /** The query as read: its hints (terms not used) are shown under the toolbar. */
  parsed: ParsedFilter;
  filterRef: RefObject<HTMLInputElement | null>;
}

/** The list's toolbar: the filter box, refresh, backup and restore, and New secret; then the filter's hints. */
export function ListToolbar({ query, onQuery, parsed, filterRef, ...actions }: ListToolbarProps) {
  const styles = useListStyles();
  return (
    <>
      <div className={styles.toolbar}>
        <SearchBox
          className={styles.filter}
          size="small"
          placeholder="Filter: text, tag:env=prod, expires<30d, disabled… (Ctrl+F)"
          aria-label="Filter secrets"
          aria-describedby={parsed.hints.length > 0 ? 'filter-hints' : undefined}
          ref={filterRef}
          value={query}
          onChange={(_, data) => onQuery(data.value)}
        />
        <ToolbarActions {...actions} />
      </div>
      {parsed.hints.length > 0 && (
        <div id="filter-hints" className={styles.hint} role="status">
          Not used: {parsed.hints.join('; ')}
        </div>
      )}
    </>
  );
}
