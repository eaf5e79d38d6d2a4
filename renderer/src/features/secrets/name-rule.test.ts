import { describe, expect, it } from 'vitest';
import { NAME_RULE, secretNameProblem } from './name-rule';

describe('secretNameProblem', () => {
  it('accepts letters, digits and dashes up to 127 characters', () => {
    expect(secretNameProblem('db-password-2')).toBeUndefined();
    expect(secretNameProblem('A'.repeat(127))).toBeUndefined();
    expect(secretNameProblem('-')).toBeUndefined();
  });
  it('asks for a name when empty', () => {
    expect(secretNameProblem('')).toMatch(/required/);
  });
  it('names the characters that are not allowed and states the rule', () => {
    const problem = secretNameProblem('db_pass word');
    expect(problem).toContain('“_”');
    expect(problem).toContain('space');
    expect(problem).toContain(NAME_RULE);
  });
  it('rejects 128 characters with the length', () => {
    expect(secretNameProblem('a'.repeat(128))).toMatch(/128 characters/);
  });
});
