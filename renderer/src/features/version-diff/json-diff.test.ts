import { describe, expect, it } from 'vitest';
import { diffJson, normaliseJson, parseJsonDocument } from './json-diff';

describe('diffJson', () => {
  it('ignores key order and formatting', () => {
    const d = diffJson('{"b":1,"a":{"y":2,"x":[1,2]}}', '{\n  "a": {"x": [1, 2], "y": 2},\n  "b": 1\n}');
    expect(d?.changes).toEqual([]);
    expect(d?.olderText).toBe(d?.newerText);
    expect(d?.olderText).toBe(
      '{\n  "a": {\n    "x": [\n      1,\n      2\n    ],\n    "y": 2\n  },\n  "b": 1\n}',
    );
  });

  it('names the added, removed and changed paths, nested and in arrays', () => {
    const d = diffJson(
      '{"db":{"host":"a","port":1},"keep":true,"list":[1,2,3],"gone":null}',
      '{"db":{"host":"b","port":1,"tls":{"on":true}},"keep":true,"list":[1,5],"odd key":"x"}',
    );
    expect(d?.changes).toEqual([
      { kind: 'changed', path: '$.db.host', before: '"a"', after: '"b"' },
      { kind: 'added', path: '$.db.tls', after: '{\n  "on": true\n}' },
      { kind: 'removed', path: '$.gone', before: 'null' },
      { kind: 'changed', path: '$.list[1]', before: '2', after: '5' },
      { kind: 'removed', path: '$.list[2]', before: '3' },
      { kind: 'added', path: '$["odd key"]', after: '"x"' },
    ]);
  });

  it('reports a change of type at its path', () => {
    expect(diffJson('{"a":{"b":1}}', '{"a":[1]}')?.changes).toEqual([
      { kind: 'changed', path: '$.a', before: '{\n  "b": 1\n}', after: '[\n  1\n]' },
    ]);
  });

  it('treats __proto__ as an ordinary key', () => {
    const d = diffJson('{"__proto__":{"x":1}}', '{"__proto__":{"x":2}}');
    expect(d?.changes).toEqual([{ kind: 'changed', path: '$.__proto__.x', before: '1', after: '2' }]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('falls back (undefined) for invalid JSON, scalars and empty values', () => {
    expect(diffJson('{"a":1', '{"a":1}')).toBeUndefined();
    expect(diffJson('{"a":1}', 'not json')).toBeUndefined();
    expect(diffJson('42', '43')).toBeUndefined();
    expect(diffJson('', '{}')).toBeUndefined();
    expect(parseJsonDocument('"text"')).toBeUndefined();
  });

  it('normalises empty containers and nested arrays', () => {
    expect(normaliseJson({ b: [], a: {} })).toBe('{\n  "a": {},\n  "b": []\n}');
    expect(diffJson('[]', '[]')?.changes).toEqual([]);
  });
});
