import { describe, expect, it } from 'vitest';
import { expiryLevel, formatExpiry, formatRelative } from './relative-time';

const now = Date.UTC(2026, 10, 29, 12, 0, 0);
const min = 60_000;
const hour = 60 * min;
const day = 24 * hour;

describe('formatRelative', () => {
  it('says "just now" within a few seconds either way', () => {
    expect(formatRelative(now - 10_000, now)).toBe('just now');
    expect(formatRelative(now + 10_000, now)).toBe('just now');
  });
  it('uses minutes, hours, days, months and years', () => {
    expect(formatRelative(now - 5 * min, now)).toBe('5 min ago');
    expect(formatRelative(now - 2 * hour, now)).toBe('2 h ago');
    expect(formatRelative(now - 3 * day, now)).toBe('3 d ago');
    expect(formatRelative(now - 90 * day, now)).toBe('3 mo ago');
    expect(formatRelative(now - 400 * day, now)).toBe('1 y ago');
  });
  it('puts future times as "in …"', () => {
    expect(formatRelative(now + 12 * day, now)).toBe('in 12 d');
    expect(formatRelative(now + 3 * hour, now)).toBe('in 3 h');
  });
});

describe('formatExpiry', () => {
  it('shows a dash without an expiry date', () => {
    expect(formatExpiry(undefined, now)).toBe('—');
  });
  it('shows "expired" once the date has passed, including exactly now', () => {
    expect(formatExpiry(now - day, now)).toBe('expired');
    expect(formatExpiry(now, now)).toBe('expired');
  });
  it('shows the time left otherwise', () => {
    expect(formatExpiry(now + 12 * day, now)).toBe('in 12 d');
  });
});

describe('expiryLevel', () => {
  it('flags not-yet-active before expiry', () => {
    expect(expiryLevel({ notBefore: now + day, expiresOn: now - day }, now, 30)).toBe('not-yet-active');
  });
  it('separates expired, soon and ok by the warning window', () => {
    expect(expiryLevel({ expiresOn: now - 1 }, now, 30)).toBe('expired');
    expect(expiryLevel({ expiresOn: now + 10 * day }, now, 30)).toBe('soon');
    expect(expiryLevel({ expiresOn: now + 40 * day }, now, 30)).toBe('ok');
    expect(expiryLevel({}, now, 30)).toBe('none');
  });
});
