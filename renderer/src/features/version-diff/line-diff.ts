/**
 * A line diff of two texts (Myers' O((N+M)D) algorithm), exact up to an edit budget. Lines keep their own ending
 * ('\r\n', '\n', '\r' or none for a last line without one), and two lines are equal only if their text and their
 * ending are: "a\r\n" against "a\n" is a change, as is a missing newline at the end, and the view can say which.
 */

export type LineEnding = '\r\n' | '\n' | '\r' | '';

export interface Line {
  text: string;
  eol: LineEnding;
}

export interface DiffLine extends Line {
  kind: 'equal' | 'removed' | 'added';
  /** 1-based line number in the older text (equal and removed lines). */
  oldNo?: number;
  /** 1-based line number in the newer text (equal and added lines). */
  newNo?: number;
}

export interface LineDiff {
  lines: DiffLine[];
  added: number;
  removed: number;
  /**
   * More than `maxEdits` lines differ: the differing middle (after the common start and end) is shown as removed
   * and then added as a whole, which is correct but not the shortest diff.
   */
  approximate: boolean;
}

/** The edits Myers' search explores before giving up on the shortest diff (its memory grows as the square). */
export const DEFAULT_MAX_EDITS = 1000;

/** Splits a text into lines, each with its ending; '' has no lines, 'a\n' one. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const ending = /\r\n|\n|\r/g;
  let start = 0;
  for (let m = ending.exec(text); m; m = ending.exec(text)) {
    lines.push({ text: text.slice(start, m.index), eol: m[0] as LineEnding });
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

type Step = 'equal' | 'removed' | 'added';

/**
 * The shortest edit script between two sequences of ids, or undefined beyond `maxEdits` edits. The search keeps,
 * for each edit count d, the furthest point reached on each diagonal k (x - y); the trace of those rows leads back.
 */
function myers(a: Int32Array, b: Int32Array, maxEdits: number): Step[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  const limit = Math.min(max, maxEdits);
  let found = -1;
  for (let d = 0; d <= limit && found < 0; d++) {
    // The row as it stood before this round: diagonals -d..d, which is all the way back needs.
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return undefined;

  const steps: Step[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const row = trace[d]!;
    const at = (k: number) => row[k + d]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const startX = down ? prevX : prevX + 1;
    while (x > startX) {
      steps.push('equal');
      x--;
      y--;
    }
    steps.push(down ? 'added' : 'removed');
    x = prevX;
    y = prevY;
  }
  for (; x > 0; x--) steps.push('equal');
  return steps.reverse();
}

/** The line diff from `older` to `newer`. */
export function diffLines(older: string, newer: string, maxEdits = DEFAULT_MAX_EDITS): LineDiff {
  const a = splitLines(older);
  const b = splitLines(newer);
  const key = (l: Line) => `${l.eol.length}:${l.text}`;
  // The common start and end cost nothing to find and are most of a typical change.
  let head = 0;
  while (head < a.length && head < b.length && key(a[head]!) === key(b[head]!)) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    key(a[a.length - 1 - tail]!) === key(b[b.length - 1 - tail]!)
  )
    tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);

  const ids = new Map<string, number>();
  const idOf = (l: Line) => {
    const k = key(l);
    let id = ids.get(k);
    if (id === undefined) ids.set(k, (id = ids.size));
    return id;
  };
  const steps = myers(Int32Array.from(midA, idOf), Int32Array.from(midB, idOf), maxEdits);
  const approximate = steps === undefined;
  const middle: Step[] = steps ?? [...midA.map((): Step => 'removed'), ...midB.map((): Step => 'added')];

  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  let added = 0;
  let removed = 0;
  const push = (step: Step) => {
    if (step === 'equal') {
      lines.push({ kind: 'equal', ...a[i]!, oldNo: i + 1, newNo: j + 1 });
      i++;
      j++;
    } else if (step === 'removed') {
      lines.push({ kind: 'removed', ...a[i]!, oldNo: i + 1 });
      i++;
      removed++;
    } else {
      lines.push({ kind: 'added', ...b[j]!, newNo: j + 1 });
      j++;
      added++;
    }
  };
  for (let h = 0; h < head; h++) push('equal');
  for (const step of middle) push(step);
  for (let t = 0; t < tail; t++) push('equal');
  return { lines, added, removed, approximate };
}

export type DiffRow = { kind: 'line'; line: DiffLine } | { kind: 'skipped'; count: number };

/** The diff to show: changed lines with `context` equal lines around them; longer equal runs folded. */
export function foldUnchanged(lines: DiffLine[], context = 3): DiffRow[] {
  const keep = new Uint8Array(lines.length);
  lines.forEach((line, index) => {
    if (line.kind === 'equal') return;
    for (let c = Math.max(0, index - context); c <= Math.min(lines.length - 1, index + context); c++)
      keep[c] = 1;
  });
  const rows: DiffRow[] = [];
  let skipped = 0;
  lines.forEach((line, index) => {
    if (keep[index]) {
      if (skipped) rows.push({ kind: 'skipped', count: skipped });
      skipped = 0;
      rows.push({ kind: 'line', line });
    } else skipped++;
  });
  if (skipped) rows.push({ kind: 'skipped', count: skipped });
  return rows;
}
