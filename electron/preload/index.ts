import { contextBridge, ipcRenderer } from 'electron';
import { buildKluisApi } from './api-builder';

// The only place the renderer side touches raw IPC. Listeners receive the payload only, never the event
// (which would hand the page a reference to ipcRenderer).
contextBridge.exposeInMainWorld(
  'kluis',
  buildKluisApi({
    invoke: (channel, input) => ipcRenderer.invoke(channel, input),
    on: (channel, listener) => {
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => {
        ipcRenderer.removeListener(channel, wrapped);
      };
    },
  }),
);
