import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { Copy16Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { kluis } from '../../lib/api';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  code: {
    flexGrow: 1,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    wordBreak: 'break-all',
    userSelect: 'all',
    margin: 0,
    paddingTop: '2px',
  },
});

/** A fix command to run (az …), with Copy through main's clipboard (app.copyText). */
export function CopyCommand({ command }: { command: string }) {
  const styles = useStyles();
  const [copied, setCopied] = useState<boolean>();
  const copy = async () => {
    const result = await kluis().app.copyText({ text: command });
    setCopied(result.ok);
  };
  return (
    <div className={styles.row}>
      <code className={styles.code} data-testid="fix-command">
        {command}
      </code>
      <Button
        size="small"
        icon={<Copy16Regular />}
        onClick={() => void copy()}
        aria-label={`Copy the command: ${command}`}
      >
        {copied === undefined ? 'Copy' : copied ? 'Copied' : 'Not copied'}
      </Button>
    </div>
  );
}
