import { describe, expect, it } from 'vitest';
import { rotatedExpiry, rotationValue, validityPeriod } from './rotation';

const DAY = 86_400_000;
const now = Date.parse('2026-10-25T00:30:00Z'); // the night European clocks go back

describe('rotation helper', () => {
  it('extends by the previous validity period, from not-before or else creation', () => {
    const created = now - 400 * DAY;
    expect(validityPeriod({ createdOn: created, expiresOn: created + 90 * DAY })).toBe(90 * DAY);
    expect(
      validityPeriod({ createdOn: created, notBefore: created + 10 * DAY, expiresOn: created + 40 * DAY }),
    ).toBe(30 * DAY);
    expect(rotatedExpiry({ createdOn: created, expiresOn: created + 90 * DAY }, now)).toBe(now + 90 * DAY);
  });

  it('no expiry (or dates that make no period) means the new version has none', () => {
    expect(rotatedExpiry({ createdOn: now }, now)).toBeUndefined();
    expect(rotatedExpiry({ expiresOn: now }, now)).toBeUndefined();
    expect(rotatedExpiry({ createdOn: now, expiresOn: now - DAY }, now)).toBeUndefined();
  });

  it('generates a fresh 32-character value each time', () => {
    const a = rotationValue();
    expect(a).toHaveLength(32);
    expect(rotationValue()).not.toBe(a);
  });
});
