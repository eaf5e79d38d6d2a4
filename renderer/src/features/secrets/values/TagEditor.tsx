import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { Add16Regular, Delete16Regular } from '@fluentui/react-icons';
import { canAddTag, newTagRow, tagRowProblems, type TagRow } from './tag-rows';
import { MAX_TAGS, MAX_TAG_NAME_LENGTH } from '../../../../../electron/contract/limits';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr) auto',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'start',
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  label: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, flexGrow: 1 },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

interface Props {
  rows: TagRow[];
  onChange: (rows: TagRow[]) => void;
  disabled?: boolean;
}

/** Tags as name/value rows with add and remove; the service's limits are shown and enforced. */
export function TagEditor({ rows, onChange, disabled }: Props) {
  const styles = useStyles();
  const update = (id: number, patch: Partial<TagRow>) =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const full = !canAddTag(rows);
  return (
    <fieldset className={styles.root} aria-label="Tags" style={{ border: 0, padding: 0, margin: 0 }}>
      <div className={styles.head}>
        <span className={styles.label}>Tags</span>
        <span className={styles.hint} aria-live="polite">
          {rows.length} of {MAX_TAGS}
        </span>
        <Button
          size="small"
          icon={<Add16Regular />}
          disabled={disabled || full}
          onClick={() => onChange([...rows, newTagRow()])}
        >
          Add tag
        </Button>
      </div>
      {rows.map((row, i) => {
        const problems = tagRowProblems(row, rows);
        return (
          <div className={styles.row} key={row.id}>
            <Field
              validationState={problems.name ? 'error' : 'none'}
              validationMessage={problems.name}
              size="small"
            >
              <Input
                size="small"
                aria-label={`Tag ${i + 1} name`}
                placeholder="name"
                value={row.name}
                disabled={disabled}
                maxLength={MAX_TAG_NAME_LENGTH + 1}
                onChange={(_, d) => update(row.id, { name: d.value })}
              />
            </Field>
            <Field
              validationState={problems.value ? 'error' : 'none'}
              validationMessage={problems.value}
              size="small"
            >
              <Input
                size="small"
                aria-label={`Tag ${i + 1} value`}
                placeholder="value"
                value={row.value}
                disabled={disabled}
                maxLength={MAX_TAG_NAME_LENGTH + 1}
                onChange={(_, d) => update(row.id, { value: d.value })}
              />
            </Field>
            <Button
              size="small"
              appearance="subtle"
              icon={<Delete16Regular />}
              aria-label={`Remove tag ${i + 1}`}
              disabled={disabled}
              onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
            />
          </div>
        );
      })}
      {full && <span className={styles.hint}>Key Vault allows at most {MAX_TAGS} tags.</span>}
      <span className={styles.hint}>Names and values: up to {MAX_TAG_NAME_LENGTH} characters each.</span>
    </fieldset>
  );
}
