import type { DeviceCodeEvent, VaultConfig } from '../../contract';
import type { SignInPageOpener } from '../auth/browser-sign-in';
import type { ClipboardPort } from '../secrets/clipboard-guard';
import { resolveCloud } from '../vault/clouds';
import { failure } from '../errors/kluis-failure';
import type { SettingsState } from '../settings/settings-state';
import { findVault } from '../vault/vault-list';

/**
 * Where Entra ID's own device-code pages live for the Microsoft clouds: its answer names
 * https://microsoft.com/devicelogin (…us, …china for the sovereign clouds) or https://login.microsoft.com/device,
 * not the login.microsoftonline.* host the sign-in itself talks to. A custom cloud's page must be on its own
 * sign-in host.
 */
const MICROSOFT_DEVICE_PAGE_ORIGINS = ['https://microsoft.com', 'https://login.microsoft.com'];

export interface WindowOperationDeps {
  settings: SettingsState;
  clipboard: ClipboardPort;
  /** Main's checked opener (https on the given sign-in host, then shell.openExternal); absent: nothing opens. */
  openSignInPage?: SignInPageOpener;
  /** Main: BrowserWindow.setContentProtection on our window. Absent (tests, the harness): nothing to apply. */
  setContentProtection?: (on: boolean) => void;
  /** The device-code prompt waiting for a vault, as the sign-in service sent it. */
  deviceCodePrompt: (vaultId: string) => DeviceCodeEvent | undefined;
  /** A browse's sign-in (Browse vaults), whose device-code page opens as a vault's would. */
  signInOf?: (signInId: string) => VaultConfig | undefined;
  now?: () => number;
}

/** The origins a vault's device-code page may be on: its cloud's sign-in host (and Microsoft's device pages). */
function deviceCodePageOrigins(vault: VaultConfig): string[] {
  const cloud = resolveCloud(vault.auth, vault.url);
  return cloud.name === 'custom'
    ? [cloud.authorityHost]
    : [cloud.authorityHost, ...MICROSOFT_DEVICE_PAGE_ORIGINS];
}

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
};

/** app.copyText, app.openDeviceCodePage and app.setValueVisible: what the page cannot do itself in Electron. */
export type WindowOperations = ReturnType<typeof createWindowOperations>;

export function createWindowOperations(d: WindowOperationDeps) {
  const now = d.now ?? Date.now;
  let valueVisible = false;
  let applied: boolean | undefined;

  /** Protects the window while a value is visible, unless the user turned the setting off. */
  function applyContentProtection(): boolean {
    const on = valueVisible && d.settings.get().ui.contentProtection !== false;
    if (on !== applied) {
      d.setContentProtection?.(on);
      applied = on;
    }
    return on;
  }

  return {
    copyText: async ({ text }: { text: string }) => {
      await d.clipboard.writeText(text, 'plain');
      return { copied: true as const };
    },
    openDeviceCodePage: async ({ vaultId }: { vaultId: string }) => {
      const vault = d.signInOf?.(vaultId) ?? findVault(d.settings.get(), vaultId);
      const prompt = d.deviceCodePrompt(vaultId);
      if (!prompt || prompt.expiresOn <= now()) {
        throw failure('invalid-input', 'No device-code sign-in is waiting for this vault; sign in again.');
      }
      if (!d.openSignInPage) {
        throw failure('not-configured', 'Kluis cannot open a browser here: open the page yourself.');
      }
      const host = hostOf(prompt.verificationUri);
      const origin = deviceCodePageOrigins(vault).find((o) => hostOf(o) === host);
      // The same checked opener as browser sign-in: https on that sign-in host, no user info, else nothing opens.
      const opened = origin ? await d.openSignInPage(prompt.verificationUri, origin) : false;
      return { opened };
    },
    setValueVisible: async ({ visible }: { visible: boolean }) => {
      valueVisible = visible;
      return { protected: applyContentProtection() };
    },
    /** The contentProtection setting changed: apply it to what is visible now. */
    settingsChanged: () => void applyContentProtection(),
  };
}
