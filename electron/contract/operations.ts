import { z } from 'zod';
import { DiagnoseInput, type DiagnoseResult } from './access';
import { BulkCancelInput, BulkStartInput } from './bulk';
import { CompareIdInput, CompareStartInput, PromoteInput, type PromotePlan } from './compare';
import { DiscoveryCancelInput, DiscoveryStartInput, type DiscoveryStarted } from './discovery';
import { IndexBuildInput } from './property-index';
import { RestoreVersionInput } from './versions';
import {
  ImportApplyInput,
  ImportDiffInput,
  ImportDiscardInput,
  ImportOpenInput,
  ImportUnlockInput,
  TransferExportInput,
  type ExportResult,
  type ImportApplyStarted,
  type ImportDiff,
  type ImportPreview,
} from './transfer';
import {
  ContentType,
  EndpointOrigin,
  EpochMs,
  Fingerprint256,
  NewAuthConfig,
  SecretName,
  SecretValueText,
  SecretVersion,
  Tags,
  VaultId,
  type AppState,
  type DeletedSecretInfo,
  type EndpointCertificates,
  type LocalVaultStatus,
  type Page,
  type SecretProperties,
  type SecretWithValue,
  type Settings,
  type VaultConfig,
  type WhoAmI,
} from './models';

/**
 * An operation: the zod schema its input must pass in main, and (as a phantom type) what it returns.
 * Curried so the result type can be given explicitly while the input type is inferred from the schema.
 */
export interface Operation<I extends z.ZodType, O> {
  input: I;
  /** Never set at run time; carries the result type. */
  readonly __result?: O;
}
const op =
  <O>() =>
  <I extends z.ZodType>(input: I): Operation<I, O> => ({ input });

const NoInput = z.object({}).strict();
const InVault = { vaultId: VaultId };
const ContinuationToken = z.string().min(1).max(4096);

/**
 * What the user was looking at when they started an edit. When given, main refuses the edit with kind 'conflict' if
 * the secret's current version (or its last update time) differs, instead of overwriting someone else's change.
 */
const ExpectedState = {
  expectedVersion: SecretVersion.optional(),
  expectedUpdatedOn: EpochMs.optional(),
};

const SecretAttributesInput = {
  contentType: ContentType.optional(),
  enabled: z.boolean().optional(),
  notBefore: EpochMs.optional(),
  expiresOn: EpochMs.optional(),
  tags: Tags.optional(),
};

/**
 * The one IPC contract: every operation the renderer may call, grouped as window.kluis.<group>.<method>.
 * Every input is a strict object: unknown fields are refused, not ignored.
 */
