import { useMemo, type ReactNode } from 'react';
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

/**
 * "1,204 secrets · 3 expiring · 1 expired" under the list. The counts go over every secret, so they are only
 * counted again when the secrets, the time or the warning days change, not on every keystroke in the filter.
 */
export function ListSummary({ items, shown, filtered, now, warningDays, children }: Props) {
  const styles = useListStyles();
  const { soon, expired } = useMemo(() => {
    let soon = 0;
    let expired = 0;
    for (const item of items) {
      // Only secrets with an expiry date can count; expiryLevel decides the rest (not yet active first).
      if (item.expiresOn === undefined) continue;
      const level = expiryLevel(item, now, warningDays);
      if (level === 'soon') soon++;
      else if (level === 'expired') expired++;
    }
    return { soon, expired };
  }, [items, now, warningDays]);
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
