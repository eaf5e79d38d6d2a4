import { describe, expect, it } from 'vitest';
import { MAX_EXTEND_DAYS as CONTRACT_MAX_EXTEND_DAYS } from '../../../../electron/contract/bulk';
import { MAX_EXTEND_DAYS } from './DashboardBulkDialog';

describe('dashboard limits', () => {
  it('repeats the contract limit on extend-expiry days', () => {
    expect(MAX_EXTEND_DAYS).toBe(CONTRACT_MAX_EXTEND_DAYS);
  });
});
