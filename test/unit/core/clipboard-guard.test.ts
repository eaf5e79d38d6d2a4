import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClipboardGuard, type ClipboardPort } from '../../../electron/core/secrets/clipboard-guard';

function fakeClipboard() {
  let text = '';
  const port: ClipboardPort & { text(): string; userCopies(t: string): void } = {
    writeText: vi.fn(async (t: string) => {
      text = t;
    }),
    readText: vi.fn(async () => text),
    clear: vi.fn(() => {
      text = '';
    }),
    text: () => text,
    userCopies: (t: string) => {
      text = t;
    },
  };
  return port;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('clipboard guard', () => {
  it('clears the copied value after the delay and says so', async () => {
    const clipboard = fakeClipboard();
    const onCleared = vi.fn();
    const guard = createClipboardGuard(clipboard, onCleared);
    await guard.copy('s3cret', 30);
    expect(clipboard.text()).toBe('s3cret');
    // Written as a secret: the port adds the formats that keep it out of clipboard history.
    expect(clipboard.writeText).toHaveBeenCalledWith('s3cret', 'secret');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(clipboard.text()).toBe('s3cret');
    await vi.advanceTimersByTimeAsync(1);
    expect(clipboard.text()).toBe('');
    expect(onCleared).toHaveBeenCalledTimes(1);
  });

  it('leaves the clipboard alone when the user copied something else since', async () => {
    const clipboard = fakeClipboard();
    const onCleared = vi.fn();
    const guard = createClipboardGuard(clipboard, onCleared);
    await guard.copy('s3cret', 10);
    clipboard.userCopies('my own text');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(clipboard.text()).toBe('my own text');
    expect(clipboard.clear).not.toHaveBeenCalled();
    expect(onCleared).not.toHaveBeenCalled();
  });

  it('a newer copy supersedes the earlier pending clear', async () => {
    const clipboard = fakeClipboard();
    const onCleared = vi.fn();
    const guard = createClipboardGuard(clipboard, onCleared);
    await guard.copy('first', 10);
    await vi.advanceTimersByTimeAsync(5_000);
    await guard.copy('second', 10);
    await vi.advanceTimersByTimeAsync(5_000); // the first copy's timer would fire here
    expect(clipboard.text()).toBe('second');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(clipboard.text()).toBe('');
    expect(onCleared).toHaveBeenCalledTimes(1);
  });

  it('clearNow clears a pending value at once (quit) and cancels the timer', async () => {
    const clipboard = fakeClipboard();
    const onCleared = vi.fn();
    const guard = createClipboardGuard(clipboard, onCleared);
    await guard.copy('s3cret', 30);
    await guard.clearNow();
    expect(clipboard.text()).toBe('');
    expect(onCleared).toHaveBeenCalledTimes(1);
    clipboard.userCopies('later');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(clipboard.text()).toBe('later');
    expect(onCleared).toHaveBeenCalledTimes(1);
  });

  it('clearNow with nothing pending does nothing', async () => {
    const clipboard = fakeClipboard();
    clipboard.userCopies('mine');
    const guard = createClipboardGuard(clipboard, vi.fn());
    await guard.clearNow();
    expect(clipboard.text()).toBe('mine');
  });

  it('works with a synchronous clipboard port', async () => {
    let text = '';
    const port: ClipboardPort = {
      writeText: (t) => void (text = t),
      readText: () => text,
      clear: () => void (text = ''),
    };
    const guard = createClipboardGuard(port, vi.fn());
    await guard.copy('v', 5);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(text).toBe('');
  });
});
