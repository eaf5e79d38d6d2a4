import {
  Button,
  Field,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { DocumentArrowUp16Regular, TextGrammarWand16Regular } from '@fluentui/react-icons';
import { useId, useRef, useState, type DragEvent } from 'react';
import { useValueVisible } from '../../../lib/value-visibility';
import { PRIVACY_SHORTCUT, usePrivacyMode } from '../../privacy/privacy-mode';
import { readValueFile } from './read-value-file';
import { SizeMeter } from './SizeMeter';
import { describeValue, formatSummary } from './value-format';
import { ValueGenerator } from './ValueGenerator';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  textarea: { fontFamily: tokens.fontFamilyMonospace, '& textarea': { maxHeight: '320px' } },
  concealed: { '& textarea': { WebkitTextSecurity: 'disc' } as Record<string, string> },
  dropping: { outline: `2px dashed ${tokens.colorBrandStroke1}`, outlineOffset: '2px' },
  tools: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap', alignItems: 'center' },
  format: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  invalid: { color: tokens.colorPaletteRedForeground1 },
  hiddenInput: { display: 'none' },
  masked: {
    color: tokens.colorNeutralForeground3,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
  },
});

interface Props {
  value: string;
  onChange: (value: string) => void;
  contentType?: string;
  label?: string;
  /** Shows dots while typing (the create form's switch). */
  concealed?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
}

/**
 * A multi-line value editor: monospace, a size meter against the service's limit, what the value looks like (JSON,
 * PEM, base64), loading from a dropped or picked file, and the generators.
 */
export function ValueEditor({
  value,
  onChange,
  contentType,
  label = 'Value',
  concealed,
  disabled,
  autoFocus,
}: Props) {
  const styles = useStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileProblem, setFileProblem] = useState<string>();
  const [dropping, setDropping] = useState(false);
  const formatId = useId();
  const format = describeValue(value, contentType);
  const summary = formatSummary(format);
  const privacyMode = usePrivacyMode();
  useValueVisible(!privacyMode && !concealed && value !== '');

  const load = async (file: File | undefined) => {
    if (!file) return;
    const result = await readValueFile(file);
    if (result.ok) {
      setFileProblem(undefined);
      onChange(result.text);
    } else setFileProblem(result.message);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDropping(false);
    if (!disabled) void load(event.dataTransfer.files[0]);
  };

  if (privacyMode) {
    // Masked, not closed: the value stays in the form's state, so nothing typed is lost, but none of it (not its
    // format either) is in the page while the screen may be shared.
    return (
      <div className={styles.root}>
        <Field label={label}>
          <div className={styles.masked} role="note" data-testid="value-masked">
            The value is hidden while privacy mode is on; {PRIVACY_SHORTCUT} shows it again.
          </div>
        </Field>
      </div>
    );
  }

  return (
    <div className={styles.root}>
      <Field label={label}>
        <Textarea
          value={value}
          resize="vertical"
          rows={6}
          spellCheck={false}
          disabled={disabled}
          autoFocus={autoFocus}
          aria-describedby={summary ? formatId : undefined}
          className={mergeClasses(
            styles.textarea,
            concealed && styles.concealed,
            dropping && styles.dropping,
          )}
          onChange={(_, d) => onChange(d.value)}
          onDragOver={(e) => {
            if (e.dataTransfer.types.includes('Files')) {
              e.preventDefault();
              setDropping(true);
            }
          }}
          onDragLeave={() => setDropping(false)}
          onDrop={onDrop}
        />
      </Field>
      <SizeMeter value={value} />
      {summary && (
        <span
          id={formatId}
          className={mergeClasses(styles.format, format.kind === 'json-invalid' && styles.invalid)}
          data-testid="value-format"
        >
          {summary}
        </span>
      )}
      <div className={styles.tools}>
        <ValueGenerator onGenerate={onChange} disabled={disabled} />
        <Button
          size="small"
          icon={<DocumentArrowUp16Regular />}
          disabled={disabled}
          onClick={() => fileInput.current?.click()}
        >
          Load file…
        </Button>
        <input
          ref={fileInput}
          type="file"
          className={styles.hiddenInput}
          aria-label="Load the value from a file"
          onChange={(e) => {
            void load(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        {format.kind === 'json' && format.pretty !== value && (
          <Button
            size="small"
            icon={<TextGrammarWand16Regular />}
            disabled={disabled}
            onClick={() => onChange(format.pretty)}
          >
            Format JSON
          </Button>
        )}
        <span className={styles.format}>or drop a file on the editor</span>
      </div>
      {fileProblem && (
        <MessageBar intent="warning">
          <MessageBarBody>{fileProblem}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
