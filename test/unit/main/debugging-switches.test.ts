import { describe, expect, it, vi } from 'vitest';
import { refuseRemoteDebugging, remoteDebuggingSwitch } from '../../../electron/main/debugging-switches';

const none = () => false;

describe('remote debugging switches', () => {
  it('finds them in argv however Chromium would read them', () => {
    expect(remoteDebuggingSwitch(['kluis', '--remote-debugging-port=9222'], none, 'linux')).toBe(
      'remote-debugging-port',
    );
    expect(remoteDebuggingSwitch(['kluis', '--remote-debugging-port', '9222'], none, 'linux')).toBe(
      'remote-debugging-port',
    );
    expect(remoteDebuggingSwitch(['kluis', '-remote-debugging-pipe'], none, 'linux')).toBe(
      'remote-debugging-pipe',
    );
    expect(remoteDebuggingSwitch(['kluis.exe', '/Remote-Debugging-Port=1'], none, 'win32')).toBe(
      'remote-debugging-port',
    );
    expect(remoteDebuggingSwitch(['kluis', '/remote-debugging-port=1'], none, 'linux')).toBeUndefined();
    expect(remoteDebuggingSwitch(['kluis', '--remote-debugging-portal'], none, 'linux')).toBeUndefined();
    expect(
      remoteDebuggingSwitch(['kluis', '--no-sandbox-test', 'remote-debugging-port'], none),
    ).toBeUndefined();
  });

  it("also asks Chromium's own parse", () => {
    expect(remoteDebuggingSwitch(['kluis'], (name) => name === 'remote-debugging-pipe')).toBe(
      'remote-debugging-pipe',
    );
  });
});

describe('start guard', () => {
  const deps = (isPackaged: boolean, argv: string[]) => ({
    isPackaged,
    argv,
    hasSwitch: none,
    showErrorBox: vi.fn(),
    exit: vi.fn(),
  });

  it('refuses a packaged start with remote debugging: says why and exits', () => {
    const d = deps(true, ['kluis', '--remote-debugging-port=9222']);
    expect(refuseRemoteDebugging(d)).toBe(true);
    expect(d.showErrorBox).toHaveBeenCalledWith(
      'Kluis cannot start with remote debugging',
      expect.stringContaining('Start Kluis again without --remote-debugging-port'),
    );
    expect(d.exit).toHaveBeenCalledWith(1);
  });

  it('lets a packaged start without the switches, and a development start with them, go on', () => {
    for (const d of [deps(true, ['kluis']), deps(false, ['electron', '--remote-debugging-port=9222'])]) {
      expect(refuseRemoteDebugging(d)).toBe(false);
      expect(d.showErrorBox).not.toHaveBeenCalled();
      expect(d.exit).not.toHaveBeenCalled();
    }
  });
});
