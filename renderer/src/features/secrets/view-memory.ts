import { EMPTY_SELECTION, type Selection } from './selection-model';
import type { SortOrder } from './sort-secrets';

/** What the list of one vault looked like, kept for this session so switching vaults and back restores it. */
export interface ListView {
  query: string;
  sort: SortOrder;
  selection: Selection;
  scrollTop: number;
  /** The secret open in the details pane. */
  openName?: string;
}

const views = new Map<string, ListView>();

export const DEFAULT_VIEW: ListView = {
  query: '',
  sort: { key: 'name', direction: 'ascending' },
  selection: EMPTY_SELECTION,
  scrollTop: 0,
};

export const rememberedView = (vaultId: string): ListView => views.get(vaultId) ?? DEFAULT_VIEW;

export function rememberView(vaultId: string, view: Partial<ListView>): void {
  views.set(vaultId, { ...rememberedView(vaultId), ...view });
}
