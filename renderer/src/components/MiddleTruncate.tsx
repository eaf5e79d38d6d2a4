import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap' },
});

/** Keeps the start and the end of a long identifier, which are the parts people compare. */
export function middleTruncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = max - 1;
  const head = Math.ceil(keep / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
}

export function MiddleTruncate({ text, max = 44 }: { text: string; max?: number }) {
  const styles = useStyles();
  return (
    <span className={styles.root} title={text}>
      {middleTruncate(text, max)}
    </span>
  );
}
