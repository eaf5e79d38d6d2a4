import { vi } from 'vitest';

/**
 * A small stand-in for the parts of Electron that main's glue touches (Electron Fiddle style): it records what
 * the glue registers so tests can fire events and inspect options. Electron itself cannot run here.
 */
type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly listeners = new Map<string, Listener[]>();
  windowOpenHandler: ((details: unknown) => unknown) | undefined;
  readonly mainFrame = { url: 'app://kluis/index.html' };
  readonly send = vi.fn();
  readonly forcefullyCrashRenderer = vi.fn();
  destroyed = false;
  on(name: string, listener: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: (details: unknown) => unknown) {
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Fires an event with a preventable event object; returns whether a listener prevented it. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    const event = { preventDefault: () => (prevented = true) };
    for (const listener of this.listeners.get(name) ?? []) listener(event, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly listeners = new Map<string, Listener[]>();
  constructor(readonly options: Record<string, unknown>) {
    FakeBrowserWindow.created.push(this);
  }
  on(name: string, listener: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener) {
    return this.on(name, listener);
  }
  readonly loadFile = vi.fn(async (_path: string) => undefined);
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly setContentProtection = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  isMinimized() {
    return false;
  }
  destroyed = false;
  isDestroyed() {
    return this.destroyed;
  }
  emit(name: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(name) ?? []) listener(...args);
  }
}

/** Notifications main showed, in order. */
export class FakeNotification {
  static shown: Array<{ title: string; body: string }> = [];
  static supported = true;
  static isSupported() {
    return FakeNotification.supported;
  }
  constructor(readonly options: { title: string; body: string }) {}
  show() {
    FakeNotification.shown.push(this.options);
  }
}

export const ipcMainHandlers = new Map<string, (event: unknown, input: unknown) => unknown>();

/** Electron's ClipboardItem: keeps the MIME-keyed entries it was built with. */
export class FakeClipboardItem {
  readonly types: string[];
  constructor(readonly items: Record<string, unknown>) {
    this.types = Object.keys(items);
  }
}

/** Menu.buildFromTemplate keeps the template, so a test can read what the app menu holds. */
export const menuMock = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn(),
};

export const electronMock = {
  BrowserWindow: FakeBrowserWindow,
  Notification: FakeNotification,
  Menu: menuMock,
  dialog: { showErrorBox: vi.fn(), showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
  ipcMain: {
    handle: vi.fn((channel: string, handler: (event: unknown, input: unknown) => unknown) => {
      ipcMainHandlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => ipcMainHandlers.delete(channel)),
  },
  ClipboardItem: FakeClipboardItem,
  clipboard: {
    write: vi.fn(async (_items: FakeClipboardItem[]) => undefined),
    writeText: vi.fn(async (_text: string) => undefined),
    readText: vi.fn(async () => ''),
    clear: vi.fn(),
  },
  safeStorage: {
    isAsyncEncryptionAvailable: vi.fn(async () => true),
    // Reversible stand-in for the OS encryption: enough to test that the file never holds the raw key.
    encryptStringAsync: vi.fn(async (text: string) => Buffer.from(`enc:${text}`, 'utf8')),
    decryptStringAsync: vi.fn(async (data: Buffer) => ({
      result: data.toString('utf8').replace(/^enc:/, ''),
      shouldReEncrypt: false,
    })),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  },
};