export const contract = {
  app: {
    getState: op<AppState>()(NoInput),
    /**
     * Copies plain, non-secret text the renderer shows (a secret's id or version, a device code, the access doctor's
     * fix command) through main's clipboard: the session denies the page's own clipboard access. One line of
     * printable ASCII, words separated by single spaces as in a command; secret values are never copied this way
     * (secrets.copyValue reads and marks them in main).
     */
    copyText: op<{ copied: true }>()(
      z
        .object({
          text: z
            .string()
            .min(1)
            .max(2048)
            .regex(
              /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/,
              'Only an id, a code or a command (one line of printable text) can be copied.',
            ),
        })
        .strict(),
    ),
    /**
     * Opens the page of the device-code sign-in waiting for this vault in the system browser. The page is the one
     * the sign-in service named (main remembers it; the renderer cannot choose it), opened through the same check
     * as browser sign-in pages (https on the cloud's sign-in hosts only). `opened: false` when it was refused.
     */
    openDeviceCodePage: op<{ opened: boolean }>()(z.object(InVault).strict()),
    /**
     * Tells main whether a secret value is visible in the window (revealed or in an editor), so main can keep the
     * window out of screen captures and screen sharing while it is (the contentProtection setting, default on).
     */
    setValueVisible: op<{ protected: boolean }>()(z.object({ visible: z.boolean() }).strict()),
  },
  settings: {
    updateUi: op<Settings>()(
      z
        .object({
          theme: z.enum(['system', 'light', 'dark']).optional(),
          revealSeconds: z.number().int().min(5).max(600).optional(),
          clipboardClearSeconds: z.number().int().min(5).max(600).optional(),
          expiryWarningDays: z.number().int().min(1).max(365).optional(),
          privacyMode: z.boolean().optional(),
          staleDays: z.number().int().min(1).max(3650).optional(),
          remindersEnabled: z.boolean().optional(),
          contentProtection: z.boolean().optional(),
        })
        .strict(),
    ),
    /**
     * Remembers what is open in a vault's view (which secret, how far scrolled) so a reloaded window can restore it.
     * Does not announce 'settings.changed': the renderer already knows; app.getState returns it after a reload.
     */
    saveViewState: op<{ saved: true }>()(
      z
        .object({
          ...InVault,
          secretName: SecretName.optional(),
          scrollTop: z.number().int().min(0).max(10_000_000).optional(),
        })
        .strict(),
    ),
  },
  vaults: {
    /** Adds (and selects) a vault by name or URL; a bare name expands to https://<name>.vault.azure.net/. */
    add: op<VaultConfig>()(
      z
        .object({
          vault: z.string().trim().min(3).max(2048),
          displayName: z.string().trim().min(1).max(100).optional(),
          auth: NewAuthConfig,
          /** Found by this browse (discovery.start): the vault keeps the sign-in that found it. */
          discovered: z.object({ browseId: z.string().uuid() }).strict().optional(),
        })
        .strict(),
    ),
    remove: op<Settings>()(z.object(InVault).strict()),
    rename: op<Settings>()(z.object({ ...InVault, displayName: z.string().trim().min(1).max(100) }).strict()),
    select: op<Settings>()(z.object(InVault).strict()),
    setPinned: op<Settings>()(z.object({ ...InVault, pinned: z.boolean() }).strict()),
    setAuth: op<Settings>()(z.object({ ...InVault, auth: NewAuthConfig }).strict()),
    /**
     * Shows the certificate chain one of a custom-cloud vault's endpoints presents (the vault URL's origin or its
     * sign-in host). Main opens a TLS connection, reads the chain and closes it: seeing an untrusted server's chain
     * means finishing a handshake without trusting it, so nothing (no request, token or credential) is ever sent on
     * that socket.
     */
    inspectCertificates: op<EndpointCertificates>()(
      z.object({ ...InVault, origin: EndpointOrigin }).strict(),
    ),
    /**
     * Pins the certificate with this fingerprint for the endpoint. Main fetches the chain again and keeps only the
     * certificate with exactly this fingerprint; if the endpoint no longer presents it, the pin is refused.
     */
    pinCertificate: op<Settings>()(
      z.object({ ...InVault, origin: EndpointOrigin, fingerprint256: Fingerprint256 }).strict(),
    ),
    unpinCertificate: op<Settings>()(
      z.object({ ...InVault, origin: EndpointOrigin, fingerprint256: Fingerprint256 }).strict(),
    ),
    /** The access doctor (contract/access.ts): DNS, TLS, challenge, token, list, get; steps arrive as 'vaults.diagnoseStep'. */
    diagnose: op<DiagnoseResult>()(DiagnoseInput),
  },
  localVault: {
    /** Starts the embedded local vault if needed, adds it to the vault list and selects it. */
    open: op<VaultConfig>()(NoInput),
    status: op<LocalVaultStatus>()(NoInput),
  },
  secrets: {
    listPage: op<Page<SecretProperties>>()(
      z.object({ ...InVault, continuationToken: ContinuationToken.optional() }).strict(),
    ),
    listVersionsPage: op<Page<SecretProperties>>()(
      z.object({ ...InVault, name: SecretName, continuationToken: ContinuationToken.optional() }).strict(),
    ),
    /** Reads a value: only ever called when the user asks to see it. */
    get: op<SecretWithValue>()(
      z.object({ ...InVault, name: SecretName, version: SecretVersion.optional() }).strict(),
    ),
    /** Creates a secret, or a new version of an existing one. */
    set: op<SecretProperties>()(
      z
        .object({
          ...InVault,
          name: SecretName,
          value: SecretValueText,
          ...SecretAttributesInput,
          ...ExpectedState,
        })
        .strict(),
    ),
    /** Changes properties without creating a new version. */
    updateProperties: op<SecretProperties>()(
      z
        .object({
          ...InVault,
          name: SecretName,
          version: SecretVersion.optional(),
          ...SecretAttributesInput,
          ...ExpectedState,
        })
        .strict(),
    ),
    /**
     * Saves the service's encrypted backup of a secret (all versions) to a file the user picks in main's save dialog,
     * readable by the user only. `saved: false` when the dialog was cancelled.
     */
    backupToFile: op<{ saved: boolean; path?: string }>()(
      z.object({ ...InVault, name: SecretName }).strict(),
    ),
    /** Restores a secret from a backup file the user picks in main's open dialog; kind 'cancelled' if none was picked. */
    restoreFromFile: op<SecretProperties>()(z.object(InVault).strict()),
    /** Starts the delete and waits until the service reports the secret as deleted. */
    delete: op<DeletedSecretInfo>()(z.object({ ...InVault, name: SecretName }).strict()),
    /** Copies a value to the clipboard in main; the value never reaches the renderer. */
    copyValue: op<{ clearAfterSeconds: number }>()(
      z.object({ ...InVault, name: SecretName, version: SecretVersion.optional() }).strict(),
    ),
    /**
     * Asks main for a file path (save dialog) and writes the value there, readable by the user only. The value never
     * reaches the renderer. `saved: false` when the user cancelled the dialog.
     */
    saveValueToFile: op<{ saved: boolean; path?: string }>()(
      z.object({ ...InVault, name: SecretName, version: SecretVersion.optional() }).strict(),
    ),
  },
  deleted: {
    listPage: op<Page<DeletedSecretInfo>>()(
      z.object({ ...InVault, continuationToken: ContinuationToken.optional() }).strict(),
    ),
    get: op<DeletedSecretInfo>()(z.object({ ...InVault, name: SecretName }).strict()),
    recover: op<SecretProperties>()(z.object({ ...InVault, name: SecretName }).strict()),
    purge: op<{ purged: true }>()(z.object({ ...InVault, name: SecretName }).strict()),
  },
  /** Sign-in: tokens and secrets stay in main; the renderer sees only who is signed in. */
  auth: {
    /**
     * Keeps a service principal's client secret or certificate (PEM with its key) encrypted with the OS keychain (or,
     * where no real OS backend protects it, in memory for this session only) and points the vault's sign-in at it.
     * The secret is never returned or echoed.
     */
    saveServicePrincipal: op<{ credentialRef: string }>()(
      z
        .object({
          ...InVault,
          tenantId: z.string().trim().min(1).max(100),
          clientId: z.string().trim().min(1).max(100),
          secret: z.string().min(1).max(1024).optional(),
          certificatePem: z
            .string()
            .min(1)
            .max(64 * 1024)
            .optional(),
        })
        .strict()
        .refine((v) => (v.secret === undefined) !== (v.certificatePem === undefined), {
          message: 'Give either a client secret or a certificate.',
        }),
    ),
    /** Forgets the vault's remembered sign-in (token cache, account) and any stored service principal secret. */
    signOut: op<{ signedOut: true }>()(z.object(InVault).strict()),
    /** Who the vault's credential signed in as, from the last token's claims; never the token. */
    whoAmI: op<WhoAmI>()(z.object(InVault).strict()),
    /** Stops a sign-in that waits for the user (a device code nobody will enter); the waiting call fails. */
    cancelSignIn: op<{ cancelled: boolean }>()(z.object(InVault).strict()),
  },
  /** One action over many secrets, run in main under the vault's rate limits; progress arrives as 'bulk.progress'. */
  bulk: {
    start: op<{ jobId: string }>()(BulkStartInput),
    /** Stops starting items; those in flight finish and the final progress says `cancelled`. */
    cancel: op<{ cancelled: boolean }>()(BulkCancelInput),
  },
  /** A secret's versions side by side (version diff); restoring one runs in main. */
  versions: {
    restore: op<SecretProperties>()(RestoreVersionInput),
  },
  /**
   * The property index over every connected vault (dashboard, search across vaults): properties only, from the
   * same listing as secrets.listPage. Pages arrive as 'index.page', per vault, as each vault answers.
   */
  index: {
    build: op<{ vaultIds: string[] }>()(IndexBuildInput),
  },
  /** Export to and import from files (contract/transfer.ts); values stay in main. */
  transfer: {
    export: op<ExportResult>()(TransferExportInput),
    importOpen: op<ImportPreview>()(ImportOpenInput),
    importUnlock: op<ImportPreview>()(ImportUnlockInput),
    importDiff: op<ImportDiff>()(ImportDiffInput),
    importApply: op<ImportApplyStarted>()(ImportApplyInput),
    importDiscard: op<{ discarded: boolean }>()(ImportDiscardInput),
  },
  /** Compare two vaults (rows arrive as 'compare.progress') and promote from A to B (a bulk write job). */
  compare: {
    start: op<{ compareId: string }>()(CompareStartInput),
    cancel: op<{ cancelled: boolean }>()(CompareIdInput),
    /** Ends the comparison: its HMAC key and what it compared are forgotten. */
    close: op<{ closed: boolean }>()(CompareIdInput),
    /** The dry run: exactly what promote would write, from what was compared; nothing is sent. */
    review: op<PromotePlan>()(PromoteInput),
    /** Starts the promote as a bulk job; progress and results arrive as 'bulk.progress', bulk.cancel stops it. */
    promote: op<{ jobId: string }>()(PromoteInput),
  },
  /** Browse vaults: tenants, subscriptions and vaults from Azure Resource Manager; pages arrive as 'discovery.page'. */
  discovery: {
    start: op<DiscoveryStarted>()(DiscoveryStartInput),
    cancel: op<{ cancelled: boolean }>()(DiscoveryCancelInput),
  },
} as const;

