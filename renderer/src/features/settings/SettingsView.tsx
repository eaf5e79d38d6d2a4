import { Field, Radio, RadioGroup, SpinButton, Switch } from '@fluentui/react-components';
import { DEFAULT_STALE_DAYS } from '../../../../electron/contract/secret-classes';
import { useState } from 'react';
import type { KluisError, Settings, UiPreferences } from '../../../../electron/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { kluis } from '../../lib/api';
import { useSettingsStyles } from './settings-styles';
import { VaultSettingsRow } from './VaultSettingsRow';

interface Props {
  settings: Settings;
  onSettings: (settings: Settings) => void;
}

type UiPatch = Partial<
  Pick<
    UiPreferences,
    | 'theme'
    | 'revealSeconds'
    | 'clipboardClearSeconds'
    | 'contentProtection'
    | 'expiryWarningDays'
    | 'staleDays'
    | 'remindersEnabled'
  >
>;

const clampSeconds = (n: number | null | undefined) => Math.min(600, Math.max(5, Math.round(n ?? 5)));

export default function SettingsView({ settings, onSettings }: Props) {
  const styles = useSettingsStyles();
  const [error, setError] = useState<KluisError>();

  const update = async (patch: UiPatch) => {
    setError(undefined);
    const result = await kluis().settings.updateUi(patch);
    if (result.ok) onSettings(result.value);
    else setError(result.error);
  };
  const seconds =
    (field: 'revealSeconds' | 'clipboardClearSeconds') =>
    (_: unknown, data: { value?: number | null; displayValue?: string }) => {
      const raw = data.value ?? (data.displayValue ? Number(data.displayValue) : undefined);
      if (raw === undefined || Number.isNaN(raw)) return;
      void update({ [field]: clampSeconds(raw) });
    };

  const days =
    (field: 'expiryWarningDays' | 'staleDays', max: number) =>
    (_: unknown, data: { value?: number | null; displayValue?: string }) => {
      const raw = data.value ?? (data.displayValue ? Number(data.displayValue) : undefined);
      if (raw === undefined || Number.isNaN(raw)) return;
      void update({ [field]: Math.min(max, Math.max(1, Math.round(raw))) });
    };

  return (
    <main className={styles.root} aria-label="Settings">
      <h1 className={styles.title}>Settings</h1>
      {error && <ErrorBanner error={error} />}
      <section className={styles.section} aria-labelledby="settings-vaults">
        <h2 className={styles.heading} id="settings-vaults">
          Vaults
        </h2>
        {settings.vaults.length === 0 && <span>No vaults yet.</span>}
        {settings.vaults.map((vault) => (
          <VaultSettingsRow
            key={`${vault.id}:${vault.displayName}`}
            vault={vault}
            onSettings={onSettings}
            onError={setError}
          />
        ))}
      </section>
      <section className={styles.section} aria-labelledby="settings-look">
        <h2 className={styles.heading} id="settings-look">
          Appearance
        </h2>
        <Field label="Theme">
          <RadioGroup
            layout="horizontal"
            value={settings.ui.theme}
            onChange={(_, data) => void update({ theme: data.value as UiPreferences['theme'] })}
          >
            <Radio value="system" label="Follow the system" />
            <Radio value="light" label="Light" />
            <Radio value="dark" label="Dark" />
          </RadioGroup>
        </Field>
      </section>
      <section className={styles.section} aria-labelledby="settings-safety">
        <h2 className={styles.heading} id="settings-safety">
          Values and clipboard
        </h2>
        <div className={styles.numbers}>
          <Field label="Hide a revealed value after (seconds)" hint="5 to 600">
            <SpinButton
              value={settings.ui.revealSeconds}
              min={5}
              max={600}
              onChange={seconds('revealSeconds')}
            />
          </Field>
          <Field label="Clear the clipboard after (seconds)" hint="5 to 600">
            <SpinButton
              value={settings.ui.clipboardClearSeconds}
              min={5}
              max={600}
              onChange={seconds('clipboardClearSeconds')}
            />
          </Field>
        </div>
        <Field hint="Screenshots, screen recordings and screen sharing show the window blank while a value is revealed or in an editor (Windows and macOS).">
          <Switch
            label="Keep values out of screen captures"
            checked={settings.ui.contentProtection !== false}
            onChange={(_, data) => void update({ contentProtection: data.checked })}
          />
        </Field>
      </section>
      <section className={styles.section} aria-labelledby="settings-expiry">
        <h2 className={styles.heading} id="settings-expiry">
          Expiry dashboard and reminders
        </h2>
        <div className={styles.numbers}>
          <Field label="Expiring soon: within (days)" hint="1 to 365">
            <SpinButton
              value={settings.ui.expiryWarningDays}
              min={1}
              max={365}
              onChange={days('expiryWarningDays', 365)}
            />
          </Field>
          <Field label="Unchanged: for more than (days)" hint="1 to 3650">
            <SpinButton
              value={settings.ui.staleDays ?? DEFAULT_STALE_DAYS}
              min={1}
              max={3650}
              onChange={days('staleDays', 3650)}
            />
          </Field>
        </div>
        <Switch
          checked={settings.ui.remindersEnabled !== false}
          label="Notify me when a secret in a pinned vault starts expiring soon (at most once a day per secret)"
          onChange={(_, data) => void update({ remindersEnabled: data.checked })}
        />
      </section>
    </main>
  );
}
