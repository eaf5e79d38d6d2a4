import { BrowserWindow, dialog } from 'electron';
import type { FileDialogs } from '../core';

/** Electron's native save dialog for core's secrets.saveValueToFile, attached to our window when there is one. */
export function createElectronFileDialogs(window: () => BrowserWindow | undefined): FileDialogs {
  return {
    async showSaveDialog({ defaultPath }) {
      const options = { defaultPath, title: 'Save the secret value to a file' };
      const parent = window();
      const result = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
      return result.canceled ? undefined : result.filePath;
    },
    async showOpenDialog({ filters }) {
      const options = {
        filters,
        properties: ['openFile' as const],
        title: 'Restore a secret from a backup file',
      };
      const parent = window();
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
  };
}
