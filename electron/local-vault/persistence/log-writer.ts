import type { FileHandle } from 'node:fs/promises';

interface Pending {
  buf: Buffer;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Appends records and settles each append only after fdatasync. Appends that arrive while a sync
 * is running are written and synced together next round (group commit), so many concurrent writers
 * share one fsync instead of queueing behind one each.
 */
export class LogWriter {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;
  private failure: unknown = null;
  private idleWaiters: Array<() => void> = [];

  private readonly fh: Promise<FileHandle>;

  /** Takes a pending handle so a caller can switch writers synchronously, before the open completes. */
  constructor(fh: FileHandle | Promise<FileHandle>) {
    this.fh = Promise.resolve(fh);
    // Surface an open failure through append/close rather than as an unhandled rejection.
    this.fh.catch(() => undefined);
  }

  append(buf: Buffer): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ buf, resolve, reject });
      this.running ??= this.run();
    });
  }

  isIdle(): boolean {
    return this.running === null && this.queue.length === 0;
  }

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    await this.idle();
    await (await this.fh).close();
  }

  private async run(): Promise<void> {
    // Let appends from the same tick join this round.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        const data = batch.length === 1 ? (batch[0] as Pending).buf : Buffer.concat(batch.map((p) => p.buf));
        let written = 0;
        while (written < data.length) {
          const { bytesWritten } = await (await this.fh).write(data, written, data.length - written, null);
          if (bytesWritten <= 0) throw new Error('short write to the vault log');
          written += bytesWritten;
        }
        await (await this.fh).datasync();
        for (const p of batch) p.resolve();
      } catch (e) {
        // After a failed write the file's tail is unknown: refuse further writes rather than
        // acknowledge something that may not be on disk.
        this.failure = e;
        for (const p of [...batch, ...this.queue]) p.reject(e);
        this.queue = [];
      }
    }
    this.running = null;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
