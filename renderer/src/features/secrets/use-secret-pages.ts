import { useCallback } from 'react';
import type { SecretProperties } from '../../../../electron/contract';
import { kluis } from '../../lib/api';
import { usePagedList, type PagedListState } from '../../lib/use-paged-list';

export type SecretPagesState = PagedListState<SecretProperties>;

/** Names are case-insensitive in Key Vault. */
export const secretKey = (secret: SecretProperties) => secret.name.toLowerCase();

/** The vault's secrets, fetched page by page; each page shows as soon as it arrives. */
export function useSecretPages(vaultId: string) {
  const loadPage = useCallback(
    (continuationToken: string | undefined) => kluis().secrets.listPage({ vaultId, continuationToken }),
    [vaultId],
  );
  const list = usePagedList(loadPage, secretKey);
  const { remove } = list;
  const removeByName = useCallback((name: string) => remove(name.toLowerCase()), [remove]);
  return { ...list, remove: removeByName };
}
