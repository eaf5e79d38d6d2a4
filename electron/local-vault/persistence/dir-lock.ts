import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LocalVaultStoreError } from '../errors';

const LOCK = 'lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per data directory: two writers appending to the same log would interleave records.
 * The lock file holds the owner's pid; a lock left by a killed process (pid gone) is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
        throw new LocalVaultStoreError(`the vault data directory ${dir} is in use by process ${owner}`);
      }
      if (owner === process.pid) {
        throw new LocalVaultStoreError(`the vault data directory ${dir} is already open in this process`);
      }
      unlinkSync(path);
    }
  }
  throw new LocalVaultStoreError(`could not lock the vault data directory ${dir}`);
}
