import { BUNDLE_EXTENSION, isBundle, readBundle } from './bundle-format';
import { parseCsv } from './csv-format';
import { parseDotenv } from './dotenv-format';
import { parseJson } from './json-format';
import type { TransferRecord } from './transfer-records';

/** The formats a file is read as; 'json' is either JSON form (the full one says so in its "format" member). */
export type ImportFormat = 'env' | 'json' | 'csv' | 'bundle';

export const IMPORT_FILTERS = [
  { name: 'Secrets (.env, JSON, CSV, Kluis bundle)', extensions: ['env', 'json', 'csv', BUNDLE_EXTENSION] },
];

/** Which format a chosen file is: a bundle by its first line, otherwise by its extension (.env when unsure). */
export function formatOf(path: string, text: string): ImportFormat {
  if (isBundle(text)) return 'bundle';
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  return 'env';
}

export function parsePlain(format: Exclude<ImportFormat, 'bundle'>, text: string): TransferRecord[] {
  switch (format) {
    case 'env':
      return parseDotenv(text);
    case 'json':
      return parseJson(text);
    case 'csv':
      return parseCsv(text);
  }
}

export { readBundle };
