import { z } from 'zod';
import type { KluisError } from './errors';
import { VaultId, type SecretProperties } from './models';

/**
 * index.build: the renderer names the build (a fresh uuid) so it can hear its pages from the first one on, and may
 * limit it to some vaults (default: every connected vault).
 */
export const IndexBuildInput = z
  .object({
    buildId: z.string().uuid(),
    vaultIds: z.array(VaultId).max(500).optional(),
    /**
     * List every vault anew (the user asked to refresh): pages the secrets list read recently are not reused, as
     * other clients may have changed the vault since.
     */
    fresh: z.boolean().optional(),
  })
  .strict();

/** Payload of 'index.page': one page of one vault's properties (never a value), as it arrived. */
export interface IndexPage {
  buildId: string;
  vaultId: string;
  items: SecretProperties[];
  /** The vault's last page: its listing is complete (or failed, with `error`). */
  done: boolean;
  /** The vault could not be listed: the user-facing message (e.g. the permission to ask for). */
  error?: KluisError;
}
