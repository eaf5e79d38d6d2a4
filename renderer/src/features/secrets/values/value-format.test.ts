import { describe, expect, it } from 'vitest';
import { describeValue, formatSummary, jsonProblem } from './value-format';

const PEM = (type: string) => `-----BEGIN ${type}-----\nMIIBszCCAVmgAwIBAgIU\n-----END ${type}-----\n`;

describe('describeValue', () => {
  it('pretty-prints JSON when the content type says JSON', () => {
    const f = describeValue('{"user":"app","port":5432}', 'application/json');
    expect(f).toEqual({ kind: 'json', pretty: '{\n  "user": "app",\n  "port": 5432\n}' });
    expect(formatSummary(f)).toBe('Valid JSON');
  });

  it('says where invalid JSON breaks without quoting the value', () => {
    const value = '{"password": S3cr3tXYZ}';
    const f = describeValue(value, 'application/json');
    expect(f.kind).toBe('json-invalid');
    const summary = formatSummary(f) ?? '';
    expect(summary).toMatch(/^Invalid JSON: line 1, column \d+ \(position \d+\)$/);
    expect(summary).not.toContain('S3cr3t');
    expect(jsonProblem('{"a":1,\n"b":')).toMatch(/^Invalid JSON: line 2/);
  });

  it('counts PEM blocks and names their types', () => {
    const f = describeValue(PEM('CERTIFICATE') + PEM('CERTIFICATE') + PEM('PRIVATE KEY'));
    expect(f).toEqual({ kind: 'pem', blockTypes: ['CERTIFICATE', 'CERTIFICATE', 'PRIVATE KEY'] });
    expect(formatSummary(f)).toBe('PEM: 3 blocks (CERTIFICATE, PRIVATE KEY)');
  });

  it('hints at base64 with the decoded size', () => {
    const bytes = 48;
    const encoded = btoa(String.fromCharCode(...Array.from({ length: bytes }, (_, i) => i)));
    expect(formatSummary(describeValue(encoded))).toBe(`Looks like base64, ${bytes} bytes decoded`);
    expect(describeValue('abcd').kind).toBe('text');
    expect(describeValue('y'.repeat(400)).kind).toBe('text');
    expect(describeValue('just a sentence, not base64').kind).toBe('text');
  });
});

describe('jsonProblem', () => {
  it('agrees with JSON.parse on what is valid', () => {
    const valid = [
      '{}',
      '[]',
      '0',
      '-1.5e+3',
      '"a\\u00e9\\n"',
      ' {"a":[1,true,false,null,{"b":"c"}]} ',
      '[1, 2]',
    ];
    const invalid = [
      '',
      '{',
      '{"a"}',
      '[1,]',
      '01',
      'tru',
      '"\\x"',
      '{"a":1}x',
      '"abc',
      "{'a':1}",
      '[1 2]',
      'NaN',
    ];
    for (const text of valid) expect(jsonProblem(text), text).toBeUndefined();
    for (const text of invalid) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(jsonProblem(text), text).toMatch(/^Invalid JSON/);
    }
  });

  it('points at the offending character', () => {
    expect(jsonProblem('{"a": x}')).toBe('Invalid JSON: line 1, column 7 (position 6)');
    expect(jsonProblem('[1,\n  ]')).toBe('Invalid JSON: line 2, column 3 (position 6)');
  });
});
