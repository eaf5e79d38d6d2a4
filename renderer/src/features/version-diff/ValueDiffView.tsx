import {
  Button,
  makeStyles,
  mergeClasses,
  shorthands,
  Tab,
  TabList,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { diffJson, type PathChange } from './json-diff';
import { diffLines, foldUnchanged, type DiffLine, type LineEnding } from './line-diff';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  summary: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  table: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    ...shorthands.borderRadius(tokens.borderRadiusMedium),
    maxHeight: '320px',
    overflow: 'auto',
    margin: 0,
    ...shorthands.padding(tokens.spacingVerticalXS, 0),
  },
  row: {
    display: 'grid',
    gridTemplateColumns: '5ch 5ch 2ch minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalXS,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    ...shorthands.padding(0, tokens.spacingHorizontalS),
  },
  no: { color: tokens.colorNeutralForeground4, textAlign: 'right', userSelect: 'none' },
  sign: { userSelect: 'none', fontWeight: tokens.fontWeightSemibold },
  added: {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    color: tokens.colorPaletteGreenForeground1,
  },
  removed: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground1,
  },
  skipped: { color: tokens.colorNeutralForeground3, fontStyle: 'italic', ...shorthands.padding(0, '12ch') },
  eol: {
    color: tokens.colorNeutralForeground3,
    fontStyle: 'italic',
    marginLeft: tokens.spacingHorizontalS,
    userSelect: 'none',
  },
  paths: { display: 'flex', flexDirection: 'column', gap: '2px', listStyle: 'none', margin: 0, padding: 0 },
  path: {
    display: 'grid',
    gridTemplateColumns: '9ch minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    ...shorthands.padding('2px', tokens.spacingHorizontalS),
    ...shorthands.borderRadius(tokens.borderRadiusSmall),
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
  },
  changed: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    color: tokens.colorNeutralForeground1,
  },
});

const ENDING_WORDS: Record<LineEnding, string> = {
  '\r\n': 'CRLF',
  '\n': 'LF',
  '\r': 'CR',
  '': 'no newline at end',
};

/** Whether some line only changed its ending: then every changed line says its ending, so the change is seen. */
function endingsMatter(lines: DiffLine[]): boolean {
  const removed = new Set(lines.filter((l) => l.kind === 'removed').map((l) => l.text));
  return lines.some((l) => l.kind === 'added' && removed.has(l.text));
}

function LinesTable({ lines, label }: { lines: DiffLine[]; label: string }) {
  const styles = useStyles();
  const [unfolded, setUnfolded] = useState(false);
  const rows = useMemo(
    () => (unfolded ? lines.map((line) => ({ kind: 'line' as const, line })) : foldUnchanged(lines)),
    [lines, unfolded],
  );
  const showEndings = useMemo(() => endingsMatter(lines), [lines]);
  const folded = rows.some((r) => r.kind === 'skipped');
  return (
    <>
      <div className={styles.table} role="table" aria-label={label} data-testid="line-diff">
        {rows.map((row, i) =>
          row.kind === 'skipped' ? (
            <div key={i} className={styles.skipped} role="row">
              <span role="cell">
                {row.count.toLocaleString()} unchanged line{row.count === 1 ? '' : 's'}
              </span>
            </div>
          ) : (
            <div
              key={i}
              role="row"
              data-kind={row.line.kind}
              className={mergeClasses(
                styles.row,
                row.line.kind === 'added' && styles.added,
                row.line.kind === 'removed' && styles.removed,
              )}
            >
              <span role="cell" className={styles.no}>
                {row.line.oldNo ?? ''}
              </span>
              <span role="cell" className={styles.no}>
                {row.line.newNo ?? ''}
              </span>
              <span role="cell" className={styles.sign} aria-label={row.line.kind}>
                {row.line.kind === 'added' ? '+' : row.line.kind === 'removed' ? '−' : ' '}
              </span>
              <span role="cell">
                {row.line.text}
                {showEndings && row.line.kind !== 'equal' && (
                  <span className={styles.eol}>[{ENDING_WORDS[row.line.eol]}]</span>
                )}
              </span>
            </div>
          ),
        )}
      </div>
      {(folded || unfolded) && (
        <Button size="small" appearance="subtle" onClick={() => setUnfolded((u) => !u)}>
          {unfolded ? 'Fold unchanged lines' : 'Show unchanged lines'}
        </Button>
      )}
    </>
  );
}

const PATH_WORDS: Record<PathChange['kind'], string> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
};

function PathList({ changes }: { changes: PathChange[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.paths} aria-label="Changed JSON paths" data-testid="json-paths">
      {changes.map((c) => (
        <li
          key={`${c.kind}:${c.path}`}
          data-kind={c.kind}
          className={mergeClasses(
            styles.path,
            c.kind === 'added' && styles.added,
            c.kind === 'removed' && styles.removed,
            c.kind === 'changed' && styles.changed,
          )}
        >
          <span>{PATH_WORDS[c.kind]}</span>
          <span>
            {c.path}
            {c.kind === 'changed' && `: ${c.before} → ${c.after}`}
            {c.kind === 'added' && `: ${c.after}`}
            {c.kind === 'removed' && `: ${c.before}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

type View = 'paths' | 'normalised' | 'lines';

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/** The diff of two revealed values: JSON by paths and normalised text when both are JSON, else by lines. */
export function ValueDiffView({ older, newer }: { older: string; newer: string }) {
  const styles = useStyles();
  const json = useMemo(() => diffJson(older, newer), [older, newer]);
  const lines = useMemo(() => diffLines(older, newer), [older, newer]);
  const normalised = useMemo(() => json && diffLines(json.olderText, json.newerText), [json]);
  const [view, setView] = useState<View>('paths');
  const shown: View = json ? view : 'lines';
  const looksJson = /^\s*[[{]/.test(older) || /^\s*[[{]/.test(newer);

  const counted = shown === 'normalised' && normalised ? normalised : lines;
  const summary =
    older === newer
      ? 'The values are identical.'
      : shown === 'paths' && json
        ? json.changes.length === 0
          ? 'The same JSON: only key order, spacing or number spelling differ.'
          : `${plural(json.changes.length, 'JSON path')} ${json.changes.length === 1 ? 'differs' : 'differ'}.`
        : `${plural(counted.removed, 'line')} removed, ${counted.added} added.`;

  return (
    <div className={styles.root} data-testid="value-diff">
      {json && (
        <TabList
          size="small"
          selectedValue={shown}
          onTabSelect={(_, d) => setView(d.value as View)}
          aria-label="Diff view"
        >
          <Tab value="paths">JSON paths</Tab>
          <Tab value="normalised">Normalised JSON</Tab>
          <Tab value="lines">Lines</Tab>
        </TabList>
      )}
      <span className={styles.summary} role="status" data-testid="diff-summary">
        {summary}
      </span>
      {!json && looksJson && (
        <span className={styles.summary}>Not valid JSON on both sides, so compared line by line.</span>
      )}
      {lines.approximate && shown === 'lines' && (
        <span className={styles.summary}>
          Too many lines differ for the shortest diff: the differing part is shown removed, then added.
        </span>
      )}
      {shown === 'paths' && json && json.changes.length > 0 && <PathList changes={json.changes} />}
      {shown === 'normalised' && normalised && (
        <LinesTable lines={normalised.lines} label="Normalised JSON diff" />
      )}
      {shown === 'lines' && older !== newer && <LinesTable lines={lines.lines} label="Line diff" />}
    </div>
  );
}
