import { describe, expect, it } from 'vitest';
import {
  alphabetFor,
  CHARACTER_CLASSES,
  generateBase64,
  generateGuid,
  generatePassword,
  LOOK_ALIKES,
  randomIndex,
} from './value-generators';

describe('randomIndex', () => {
  it('throws away draws above the largest multiple of n (rejection sampling)', () => {
    const draws = [2 ** 32 - 1, 7];
    const fill = (a: Uint32Array) => {
      a[0] = draws.shift() ?? 0;
      return a;
    };
    // 2^32 - 1 is above 3 * floor(2^32 / 3) - 1, so it is rejected and 7 % 3 is used.
    expect(randomIndex(3, fill)).toBe(1);
    expect(draws).toEqual([]);
  });

  it('spreads evenly over a fixed number of draws (each bucket within 5% of its share)', () => {
    const buckets = new Array<number>(7).fill(0);
    const draws = 70_000;
    for (let i = 0; i < draws; i++) buckets[randomIndex(7)]! += 1;
    for (const count of buckets) expect(Math.abs(count - draws / 7)).toBeLessThan((draws / 7) * 0.05);
  });
});

describe('generatePassword', () => {
  it('has the asked length and a character of every chosen class', () => {
    for (const length of [8, 32, 128]) {
      const p = generatePassword({
        length,
        classes: ['lower', 'upper', 'digits', 'symbols'],
        excludeLookAlikes: false,
      });
      expect(p).toHaveLength(length);
      for (const set of Object.values(CHARACTER_CLASSES))
        expect([...p].some((c) => set.includes(c))).toBe(true);
    }
  });

  it('uses only the chosen classes and leaves out look-alikes when asked', () => {
    for (let i = 0; i < 50; i++) {
      const p = generatePassword({ length: 64, classes: ['lower', 'digits'], excludeLookAlikes: true });
      expect(p).toMatch(/^[a-z0-9]+$/);
      for (const c of LOOK_ALIKES) expect(p).not.toContain(c);
    }
    expect(alphabetFor({ classes: ['upper'], excludeLookAlikes: true })[0]).not.toContain('O');
  });

  it('refuses lengths outside 8-128 and no classes', () => {
    expect(() => generatePassword({ length: 7, classes: ['lower'], excludeLookAlikes: false })).toThrow();
    expect(() => generatePassword({ length: 129, classes: ['lower'], excludeLookAlikes: false })).toThrow();
    expect(() => generatePassword({ length: 16, classes: [], excludeLookAlikes: false })).toThrow();
  });
});

describe('other generators', () => {
  it('makes version 4 GUIDs', () => {
    const guids = new Set(Array.from({ length: 100 }, generateGuid));
    expect(guids.size).toBe(100);
    for (const g of guids)
      expect(g).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('encodes N random bytes as base64', () => {
    const b = generateBase64(64);
    expect(b).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(atob(b)).toHaveLength(64);
    expect(generateBase64(64)).not.toBe(b);
  });
});
