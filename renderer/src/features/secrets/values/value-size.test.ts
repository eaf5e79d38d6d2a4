import { describe, expect, it } from 'vitest';
import { measureValue } from './value-size';

describe('measureValue', () => {
  it('is ok below 90% of the limit, near from 90%, over past 25,600 characters', () => {
    expect(measureValue('x'.repeat(23_039)).level).toBe('ok');
    expect(measureValue('x'.repeat(23_040)).level).toBe('near');
    expect(measureValue('x'.repeat(25_600)).level).toBe('near');
    const over = measureValue('x'.repeat(25_601));
    expect(over.level).toBe('over');
    expect(over.share).toBe(1);
  });

  it('counts bytes as UTF-8', () => {
    expect(measureValue('é€')).toMatchObject({ chars: 2, bytes: 5 });
  });
});
