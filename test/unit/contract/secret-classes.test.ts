import { describe, expect, it } from 'vitest';
import { classifySecret, countClasses, DAY_MS, inWarningWindow } from '../../../electron/contract';

const now = Date.parse('2026-03-29T01:30:00Z'); // the night European clocks go forward
const o = { now, warningDays: 30, staleDays: 365 };
const base = {
  enabled: true,
  contentType: 'text/plain',
  updatedOn: now - DAY_MS,
  expiresOn: now + 90 * DAY_MS,
};

describe('classifySecret', () => {
  it('a healthy secret is in no class', () => {
    expect(classifySecret(base, o)).toEqual([]);
  });

  it('expiry exactly now is expired; a millisecond later is expiring', () => {
    expect(classifySecret({ ...base, expiresOn: now }, o)).toEqual(['expired']);
    expect(classifySecret({ ...base, expiresOn: now + 1 }, o)).toEqual(['expiring']);
    expect(classifySecret({ ...base, expiresOn: now - 1 }, o)).toEqual(['expired']);
  });

  it('the warning window is N x 24 h, inclusive, whatever the daylight saving changes in between', () => {
    expect(classifySecret({ ...base, expiresOn: now + 30 * DAY_MS }, o)).toEqual(['expiring']);
    expect(classifySecret({ ...base, expiresOn: now + 30 * DAY_MS + 1 }, o)).toEqual([]);
    expect(classifySecret({ ...base, expiresOn: now + 7 * DAY_MS }, { ...o, warningDays: 7 })).toEqual([
      'expiring',
    ]);
  });

  it('the same instant written in different time zones classifies the same', () => {
    const inAmsterdam = Date.parse('2026-04-28T03:30:00+02:00');
    const inNewYork = Date.parse('2026-04-27T21:30:00-04:00');
    const inUtc = Date.parse('2026-04-28T01:30:00Z');
    expect(new Set([inAmsterdam, inNewYork, inUtc]).size).toBe(1);
    expect(classifySecret({ ...base, expiresOn: inAmsterdam }, o)).toEqual(
      classifySecret({ ...base, expiresOn: inNewYork }, o),
    );
    // 2026-04-28T01:30Z is exactly 30 days after now: inside the window.
    expect(classifySecret({ ...base, expiresOn: inUtc }, o)).toEqual(['expiring']);
  });

  it('not-before in the future is not yet active; exactly now is active', () => {
    expect(classifySecret({ ...base, notBefore: now + 1 }, o)).toEqual(['not-yet-active']);
    expect(classifySecret({ ...base, notBefore: now }, o)).toEqual([]);
    // Both can hold: a window that has not opened yet and has already closed.
    expect(classifySecret({ ...base, notBefore: now + DAY_MS, expiresOn: now - DAY_MS }, o)).toEqual([
      'expired',
      'not-yet-active',
    ]);
  });

  it('disabled, no expiry, no content type', () => {
    expect(classifySecret({ enabled: false, updatedOn: now, contentType: '' }, o)).toEqual([
      'disabled',
      'no-expiry',
      'no-content-type',
    ]);
    // Enabled unless the service says false.
    expect(classifySecret({ ...base, enabled: undefined }, o)).toEqual([]);
  });

  it('unchanged for more than M days, from the last update (or creation)', () => {
    expect(classifySecret({ ...base, updatedOn: now - 365 * DAY_MS }, o)).toEqual([]);
    expect(classifySecret({ ...base, updatedOn: now - 365 * DAY_MS - 1 }, o)).toEqual(['stale']);
    expect(classifySecret({ ...base, updatedOn: undefined, createdOn: now - 400 * DAY_MS }, o)).toEqual([
      'stale',
    ]);
    expect(classifySecret({ ...base, updatedOn: now - 10 * DAY_MS }, { ...o, staleDays: 7 })).toEqual([
      'stale',
    ]);
    // No dates at all: nothing to say.
    expect(classifySecret({ ...base, updatedOn: undefined }, o)).toEqual([]);
  });

  it('moves with the given clock', () => {
    const s = { ...base, expiresOn: now + 40 * DAY_MS };
    expect(classifySecret(s, o)).toEqual([]);
    expect(classifySecret(s, { ...o, now: now + 10 * DAY_MS })).toEqual(['expiring']);
    expect(classifySecret(s, { ...o, now: now + 40 * DAY_MS })).toEqual(['expired']);
    expect(inWarningWindow(s, { ...o, now: now + 10 * DAY_MS })).toBe(true);
    expect(inWarningWindow(s, { ...o, now: now + 40 * DAY_MS })).toBe(false);
  });

  it('counts per class', () => {
    const counts = countClasses(
      [base, { ...base, expiresOn: now }, { ...base, enabled: false, expiresOn: undefined }],
      o,
    );
    expect(counts).toEqual({
      expired: 1,
      expiring: 0,
      'not-yet-active': 0,
      disabled: 1,
      'no-expiry': 1,
      'no-content-type': 0,
      stale: 0,
    });
  });
});
