import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchRenderer } from '../../../electron/main/renderer-recovery';
import { FakeBrowserWindow } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).electronMock);

/** Crash and hang recovery, with the mocked Electron window and fake timers. */
describe('renderer recovery', () => {
  let window: FakeBrowserWindow;
  let reload: ReturnType<typeof vi.fn<() => Promise<undefined>>>;
  let lines: string[];
  let clock: number;

  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
    window = new FakeBrowserWindow({});
    reload = vi.fn<() => Promise<undefined>>(async () => undefined);
    lines = [];
    watchRenderer(window as unknown as BrowserWindow, {
      reload,
      log: (line) => lines.push(line),
      now: () => clock,
    });
  });
  afterEach(() => vi.useRealTimers());

  const gone = (reason: string) => window.webContents.fire('render-process-gone', { reason, exitCode: 9 });

  it('reloads after a crash, but not after a clean exit', async () => {
    gone('clean-exit');
    await vi.runAllTimersAsync();
    expect(reload).not.toHaveBeenCalled();
    gone('crashed');
    await vi.runAllTimersAsync();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(lines.at(-1)).toMatch(/process gone \(crashed, exit code 9\); reloading/);
  });

  it('replaces a renderer that stays unresponsive for 10 s, not one that recovers', async () => {
    window.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(9_000);
    window.emit('responsive');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reload).not.toHaveBeenCalled();

    window.emit('unresponsive');
    window.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(window.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(reload).toHaveBeenCalledTimes(1);
    // The crash we caused is not counted as a second failure.
    gone('killed');
    await vi.runAllTimersAsync();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('stops reloading after 3 reloads within a minute, and logs why', async () => {
    for (let i = 0; i < 4; i++) {
      clock += 5_000;
      gone('crashed');
      await vi.runAllTimersAsync();
    }
    expect(reload).toHaveBeenCalledTimes(3);
    expect(lines.at(-1)).toMatch(/not reloading again: 3 reloads within 60 s/);
    clock += 120_000;
    gone('crashed');
    await vi.runAllTimersAsync();
    expect(reload).toHaveBeenCalledTimes(3);
  });

  it('allows reloads again once older ones are more than a minute old', async () => {
    for (let i = 0; i < 3; i++) {
      clock += 25_000;
      gone('oom');
      await vi.runAllTimersAsync();
    }
    expect(reload).toHaveBeenCalledTimes(3);
    // The first reload (at 25 s) is now more than a minute old.
    clock += 25_000;
    gone('oom');
    await vi.runAllTimersAsync();
    expect(reload).toHaveBeenCalledTimes(4);
  });

  it('does nothing for a destroyed window and logs a failed reload by its error type only', async () => {
    reload.mockRejectedValueOnce(new TypeError('file:///secret/path'));
    gone('crashed');
    await vi.runAllTimersAsync();
    expect(lines.at(-1)).toBe('renderer reload failed: TypeError');
    window.destroyed = true;
    gone('crashed');
    await vi.runAllTimersAsync();
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
