import { describe, expect, it } from 'vitest';
import {
  nameCollisions,
  nameProblem,
  recordProblem,
  suggestName,
} from '../../../../electron/core/transfer/import-rows';

describe('import rows', () => {
  it('suggests secret names for keys Key Vault does not take', () => {
    expect(suggestName('DB_PASSWORD')).toBe('DB-PASSWORD');
    expect(suggestName('app.settings key')).toBe('app-settings-key');
    expect(suggestName('already-fine')).toBe('already-fine');
    expect(suggestName('x'.repeat(200))).toHaveLength(127);
  });

  it('says why a name or a record breaks the service’s rules, never quoting the value', () => {
    expect(nameProblem('ok-name')).toBeUndefined();
    expect(nameProblem('')).toMatch(/no secret name/);
    expect(nameProblem('bad_name')).toMatch(/letters, digits and dashes/);
    expect(nameProblem('a'.repeat(128))).toMatch(/at most 127/);
    const secret = 'S3CRET-'.repeat(4000);
    const tooLong = recordProblem({ key: 'k', value: secret, line: 1 });
    expect(tooLong).toMatch(/28,000 characters; Key Vault holds at most 25,600/);
    expect(tooLong).not.toContain('S3CRET');
    const tags = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, 'v']));
    expect(recordProblem({ key: 'k', value: 'v', line: 1, tags })).toMatch(/16 tags/);
    expect(recordProblem({ key: 'k', value: 'v', line: 1, contentType: 'c'.repeat(256) })).toMatch(
      /content type/,
    );
    expect(recordProblem({ key: 'k', value: 'v', line: 1, notBefore: 2, expiresOn: 1 })).toMatch(
      /after it expires/,
    );
    expect(recordProblem({ key: 'k', value: 'x'.repeat(25_600), line: 1 })).toBeUndefined();
  });

  it('catches names that are the same secret, case-insensitively, naming the other line', () => {
    const out = nameCollisions([
      { name: 'DB-PASSWORD', line: 2 },
      { name: 'other', line: 3 },
      { name: 'db-password', line: 7 },
      { name: '', line: 8 },
    ]);
    expect([...out.keys()].sort()).toEqual([0, 2]);
    expect(out.get(0)).toContain('line 7');
    expect(out.get(2)).toContain('line 2');
  });
});
