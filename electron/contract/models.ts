import { z } from 'zod';

import {
  MAX_CONTENT_TYPE_LENGTH,
  MAX_SECRET_VALUE_LENGTH,
  MAX_TAG_NAME_LENGTH,
  MAX_TAG_VALUE_LENGTH,
  MAX_TAGS,
  SECRET_NAME_PATTERN,
} from './limits';

export * from './limits';

export const SecretName = z
  .string()
  .regex(SECRET_NAME_PATTERN, 'A secret name is 1-127 characters: letters, digits and dashes only.');
export const SecretVersion = z
  .string()
  .regex(/^[0-9a-fA-F]{32}$/, 'A version id is 32 hexadecimal characters.');
export const SecretValueText = z
  .string()
  .max(MAX_SECRET_VALUE_LENGTH, `A secret value is at most ${MAX_SECRET_VALUE_LENGTH} characters.`);
export const ContentType = z.string().max(MAX_CONTENT_TYPE_LENGTH);
export const Tags = z
  .record(z.string().min(1).max(MAX_TAG_NAME_LENGTH), z.string().max(MAX_TAG_VALUE_LENGTH))
  .refine((t) => Object.keys(t).length <= MAX_TAGS, `At most ${MAX_TAGS} tags.`);
export const VaultId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
/** Epoch milliseconds; dates cross IPC as numbers so they survive any serialisation. */
export const EpochMs = z.number().int().min(0).max(8_640_000_000_000);

export const AUTH_METHODS = [
  'default', // DefaultAzureCredential: environment, workload identity, managed identity, az, azd, PowerShell
  'azure-cli',
  'azure-developer-cli',
  'interactive-browser',
  'device-code',
  'client-secret',
  'client-certificate',
  'managed-identity',
  'local', // the embedded local vault's per-launch token
] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

/** Azure clouds: public, US Government, China (21Vianet), or custom endpoints (Azure Stack, a test provider). */
export const CLOUDS = ['public', 'usgov', 'china', 'custom'] as const;
export type CloudName = (typeof CLOUDS)[number];

