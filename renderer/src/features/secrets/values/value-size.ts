import { MAX_SECRET_VALUE_LENGTH } from '../../../../../electron/contract/limits';

export type SizeLevel = 'ok' | 'near' | 'over';

/** From this share of the limit on, the meter turns orange. */
export const NEAR_LIMIT_SHARE = 0.9;

export interface ValueSize {
  chars: number;
  bytes: number;
  level: SizeLevel;
  /** 0..1 of the limit, capped at 1 for the bar. */
  share: number;
}

export function measureValue(value: string): ValueSize {
  const chars = value.length;
  const bytes = new TextEncoder().encode(value).length;
  const share = chars / MAX_SECRET_VALUE_LENGTH;
  const level: SizeLevel =
    chars > MAX_SECRET_VALUE_LENGTH ? 'over' : share >= NEAR_LIMIT_SHARE ? 'near' : 'ok';
  return { chars, bytes, level, share: Math.min(1, share) };
}
