import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a whole file readable by the user only (0600): a temp file beside it, fsync, rename. A crash leaves either
 * the old file or the new one, never half of one; a failed rename leaves no temp file behind.
 */
export async function writeFileAtomically(
  file: string,
  data: string | Uint8Array,
  options: { dirMode?: number } = {},
): Promise<void> {
  await mkdir(dirname(file), { recursive: true, ...(options.dirMode ? { mode: options.dirMode } : {}) });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