const HttpsOrigin = z
  .string()
  .max(200)
  .regex(/^https:\/\/[^\s/?#@]+\/?$/, 'Use an https address without a path, e.g. https://login.example.com.');

export const AuthConfig = z
  .object({
    method: z.enum(AUTH_METHODS),
    tenantId: z.string().max(100).optional(),
    clientId: z.string().max(100).optional(),
    /** Absent means public, or the cloud the vault URL names. */
    cloud: z.enum(CLOUDS).optional(),
    /** Entra ID (or ADFS) sign-in host for cloud 'custom', e.g. https://login.example.com. */
    authorityHost: HttpsOrigin.optional(),
    /** Key Vault resource for cloud 'custom', e.g. https://vault.example.com (scope = resource + /.default). */
    resource: HttpsOrigin.optional(),
    /**
     * Azure Resource Manager endpoint for cloud 'custom', e.g. https://management.example.com: where "Browse vaults"
     * lists tenants, subscriptions and vaults (its token audience is this endpoint). Known clouds have their own.
     */
    armEndpoint: HttpsOrigin.optional(),
    /**
     * The token audience of that Resource Manager when it differs from the endpoint (Azure Stack Hub names one with
     * a path in its metadata, e.g. https://management.adfs.azurestack.local/<guid>). Default: the endpoint.
     */
    armResource: z
      .string()
      .max(300)
      .regex(/^https:\/\/[^\s?#@]+$/, 'Use an https address, e.g. https://management.example.com/.')
      .optional(),
    /**
     * For client-secret / client-certificate: the id under which main keeps the secret or certificate (encrypted with
     * the OS keychain). Settings hold only this reference, never the secret itself.
     */
    credentialRef: z
      .string()
      .max(100)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
  })
  .strict();
export type AuthConfig = z.infer<typeof AuthConfig>;

/**
 * A sign-in as vaults.add and vaults.setAuth take it: a custom cloud must name its Key Vault resource, the only one
 * Kluis asks tokens for. (Settings files keep loading without it; such a vault asks for it when it is used.)
 */
export const NewAuthConfig = AuthConfig.refine((a) => a.cloud !== 'custom' || a.resource !== undefined, {
  path: ['resource'],
  message:
    'A custom cloud needs its Key Vault resource (the token audience), e.g. https://vault.example.com.',
});

/** The account a vault's sign-in uses, read in main from the access token's claims (the token stays in main). */
export interface WhoAmI {
  /** upn, preferred_username or unique_name; a service principal's application id (appid). */
  account?: string;
  tenantId?: string;
  method: AuthMethod;
  /** Whether the last call to the vault was let in (false after a 401/403). */
  lastCallAuthorized?: boolean;
  lastCheckedOn?: number;
}

/**
 * A browser sign-in opened its page in the system browser and waits for the user (`waiting: true`), or stopped
 * waiting (signed in, failed or cancelled). `host` is the sign-in host the page is on.
 */
export interface BrowserSignInEvent {
  vaultId: string;
  host: string;
  waiting: boolean;
}

/** The device-code sign-in asks the user to open `verificationUri` and enter `userCode`. */
export interface DeviceCodeEvent {
  vaultId: string;
  userCode: string;
  verificationUri: string;
  message: string;
  /** When the code stops working (epoch ms). */
  expiresOn: number;
}

/**
 * A SHA-256 certificate fingerprint as browsers show it: 32 bytes in upper-case hex separated by colons
 * (AB:CD:...). Input in lower case is accepted and compared without regard to case.
 */
export const Fingerprint256 = z
  .string()
  .trim()
  .regex(
    /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){31}$/,
    'A SHA-256 fingerprint is 32 hex bytes separated by colons.',
  )
  .transform((s) => s.toUpperCase());

/** The origin of an https endpoint, e.g. https://vault.example.com or https://127.0.0.1:8443 (no path). */
export const EndpointOrigin = z
  .string()
  .max(300)
  .regex(
    /^https:\/\/[^\s/?#@]+$/,
    'Use the endpoint address without a path, e.g. https://vault.example.com.',
  );

/** One certificate of the chain an endpoint presented, as Kluis shows it before the user pins one. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** SHA-256 of the DER certificate, colon hex (AB:CD:...). */
  fingerprint256: string;
  validFrom: number;
  validTo: number;
  /** basicConstraints CA:TRUE. */
  isCa: boolean;
  /** Issued by itself (a root, or a self-signed server certificate). */
  selfSigned: boolean;
}

/** What an endpoint's TLS handshake showed: its chain, leaf first, and whether the system already trusts it. */
export interface EndpointCertificates {
  origin: string;
  chain: CertificateInfo[];
  /** Whether Node's default (system) trust store accepts the chain for this host name. */
  trustedBySystem: boolean;
  /** Why the system trust store refused it (e.g. SELF_SIGNED_CERT_IN_CHAIN), when it did. */
  verificationError?: string;
  /** Whether one of this vault's pins for the origin accepts the chain. */
  trustedByPin: boolean;
}

/**
 * A certificate the user confirmed for one endpoint of a custom-cloud vault. Only this certificate is trusted for
 * that origin (the system CAs are not used there); host name checks stay on. A public certificate, not a secret.
 */
export interface PinnedCertificate {
  origin: string;
  fingerprint256: string;
  subject: string;
  validTo: number;
  /** The certificate itself (PEM), as fetched from the endpoint when the user pinned it. */
  pem: string;
}

export interface VaultConfig {
  id: string;
  /** What the sidebar shows; defaults to the vault's host name. */
  displayName: string;
  /** e.g. https://myvault.vault.azure.net/ */
  url: string;
  kind: 'azure' | 'local';
  auth: AuthConfig;
  pinned: boolean;
  /** Certificates pinned for this vault's endpoints (custom clouds only); absent when none. */
  pinnedCertificates?: PinnedCertificate[];
}

export interface UiPreferences {
  theme: 'system' | 'light' | 'dark';
  /** A revealed value conceals itself again after this many seconds. */
  revealSeconds: number;
  /** The clipboard is cleared this many seconds after a copy, if it still holds the copied value. */
  clipboardClearSeconds: number;
  /** Secrets expiring within this many days are highlighted. */
  expiryWarningDays: number;
  /**
   * For screen sharing: while on, main refuses to reveal or copy values (kind 'privacy-mode'); the renderer masks
   * everything. Absent in settings written by older versions, which means off.
   */
  privacyMode?: boolean;
  /** The dashboard's "unchanged for more than M days" (absent in older settings: DEFAULT_STALE_DAYS). */
  staleDays?: number;
  /** OS notifications when a secret in a pinned vault enters the warning window (absent: on). */
  remindersEnabled?: boolean;
  /**
   * While a secret value is visible, the window is kept out of screen captures and screen sharing
   * (BrowserWindow.setContentProtection; Windows and macOS). Absent means on.
   */
  contentProtection?: boolean;
  /** The vaults opened most recently (vaults.select), newest first, at most ten; absent in older settings. */
  recentVaultIds?: string[];
  /** Per vault id: what the user last had open, so a reloaded window can bring it back. Never holds a value. */
  lastSelection?: Record<string, ViewState>;
}

/** Where the user was in a vault's view. */
export interface ViewState {
  secretName?: string;
  scrollTop?: number;
}

export const RETRY_REASONS = ['throttled', 'service', 'network'] as const;
export type RetryReason = (typeof RETRY_REASONS)[number];

/** Payload of 'operation.retrying': progress only, never a value or a secret name. */
export interface OperationRetrying {
  /** Contract operation, e.g. 'secrets.get'. */
  operation: string;
  /** The attempt about to be made (2 for the first retry). */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  reason: RetryReason;
}

export interface Settings {
  version: 1;
  vaults: VaultConfig[];
  selectedVaultId?: string;
  ui: UiPreferences;
}

export interface SecretProperties {
  name: string;
  /** Full identifier, https://vault/secrets/name[/version]. */
  id: string;
  version?: string;
  vaultUrl: string;
  enabled?: boolean;
  notBefore?: number;
  expiresOn?: number;
  createdOn?: number;
  updatedOn?: number;
  contentType?: string;
  tags: Record<string, string>;
  /** True for the secret behind a Key Vault certificate; such secrets are read-only here. */
  managed?: boolean;
  keyId?: string;
  recoveryLevel?: string;
  recoverableDays?: number;
}

export interface SecretWithValue {
  properties: SecretProperties;
  value: string;
}

export interface DeletedSecretInfo {
  properties: SecretProperties;
  deletedOn?: number;
  scheduledPurgeDate?: number;
  recoveryId?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; absent on the last page. */
  continuationToken?: string;
}

export type LocalVaultState = 'stopped' | 'starting' | 'running' | 'failed';
export interface LocalVaultStatus {
  state: LocalVaultState;
  url?: string;
  /** Why it failed or what it is doing, for the status bar. */
  message?: string;
}

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export interface AppState {
  settings: Settings;
  /** Things the user should know at start-up, e.g. that a corrupt settings file was set aside. */
  notices: Notice[];
  localVault: LocalVaultStatus;
  appVersion: string;
}
