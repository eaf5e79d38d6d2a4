import { crc32 } from './crc32';

/**
 * Record framing for append-only files: magic "KLR1" | payload length (u32 LE) | CRC-32 of payload
 * (u32 LE) | payload. The magic lets a reader tell a torn tail (nothing valid after the damage) from
 * damage in the middle (valid records follow), which must not be silently cut.
 */
const MAGIC = Buffer.from('KLR1', 'ascii');
export const RECORD_HEADER = 12;
const MAX_RECORD = 256 * 1024 * 1024;

export function frame(payload: Buffer): Buffer {
  const head = Buffer.alloc(RECORD_HEADER);
  MAGIC.copy(head, 0);
  head.writeUInt32LE(payload.length, 4);
  head.writeUInt32LE(crc32(payload), 8);
  return Buffer.concat([head, payload]);
}

export interface Damage {
  offset: number;
  reason: string;
  /** True when no valid record follows the damage: a torn tail that can be cut safely. */
  tornTail: boolean;
}

export interface ScanResult {
  records: Buffer[];
  /** Length of the undamaged prefix. */
  validLength: number;
  damage?: Damage;
}

function recordAt(buf: Buffer, offset: number): { payload: Buffer; end: number } | string {
  if (buf.length - offset < RECORD_HEADER) return 'truncated record header';
  if (!buf.subarray(offset, offset + 4).equals(MAGIC)) return 'bad record marker';
  const len = buf.readUInt32LE(offset + 4);
  if (len > MAX_RECORD) return 'implausible record length';
  const end = offset + RECORD_HEADER + len;
  if (end > buf.length) return 'truncated record';
  const payload = buf.subarray(offset + RECORD_HEADER, end);
  if (crc32(payload) !== buf.readUInt32LE(offset + 8)) return 'checksum mismatch';
  return { payload, end };
}

export function scanRecords(buf: Buffer): ScanResult {
  const records: Buffer[] = [];
  let offset = 0;
  while (offset < buf.length) {
    const r = recordAt(buf, offset);
    if (typeof r === 'string') {
      return {
        records,
        validLength: offset,
        damage: { offset, reason: r, tornTail: !validRecordAfter(buf, offset) },
      };
    }
    records.push(r.payload);
    offset = r.end;
  }
  return { records, validLength: offset };
}

function validRecordAfter(buf: Buffer, from: number): boolean {
  let i = buf.indexOf(MAGIC, from + 1);
  while (i >= 0) {
    if (typeof recordAt(buf, i) !== 'string') return true;
    i = buf.indexOf(MAGIC, i + 1);
  }
  return false;
}
