import { describe, expect, it } from 'vitest';
import {
  MAX_CONTENT_TYPE_LENGTH,
  MAX_SECRET_VALUE_LENGTH,
  MAX_TAG_NAME_LENGTH,
  MAX_TAGS,
} from '../../../../../electron/contract/models';
import { CONTENT_TYPE_LIMIT, TAG_LIMIT, TAG_TEXT_LIMIT, VALUE_LIMIT_CHARS } from './value-limits';
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

  it('uses the contract limits', () => {
    expect(VALUE_LIMIT_CHARS).toBe(MAX_SECRET_VALUE_LENGTH);
    expect(CONTENT_TYPE_LIMIT).toBe(MAX_CONTENT_TYPE_LENGTH);
    expect(TAG_LIMIT).toBe(MAX_TAGS);
    expect(TAG_TEXT_LIMIT).toBe(MAX_TAG_NAME_LENGTH);
  });
});
