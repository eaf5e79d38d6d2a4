/** Which secrets are checked for a bulk action, and where a Shift range starts. Names, never values. */
export interface Selection {
  names: ReadonlySet<string>;
  anchor?: string;
}

export const EMPTY_SELECTION: Selection = { names: new Set() };

export type SelectGesture = 'toggle' | 'range' | 'only';

/**
 * Applies a click or key to the selection, over the rows in the order shown:
 * toggle (Ctrl+click, the checkbox, Space) flips one row and moves the anchor there;
 * range (Shift+click) selects from the anchor to the row, keeping what was selected outside it;
 * only selects just that row.
 */
export function applyGesture(
  selection: Selection,
  order: readonly string[],
  name: string,
  gesture: SelectGesture,
): Selection {
  if (gesture === 'only') return { names: new Set([name]), anchor: name };
  if (gesture === 'toggle') {
    const names = new Set(selection.names);
    if (names.has(name)) names.delete(name);
    else names.add(name);
    return { names, anchor: name };
  }
  const from = selection.anchor === undefined ? -1 : order.indexOf(selection.anchor);
  const to = order.indexOf(name);
  if (from < 0 || to < 0) return { names: new Set([...selection.names, name]), anchor: name };
  const names = new Set(selection.names);
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) names.add(order[i] as string);
  return { names, anchor: selection.anchor };
}

export function selectAll(order: readonly string[]): Selection {
  return { names: new Set(order), anchor: order[0] };
}

/**
 * Drops names no longer shown (deleted, filtered out), so a bulk action only touches visible rows. One pass over
 * the shown rows and nothing else: with nothing selected it returns at once, whatever the number of rows.
 */
export function keepShown(selection: Selection, order: readonly string[]): Selection {
  if (selection.names.size === 0) return selection;
  const present = new Set<string>();
  let anchorShown = false;
  for (const name of order) {
    if (selection.names.has(name)) present.add(name);
    if (name === selection.anchor) anchorShown = true;
  }
  if (present.size === selection.names.size) return selection;
  return {
    names: new Set([...selection.names].filter((n) => present.has(n))),
    ...(selection.anchor && anchorShown ? { anchor: selection.anchor } : {}),
  };
}