export type Contract = typeof contract;
export type GroupName = keyof Contract;
/** Every operation as 'group.method', e.g. 'secrets.get'. */
export type OperationKey = {
  [G in GroupName]: `${G}.${keyof Contract[G] & string}`;
}[GroupName];
/** The operation an OperationKey names. */
export type OperationOf<K extends OperationKey> = K extends `${infer G}.${infer M}`
  ? G extends GroupName
    ? M extends keyof Contract[G]
      ? Contract[G][M]
      : never
    : never
  : never;

export type OperationInput<Op> = Op extends Operation<infer I, unknown> ? z.input<I> : never;
export type ParsedInput<Op> = Op extends Operation<infer I, unknown> ? z.output<I> : never;
export type OperationResult<Op> = Op extends Operation<z.ZodType, infer O> ? O : never;

/** The channel an operation travels on. The only place channel names are made. */
export const channelOf = (group: string, method: string): string => `kluis:${group}.${method}`;

/** Every operation as [group, method, operation], for registries and API builders. */
export const allOperations = (): Array<[string, string, Operation<z.ZodType, unknown>]> =>
  Object.entries(contract).flatMap(([group, methods]) =>
    Object.entries(methods as Record<string, Operation<z.ZodType, unknown>>).map(
      ([method, operation]) => [group, method, operation] as [string, string, Operation<z.ZodType, unknown>],
    ),
  );
