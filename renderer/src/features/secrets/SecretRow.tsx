import { mergeClasses } from '@fluentui/react-components';
import { CheckmarkCircle16Regular, ErrorCircle16Regular, Warning16Regular } from '@fluentui/react-icons';
import type { CSSProperties, KeyboardEvent } from 'react';
import type { SecretProperties } from '../../../../electron/contract';
import { expiryLevel, formatExact, formatExpiry, formatRelative } from '../../lib/relative-time';
import { useListStyles } from './list-styles';

interface Props {
  secret: SecretProperties;
  index: number;
  selected: boolean;
  tabbable: boolean;
  now: number;
  warningDays: number;
  style: CSSProperties;
  onOpen: (secret: SecretProperties) => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>, index: number) => void;
}

export function SecretRow(props: Props) {
  const { secret, index, selected, now } = props;
  const styles = useListStyles();
  const level = expiryLevel(secret, now, props.warningDays);
  const expiryClass =
    level === 'expired' || level === 'not-yet-active'
      ? styles.danger
      : level === 'soon'
        ? styles.warning
        : undefined;
  const expiryText = level === 'not-yet-active' ? 'not active' : formatExpiry(secret.expiresOn, now);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-index={index}
      data-secret-name={secret.name}
      tabIndex={props.tabbable ? 0 : -1}
      className={mergeClasses(styles.row, styles.item, selected && styles.selected)}
      style={props.style}
      onClick={() => props.onOpen(secret)}
      onKeyDown={(event) => props.onKeyDown(event, index)}
    >
      <span role="gridcell" className={mergeClasses(styles.cell, styles.name)}>
        {secret.name}
      </span>
      <span role="gridcell" className={mergeClasses(styles.cell, styles.muted)}>
        {secret.contentType || '—'}
      </span>
      <span role="gridcell" className={styles.cell}>
        {secret.enabled === false ? (
          <span className={mergeClasses(styles.withIcon, styles.muted)}>
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
        className={mergeClasses(styles.cell, expiryClass)}
        title={secret.expiresOn ? `Expires ${formatExact(secret.expiresOn)}` : 'No expiry date'}
      >
        <span className={styles.withIcon}>
          {expiryClass && <Warning16Regular aria-hidden />}
          {expiryText}
        </span>
      </span>
      <span
        role="gridcell"
        className={mergeClasses(styles.cell, styles.muted)}
        title={secret.updatedOn ? formatExact(secret.updatedOn) : undefined}
      >
        {secret.updatedOn ? formatRelative(secret.updatedOn, now) : '—'}
      </span>
    </div>
  );
}
