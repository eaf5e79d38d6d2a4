import { describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, electronMock } from './electron-mock';

/** A packaged app started with --remote-debugging-port: it must say why and exit before anything starts. */
const app = {
  isPackaged: true,
  enableSandbox: vi.fn(),
  commandLine: { hasSwitch: vi.fn((name: string) => name === 'remote-debugging-port') },
  requestSingleInstanceLock: vi.fn(() => true),
  on: vi.fn(),
  whenReady: vi.fn(async () => undefined),
  getPath: vi.fn(() => '/nonexistent'),
  getVersion: vi.fn(() => '9.9.9'),
  quit: vi.fn(),
  exit: vi.fn(),
};

vi.mock('electron', async () => ({
  ...(await import('./electron-mock')).electronMock,
  app,
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  net: { fetch: vi.fn() },
  session: { defaultSession: {} },
}));

describe('packaged start with remote debugging', () => {
  it('shows an error box, exits with 1, and starts nothing', async () => {
    FakeBrowserWindow.created = [];
    await import('../../../electron/main/index');
    expect(electronMock.dialog.showErrorBox).toHaveBeenCalledWith(
      'Kluis cannot start with remote debugging',
      expect.stringContaining('--remote-debugging-port'),
    );
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });
});
