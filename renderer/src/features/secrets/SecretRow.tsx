import { Checkbox, mergeClasses } from '@fluentui/react-components';
import {
  CheckmarkCircle16Regular,
  Clock16Regular,
  ErrorCircle16Regular,
  Warning16Regular,
} from '@fluentui/react-icons';
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { SecretProperties } from '../../../../electron/contract';
import { expiryLevel, formatExact, formatExpiry, formatRelative } from '../../lib/relative-time';
import { useListStyles } from './list-styles';

interface Props {
  secret: SecretProperties;
  index: number;
  /** Open in the details pane. */
  selected: boolean;
  /** Checked for a bulk action. */
  checked: boolean;
  tabbable: boolean;
  now: number;
  warningDays: number;
  /** Where the virtual list puts the row. */
  top: number;
  height: number;
  /** The handlers are the same functions from render to render, so rows whose data is unchanged skip render. */
  onClick: (event: MouseEvent<HTMLDivElement>, secret: SecretProperties, index: number) => void;
  onCheck: (secret: SecretProperties) => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>, index: number) => void;
}

const tagsText = (tags: Record<string, string>) =>
  Object.entries(tags)
    .map(([k, v]) => (v ? `${k}=${v}` : k))
    .join(', ');

/**
 * One secret: red for expired or not yet active, orange when it expires within the warning days, grey when
 * disabled; always with an icon and a word as well, never colour alone. Memoised: typing in the filter or
 * checking a row re-renders only the rows whose props changed.
 */
export const SecretRow = memo(function SecretRow(props: Props) {
  const { secret, index, selected, now } = props;
  const styles = useListStyles();
  const level = expiryLevel(secret, now, props.warningDays);
  const expiryClass = level === 'expired' ? styles.danger : level === 'soon' ? styles.warning : undefined;
  const disabled = secret.enabled === false;
  const notActive = level === 'not-yet-active';
  const tags = tagsText(secret.tags ?? {});
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={props.checked}
      aria-current={selected ? 'true' : undefined}
      data-index={index}
      data-secret-name={secret.name}
      tabIndex={props.tabbable ? 0 : -1}
      className={mergeClasses(
        styles.row,
        styles.item,
        props.checked && styles.checked,
        selected && styles.selected,
        disabled && styles.disabledRow,
      )}
      style={{ top: props.top, height: props.height }}
      onClick={(event) => props.onClick(event, secret, index)}
      onKeyDown={(event) => props.onKeyDown(event, index)}
    >
      <span role="gridcell" className={styles.checkCell} onClick={(e) => e.stopPropagation()}>
        <Checkbox
          tabIndex={-1}
          aria-label={`Select ${secret.name}`}
          checked={props.checked}
          onChange={() => props.onCheck(secret)}
        />
      </span>
      <span role="gridcell" className={mergeClasses(styles.cell, styles.name)}>
        {secret.name}
      </span>
      <span role="gridcell" className={mergeClasses(styles.cell, !disabled && styles.muted)}>
        {secret.contentType || '—'}
      </span>
      <span role="gridcell" className={styles.cell}>
        {disabled ? (
          <span className={styles.withIcon}>
            <ErrorCircle16Regular aria-hidden /> No
          </span>
        ) : (
          <span className={styles.withIcon}>
            <CheckmarkCircle16Regular aria-hidden /> Yes
          </span>
        )}
      </span>
      <span
        role="gridcell"
        className={mergeClasses(styles.cell, notActive ? styles.danger : !disabled && styles.muted)}
        title={secret.notBefore ? `Active from ${formatExact(secret.notBefore)}` : 'Active at once'}
      >
        <span className={styles.withIcon}>
          {notActive && <Clock16Regular aria-hidden />}
          {secret.notBefore === undefined
            ? '—'
            : notActive
              ? `not yet (${formatRelative(secret.notBefore, now)})`
              : formatRelative(secret.notBefore, now)}
        </span>
      </span>
      <span
        role="gridcell"
        className={mergeClasses(styles.cell, expiryClass)}
        title={secret.expiresOn ? `Expires ${formatExact(secret.expiresOn)}` : 'No expiry date'}
      >
        <span className={styles.withIcon}>
          {expiryClass && <Warning16Regular aria-hidden />}
          {formatExpiry(secret.expiresOn, now)}
        </span>
      </span>
      <span
        role="gridcell"
        className={mergeClasses(styles.cell, !disabled && styles.muted)}
        title={secret.updatedOn ? formatExact(secret.updatedOn) : undefined}
      >
        {secret.updatedOn ? formatRelative(secret.updatedOn, now) : '—'}
      </span>
      <span role="gridcell" className={mergeClasses(styles.cell, !disabled && styles.muted)} title={tags}>
        {tags || '—'}
      </span>
    </div>
  );
});
