import type { SortKey } from './sort-secrets';

/** The list's columns after the checkbox, in order; each sorts by its key. */
export const LIST_COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'name', label: 'Name' },
  { key: 'contentType', label: 'Content type' },
  { key: 'enabled', label: 'Enabled' },
  { key: 'notBefore', label: 'Activation' },
  { key: 'expiresOn', label: 'Expires' },
  { key: 'updatedOn', label: 'Updated' },
  { key: 'tags', label: 'Tags' },
];
