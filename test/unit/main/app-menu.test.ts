import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuMock } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).electronMock);

const { appMenuTemplate, installAppMenu } = await import('../../../electron/main/app-menu');

/** Every role in a template, submenus included. */
function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

const DEVELOPER = ['reload', 'forceReload', 'toggleDevTools'];
const WHOLE_MENU_ROLES = ['viewMenu', 'editMenu', 'fileMenu', 'defaultMenu'];

describe('app menu', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    it(`has no reload or DevTools items when packaged (${platform}), and keeps editing, window and quit`, () => {
      const packaged = roles(appMenuTemplate(true, platform));
      for (const role of [...DEVELOPER, ...WHOLE_MENU_ROLES]) expect(packaged).not.toContain(role);
      for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit', 'minimize', 'close'])
        expect(packaged).toContain(role);
      // Whole-menu roles (whose defaults include DevTools) only with an explicit submenu.
      for (const item of appMenuTemplate(true, platform))
        if (item.role) expect(Array.isArray(item.submenu), item.role).toBe(true);
    });

    it(`keeps reload and DevTools in development (${platform})`, () => {
      const dev = roles(appMenuTemplate(false, platform));
      for (const role of DEVELOPER) expect(dev).toContain(role);
    });
  }

  it('has the macOS app menu on macOS only', () => {
    expect(roles(appMenuTemplate(true, 'darwin'))).toEqual(
      expect.arrayContaining(['appMenu', 'hide', 'about']),
    );
    expect(roles(appMenuTemplate(true, 'linux'))).not.toContain('appMenu');
  });

  it('installs the packaged template as the application menu', () => {
    installAppMenu(true, 'linux');
    expect(menuMock.setApplicationMenu).toHaveBeenCalledWith({ template: appMenuTemplate(true, 'linux') });
  });
});
