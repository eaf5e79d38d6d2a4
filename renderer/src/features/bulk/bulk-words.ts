import type { BulkAction } from '../../../../electron/contract';

/** What each bulk action is called in buttons, titles and progress lines. */
export const BULK_WORDS: Record<BulkAction, { verb: string; doing: string; done: string }> = {
  delete: { verb: 'Delete', doing: 'Deleting', done: 'deleted' },
  recover: { verb: 'Recover', doing: 'Recovering', done: 'recovered' },
  purge: { verb: 'Purge', doing: 'Purging', done: 'purged' },
  enable: { verb: 'Enable', doing: 'Enabling', done: 'enabled' },
  disable: { verb: 'Disable', doing: 'Disabling', done: 'disabled' },
  'set-expiry': { verb: 'Set the expiry of', doing: 'Setting the expiry of', done: 'expiry set' },
  'extend-expiry': {
    verb: 'Extend the expiry of',
    doing: 'Extending the expiry of',
    done: 'expiry extended',
  },
  'set-content-type': {
    verb: 'Set the content type of',
    doing: 'Setting the content type of',
    done: 'content type set',
  },
};

export const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/** Purge cannot be undone: the user types the count or "purge" to confirm it. */
export const purgeConfirmed = (typed: string, count: number) => {
  const t = typed.trim().toLowerCase();
  return t === 'purge' || t === String(count);
};
