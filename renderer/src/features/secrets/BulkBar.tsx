import { Button, Toolbar, ToolbarButton, Tooltip } from '@fluentui/react-components';
import {
  ArrowUndo20Regular,
  CalendarAdd20Regular,
  CalendarEdit20Regular,
  CheckmarkCircle20Regular,
  Delete20Regular,
  DeleteDismiss20Regular,
  Dismiss20Regular,
  DocumentEdit20Regular,
  ErrorCircle20Regular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import type { BulkAction } from '../../../../electron/contract';
import { plural } from '../bulk/bulk-words';
import { useListStyles } from './list-styles';

interface Props {
  count: number;
  actions: BulkAction[];
  onAction: (action: BulkAction) => void;
  onClear: () => void;
}

export const BULK_ICONS: Record<BulkAction, ReactElement> = {
  enable: <CheckmarkCircle20Regular />,
  disable: <ErrorCircle20Regular />,
  delete: <Delete20Regular />,
  recover: <ArrowUndo20Regular />,
  purge: <DeleteDismiss20Regular />,
  'set-expiry': <CalendarEdit20Regular />,
  'extend-expiry': <CalendarAdd20Regular />,
  'set-content-type': <DocumentEdit20Regular />,
};
export const BULK_LABELS: Record<BulkAction, string> = {
  enable: 'Enable',
  disable: 'Disable',
  delete: 'Delete (Del)',
  recover: 'Recover',
  purge: 'Purge',
  'set-expiry': 'Set expiry…',
  'extend-expiry': 'Extend expiry…',
  'set-content-type': 'Set content type…',
};

/** Shown while rows are checked: what can be done to all of them at once. */
export function BulkBar({ count, actions, onAction, onClear }: Props) {
  const styles = useListStyles();
  return (
    <div className={styles.bulkBar}>
      <span role="status" className={styles.bulkCount}>
        {plural(count, 'secret')} selected
      </span>
      <Toolbar size="small" aria-label="Selected secrets">
        {actions.map((action) => (
          <ToolbarButton key={action} icon={BULK_ICONS[action]} onClick={() => onAction(action)}>
            {BULK_LABELS[action]}
          </ToolbarButton>
        ))}
      </Toolbar>
      <Tooltip content="Clear the selection" relationship="label">
        <Button size="small" appearance="subtle" icon={<Dismiss20Regular />} onClick={onClear} />
      </Tooltip>
    </div>
  );
}
