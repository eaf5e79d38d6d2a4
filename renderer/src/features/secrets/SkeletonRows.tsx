import { useListStyles } from './list-styles';

/** Placeholder rows while the first page of a listing (or the next one) loads. */
export function SkeletonRows() {
  const styles = useListStyles();
  return (
    <div role="progressbar" aria-busy aria-label="Loading secrets" className={styles.skeleton}>
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className={styles.row}>
          {Array.from({ length: 5 }, (_, j) => (
            <div key={j} className={styles.skeletonBar} />
          ))}
        </div>
      ))}
    </div>
  );
}
