import { Button, makeStyles, tokens, Tooltip } from '@fluentui/react-components';
import { Copy16Regular } from '@fluentui/react-icons';
import { kluis } from '../lib/api';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: '2px', minWidth: 0 },
  text: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    minWidth: 0,
  },
});

/** Keeps the start and the end of a long identifier, which are the parts people compare. */
export function middleTruncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = max - 1;
  const head = Math.ceil(keep / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
}

interface Props {
  text: string;
  max?: number;
  /** What the copy button copies, for its label; no button when absent. Never for secret values. */
  copyLabel?: string;
}

/** A long identifier, truncated in the middle, with the whole of it on hover and an optional copy button. */
export function MiddleTruncate({ text, max = 36, copyLabel }: Props) {
  const styles = useStyles();
  return (
    <span className={styles.root}>
      <span className={styles.text} title={text}>
        {middleTruncate(text, max)}
      </span>
      {copyLabel && (
        <Tooltip content={`Copy ${copyLabel}`} relationship="label">
          <Button
            size="small"
            appearance="subtle"
            icon={<Copy16Regular />}
            // Through main: in Electron the session denies the page's own clipboard API.
            onClick={() => void kluis().app.copyText({ text })}
          />
        </Tooltip>
      )}
    </span>
  );
}
