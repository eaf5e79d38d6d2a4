import { makeStyles, shorthands, tokens } from '@fluentui/react-components';
import { describeValue, formatSummary } from './value-format';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, flexGrow: 1 },
  value: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase300,
    backgroundColor: tokens.colorNeutralBackground3,
    ...shorthands.borderRadius(tokens.borderRadiusMedium),
    ...shorthands.padding(tokens.spacingVerticalXS, tokens.spacingHorizontalS),
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    maxHeight: '240px',
    overflowY: 'auto',
    margin: 0,
  },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  invalid: { color: tokens.colorPaletteRedForeground1 },
});

/** A revealed value, shown by its content type: JSON pretty-printed, plus what PEM or base64 holds. */
export function ValueDisplay({
  value,
  contentType,
  label,
  testId = 'secret-value',
}: {
  value: string;
  contentType?: string;
  label: string;
  testId?: string;
}) {
  const styles = useStyles();
  const format = describeValue(value, contentType);
  const summary = formatSummary(format);
  return (
    <div className={styles.root}>
      <pre className={styles.value} aria-label={label} data-testid={testId} data-format={format.kind}>
        {format.kind === 'json' ? format.pretty : value}
      </pre>
      {summary && (
        <span
          className={format.kind === 'json-invalid' ? styles.invalid : styles.hint}
          data-testid="value-format"
        >
          {summary}
        </span>
      )}
    </div>
  );
}
