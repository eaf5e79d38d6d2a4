import { z } from 'zod';
import { RECENT_VAULTS } from '../vault/vault-list';
import {
  AuthConfig,
  EndpointOrigin,
  Fingerprint256,
  SecretName,
  VaultId,
  type Settings,
} from '../../contract';

/**
 * The on-disk shape of settings.json, checked on every load. There is no field that could hold a secret value or
 * a token; unknown fields are dropped, so nothing smuggled into the file survives the next save.
 */
const VaultConfigOnDisk = z.object({
  id: VaultId,
  displayName: z.string().min(1).max(100),
  url: z.string().url().max(2048),
  kind: z.enum(['azure', 'local']),
  auth: AuthConfig,
  pinned: z.boolean().default(false),
  // Added later: older files have none. Public certificates the user pinned for a custom cloud's endpoints.
  pinnedCertificates: z
    .array(
      z.object({
        origin: EndpointOrigin,
        fingerprint256: Fingerprint256,
        subject: z.string().max(2000),
        validTo: z.number().int(),
        pem: z
          .string()
          .max(64 * 1024)
          .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/),
      }),
    )
    .max(20)
    .optional()
    // A damaged pin is dropped, not the whole settings file: that endpoint is then simply not trusted.
    .catch(undefined),
});

export const DEFAULT_UI = {
  theme: 'system',
  revealSeconds: 20,
  clipboardClearSeconds: 30,
  expiryWarningDays: 30,
  privacyMode: false,
} as const satisfies Settings['ui'];

/** Where the user was in one vault's view: a secret's name and a scroll offset, never a value. */
const ViewStateOnDisk = z
  .object({
    secretName: SecretName.optional(),
    scrollTop: z.number().int().min(0).max(10_000_000).optional(),
  })
  .strip();

const UiOnDisk = z.object({
  theme: z.enum(['system', 'light', 'dark']).default(DEFAULT_UI.theme),
  revealSeconds: z.number().int().min(5).max(600).default(DEFAULT_UI.revealSeconds),
  clipboardClearSeconds: z.number().int().min(5).max(600).default(DEFAULT_UI.clipboardClearSeconds),
  expiryWarningDays: z.number().int().min(1).max(365).default(DEFAULT_UI.expiryWarningDays),
  // Added later: settings files without these still load (privacy off, nothing to restore).
  privacyMode: z.boolean().default(DEFAULT_UI.privacyMode),
  // Added later, absent means the default (DEFAULT_STALE_DAYS; reminders on), so older files load unchanged.
  staleDays: z.number().int().min(1).max(3650).optional().catch(undefined),
  remindersEnabled: z.boolean().optional().catch(undefined),
  contentProtection: z.boolean().optional(),
  // Added with Browse vaults: the vaults opened most recently, newest first (absent in older files).
  recentVaultIds: z.array(VaultId).max(RECENT_VAULTS).optional().catch(undefined),
  lastSelection: z
    .record(VaultId, ViewStateOnDisk)
    .refine((r) => Object.keys(r).length <= 500)
    .optional()
    // A damaged view state is not worth losing the other settings over.
    .catch(undefined),
});

export const SettingsOnDisk = z.object({
  version: z.literal(1),
  vaults: z.array(VaultConfigOnDisk).max(500),
  selectedVaultId: VaultId.optional(),
  ui: UiOnDisk.default({ ...DEFAULT_UI }),
});

export const defaultSettings = (): Settings => ({ version: 1, vaults: [], ui: { ...DEFAULT_UI } });
