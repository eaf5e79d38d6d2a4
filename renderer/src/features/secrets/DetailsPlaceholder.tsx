import { Button } from '@fluentui/react-components';
import { Add20Regular, LockClosed24Regular } from '@fluentui/react-icons';
import { useDetailsStyles } from './details-styles';

export function DetailsPlaceholder({ onNew }: { onNew: () => void }) {
  const styles = useDetailsStyles();
  return (
    <div className={styles.placeholder}>
      <LockClosed24Regular aria-hidden />
      <span>Select a secret to see its properties. Values stay hidden until you reveal them.</span>
      <Button size="small" icon={<Add20Regular />} onClick={onNew}>
        New secret
      </Button>
    </div>
  );
}
