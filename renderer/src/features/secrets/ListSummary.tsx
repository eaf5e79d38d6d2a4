import type { ReactNode } from 'react';
import type { SecretProperties } from '../../../../electron/contract';
import { expiryLevel } from '../../lib/relative-time';
import { useListStyles } from './list-styles';

interface Props {
  items: SecretProperties[];
  shown: number;
  filtered: boolean;
  now: number;
  warningDays: number;
  children?: ReactNode;
}

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/** "1,204 secrets · 3 expiring · 1 expired" under the list. */
export function ListSummary({ items, shown, filtered, now, warningDays, children }: Props) {
  const styles = useListStyles();
  let soon = 0;
  let expired = 0;
  for (const item of items) {
    const level = expiryLevel(item, now, warningDays);
    if (level === 'soon') soon++;
    if (level === 'expired') expired++;
  }
  return (
    <div className={styles.summary}>
      <span>
        {filtered
          ? `${shown.toLocaleString()} of ${plural(items.length, 'secret')}`
          : plural(items.length, 'secret')}
      </span>
      {soon > 0 && <span>{soon} expiring</span>}
      {expired > 0 && <span>{expired} expired</span>}
      {children}
    </div>
  );
}
