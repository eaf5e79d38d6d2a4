import { useMemo, useState } from 'react';
import type { SecretProperties } from '../../../../electron/contract';
import { applyGesture, EMPTY_SELECTION, keepShown, selectAll, type Selection } from './selection-model';

const namesOf = (secrets: readonly SecretProperties[]) => secrets.map((s) => s.name);

/**
 * Which rows are checked for a bulk action (selection-model.ts has the rules). `checked` is the selection as far
 * as it is shown: a row the filter hides is not acted on. The names in the order shown are only worked out with
 * something checked or for a gesture, not per keystroke.
 */
export function useListSelection(initial: Selection, shown: readonly SecretProperties[]) {
  const [selection, setSelection] = useState<Selection>(initial);
  const checked = useMemo(
    () => (selection.names.size === 0 ? selection : keepShown(selection, namesOf(shown))),
    [selection, shown],
  );
  /** A click with Ctrl (toggle) or Shift (range), or Space on a row. */
  const check = (name: string, gesture: 'toggle' | 'range') => {
    const order = namesOf(shown);
    setSelection((s) => applyGesture(keepShown(s, order), order, name, gesture));
  };
  const checkAll = (rows: readonly SecretProperties[] = shown) => setSelection(selectAll(namesOf(rows)));
  const clear = () => setSelection(EMPTY_SELECTION);
  return { selection, checked, check, checkAll, clear };
}
