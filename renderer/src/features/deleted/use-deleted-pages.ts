import { useCallback } from 'react';
import type { DeletedSecretInfo } from '../../../../electron/contract';
import { kluis } from '../../lib/api';
import { usePagedList } from '../../lib/use-paged-list';

const deletedKey = (info: DeletedSecretInfo) => info.properties.name.toLowerCase();

/** The vault's deleted (recoverable) secrets, page by page. */
export function useDeletedPages(vaultId: string) {
  const loadPage = useCallback(
    (continuationToken: string | undefined) => kluis().deleted.listPage({ vaultId, continuationToken }),
    [vaultId],
  );
  const list = usePagedList(loadPage, deletedKey);
  const { remove } = list;
  const removeByName = useCallback((name: string) => remove(name.toLowerCase()), [remove]);
  return { ...list, remove: removeByName };
}
