/**
 * What an export writes and an import reads, whatever the file's format: one secret's value and (for the formats
 * that hold them) its properties. Values live only in main; nothing here logs one.
 */
export interface TransferRecord {
  /** The name (JSON, CSV, bundle) or key (.env) as the file holds it; an import maps it to a secret name. */
  key: string;
  value: string;
  /** Where it starts in the file (1-based), for messages; 0 where the format has no lines (a bundle). */
  line: number;
  contentType?: string;
  tags?: Record<string, string>;
  enabled?: boolean;
  notBefore?: number;
  expiresOn?: number;
  /** Exported for the reader's information; Key Vault sets these itself, so an import cannot. */
  createdOn?: number;
  updatedOn?: number;
}

/** The properties a record may carry that an import writes (createdOn and updatedOn are the service's own). */
export const WRITABLE_PROPERTIES = ['contentType', 'tags', 'enabled', 'notBefore', 'expiresOn'] as const;

/** Whether the file's format holds properties at all (.env and the plain JSON map hold only values). */
export const hasProperties = (r: TransferRecord): boolean =>
  WRITABLE_PROPERTIES.some((p) => r[p] !== undefined);

/**
 * A file that cannot be read as its format. Nothing of such a file is imported. `line` and `column` (1-based)
 * point at the problem where there is one; `code` tells the kind for the caller.
 */
export class TransferParseError extends Error {
  override readonly name = 'TransferParseError';
  constructor(
    readonly code:
      | 'syntax'
      | 'duplicate-key'
      | 'bad-quote'
      | 'not-a-bundle'
      | 'bundle-version'
      | 'bundle-truncated'
      | 'bundle-tampered'
      | 'wrong-passphrase'
      | 'too-large',
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** "line 4" or "line 4, column 12", for messages. */
export const at = (line: number, column?: number): string =>
  column === undefined ? `line ${line}` : `line ${line}, column ${column}`;

/** Strips a UTF-8 byte order mark, which editors on Windows put at the start of text files. */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
