import { Input, makeStyles, shorthands, Spinner, tokens } from '@fluentui/react-components';
import { Search20Regular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { VaultConfig } from '../../../../electron/contract';
import { DEFAULT_STALE_DAYS } from '../../../../electron/contract/secret-classes';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useNow } from '../../lib/use-now';
import { CrossVaultList } from '../dashboard/CrossVaultList';
import { usePropertyIndex } from '../dashboard/index-store';
import { useListStyles } from '../secrets/list-styles';
import {
  CrossVaultIndex,
  parseCrossVaultQuery,
  sortAcrossVaults,
  type CrossVaultSort,
} from './cross-vault-filter';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 },
  box: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    ...shorthands.padding(tokens.spacingVerticalM, tokens.spacingHorizontalM, tokens.spacingVerticalS),
  },
  input: { flexGrow: 1 },
  status: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  errors: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    ...shorthands.padding(0, tokens.spacingHorizontalM, tokens.spacingVerticalS),
  },
});

interface Props {
  vaults: readonly VaultConfig[];
  warningDays: number;
  onOpen: (vaultId: string, name: string) => void;
}

/**
 * One search box over the names, tags and content types of every secret in every connected vault, with the list's
 * filter terms and vault:NAME. The same property index as the dashboard; hits appear as vaults answer.
 */
export default function SearchView({ vaults, warningDays, onOpen }: Props) {
  const styles = useStyles();
  const list = useListStyles();
  const index = usePropertyIndex(vaults);
  const now = useNow();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<CrossVaultSort>({ key: 'name', direction: 'ascending' });
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);

  const filterIndex = useMemo(() => new CrossVaultIndex(index.items), [index.items]);
  const parsed = useMemo(() => parseCrossVaultQuery(query), [query]);
  const hits = useMemo(
    () => (query.trim() ? sortAcrossVaults(filterIndex.filter(parsed, now), sort) : []),
    [filterIndex, parsed, now, sort, query],
  );
  const failed = index.vaults.filter((v) => v.error);
  const answered = index.vaults.filter((v) => v.done).length;

  return (
    <section className={styles.root} aria-label="Search all vaults">
      <div className={styles.box}>
        <Input
          ref={inputRef}
          className={styles.input}
          type="search"
          size="large"
          aria-label="Search all vaults"
          contentBefore={<Search20Regular />}
          placeholder="Names, tags, content types; tag:env=prod, expires<30d, vault:NAME"
          value={query}
          onChange={(_, d) => setQuery(d.value)}
          onKeyDown={(event) => {
            // Down from the box goes to the first hit.
            if (event.key === 'ArrowDown' && hits.length > 0) {
              event.preventDefault();
              document.querySelector<HTMLElement>('[aria-label^="Search results"] [data-index="0"]')?.focus();
            }
          }}
        />
        {!index.complete && <Spinner size="tiny" aria-label="Listing vaults" />}
      </div>
      <div className={list.banner}>
        <span className={styles.status} role="status" aria-live="polite">
          {query.trim()
            ? `${hits.length} ${hits.length === 1 ? 'hit' : 'hits'} in ${index.items.length} secrets`
            : `${index.items.length} secrets in ${answered} of ${vaults.length} vaults`}
          {!index.complete && ' (still listing)'}
        </span>
      </div>
      {failed.length > 0 && (
        <div className={styles.errors}>
          {failed.map((v) => (
            <ErrorBanner
              key={v.vaultId}
              error={{ ...v.error!, message: `${v.vaultName}: ${v.error!.message}` }}
            />
          ))}
        </div>
      )}
      {parsed.filter.hints.length > 0 && (
        <div className={list.hint}>Not used: {parsed.filter.hints.join('; ')}</div>
      )}
      <CrossVaultList
        label={`Search results: ${hits.length}`}
        items={hits}
        sort={sort}
        onSort={(key) =>
          setSort((s) =>
            s.key === key
              ? { key, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
              : { key, direction: 'ascending' },
          )
        }
        classify={{ now, warningDays, staleDays: DEFAULT_STALE_DAYS }}
        onOpen={(s) => onOpen(s.vaultId, s.name)}
      />
    </section>
  );
}
