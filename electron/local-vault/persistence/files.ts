import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { open as openFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

/** File names and crash-safe write helpers for the data directory. */
export const logName = (gen: number): string => `log-${String(gen).padStart(8, '0')}.kvl`;
export const snapshotName = (gen: number): string => `snapshot-${String(gen).padStart(8, '0')}.kvs`;
export const LOG_RE = /^log-(\d{8})\.kvl$/;
export const SNAPSHOT_RE = /^snapshot-(\d{8})\.kvs$/;

/** Makes a rename durable. Directories cannot be fsynced on Windows; there NTFS journaling has to do. */
export function fsyncDirSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort, see above
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes a whole file atomically: temp file, fsync, rename, fsync the directory. */
export function writeFileAtomicSync(dir: string, name: string, data: Buffer): void {
  const tmp = join(dir, `${name}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, name));
  fsyncDirSync(dir);
}

export async function writeFileAtomic(dir: string, name: string, chunks: Buffer[]): Promise<void> {
  const tmp = join(dir, `${name}.tmp`);
  const fh = await openFile(tmp, 'w', 0o600);
  try {
    for (const chunk of chunks) {
      let off = 0;
      while (off < chunk.length) off += (await fh.write(chunk, off, chunk.length - off, null)).bytesWritten;
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, join(dir, name));
  fsyncDirSync(dir);
}
