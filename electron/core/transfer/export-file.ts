import type { BulkItemResult, ExportFormat, ExportResult, KluisError } from '../../contract';
import { toKluisError } from '../errors/error-mapping';
import { failure } from '../errors/kluis-failure';
import { writeFileAtomically } from '../files/atomic-file';
import { BUNDLE_EXTENSION, writeBundle } from './bundle-format';
import { writeCsv } from './csv-format';
import { envKeyOf, writeDotenv } from './dotenv-format';
import { writeJsonFull, writeJsonMap } from './json-format';
import type { TransferRecord } from './transfer-records';
import type { TransferVault } from './transfer-vault';

export interface ExportDeps {
  vault: TransferVault;
  showSaveDialog?: (options: { defaultPath: string }) => Promise<string | undefined>;
  /** The vault's name as the sidebar shows it, for the suggested file name. */
  vaultName: (vaultId: string) => string;
}

const EXTENSIONS: Record<ExportFormat, string> = {
  env: 'env',
  json: 'json',
  'json-full': 'json',
  csv: 'csv',
  bundle: BUNDLE_EXTENSION,
};

/** A file name made of the vault's name: letters, digits, dashes and dots only. */
const fileBase = (name: string) =>
  name.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'secrets';

async function encode(
  format: ExportFormat,
  records: TransferRecord[],
  vaultName: string,
  passphrase?: string,
) {
  const heading = `Secrets of ${vaultName.replace(/[\r\n]/g, ' ')}, exported by Kluis on ${new Date().toISOString()}. Plain text: keep this file private.`;
  switch (format) {
    case 'env':
      return writeDotenv(
        records.map((r) => ({ key: envKeyOf(r.key), value: r.value })),
        heading,
      );
    case 'json':
      return writeJsonMap(records);
    case 'json-full':
      return writeJsonFull(records);
    case 'csv':
      return writeCsv(records);
    case 'bundle':
      if (!passphrase)
        throw failure('invalid-input', 'Give the bundle a passphrase.', { field: 'passphrase' });
      return writeBundle(records, passphrase, { exportedFrom: vaultName });
  }
}

/**
 * Exports secrets to the file the user picks in main's save dialog: asked first (a cancel reads nothing), then
 * every value is read here in main and the whole file is written at once (atomically, 0600). Secrets that cannot
 * be read are left out and reported; if none can be, no file is written.
 */
export async function exportToFile(
  deps: ExportDeps,
  input: { vaultId: string; names?: string[]; format: ExportFormat; passphrase?: string },
): Promise<ExportResult> {
  const { vaultId, format } = input;
  if (!deps.showSaveDialog)
    throw failure('not-configured', 'Saving to a file is not available in this build of Kluis.');
  const vaultName = deps.vaultName(vaultId);
  const path = await deps.showSaveDialog({ defaultPath: `${fileBase(vaultName)}.${EXTENSIONS[format]}` });
  if (!path) return { saved: false, count: 0, skipped: [] };

  const skipped: BulkItemResult[] = [];
  let names = input.names;
  if (!names) {
    const listed = await deps.vault.listSecrets(vaultId);
    names = [];
    for (const p of listed) {
      if (p.managed) {
        skipped.push({
          name: p.name,
          ok: false,
          error: 'Belongs to a certificate: export the certificate instead.',
        });
      } else names.push(p.name);
    }
  }
  const byName = new Map<string, TransferRecord>();
  const errors: KluisError[] = [];
  await deps.vault.readEach(vaultId, names, (name, read) => {
    if ('error' in read) {
      const error = toKluisError(read.error, { operation: 'secrets.get', secretName: name });
      errors.push(error);
      skipped.push({ name, ok: false, error: error.message });
      return;
    }
    const p = read.secret.properties;
    const record: TransferRecord = { key: name, value: read.secret.value, line: 0, tags: { ...p.tags } };
    if (p.contentType !== undefined) record.contentType = p.contentType;
    if (p.enabled !== undefined) record.enabled = p.enabled;
    if (p.notBefore !== undefined) record.notBefore = p.notBefore;
    if (p.expiresOn !== undefined) record.expiresOn = p.expiresOn;
    if (p.createdOn !== undefined) record.createdOn = p.createdOn;
    if (p.updatedOn !== undefined) record.updatedOn = p.updatedOn;
    byName.set(name, record);
  });
  // In the order asked for (the list's order), whatever order the reads finished in.
  const records = names.flatMap((n) => byName.get(n) ?? []);
  if (records.length === 0) {
    const first = errors[0];
    if (!first) throw failure('not-found', `${vaultName} has no secrets to export; nothing was written.`);
    throw failure(first.kind, `No secret could be read, so nothing was written. ${first.message}`);
  }
  await writeFileAtomically(path, await encode(format, records, vaultName, input.passphrase));
  for (const r of records) r.value = '';
  return { saved: true, path, count: records.length, skipped };
}
