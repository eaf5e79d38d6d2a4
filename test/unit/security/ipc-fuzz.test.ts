import { describe, expect, it } from 'vitest';
import { allOperations, channelOf } from '../../../electron/contract';
import { createHandlerRegistry, type KluisImplementation, type SenderInfo } from '../../../electron/core';

/**
 * Sends well over 10,000 malformed payloads across every IPC channel. Each must come back as invalid-input
 * data: the implementation never runs, the handler never throws, and no error repeats a secret value.
 */

const MARKER = 'S3cret-Marker-7f1c9a';
const TRUSTED: SenderInfo = { webContentsId: 1, isMainFrame: true, url: 'file:///app/index.html' };
const VERSION = '0123456789abcdef0123456789abcdef';
const FP = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(
  ':',
);

/** A valid input per operation, to mutate into invalid ones. */
const VALID: Record<string, Record<string, unknown>> = {
  'app.getState': {},
  'app.copyText': { text: 'ABCD-EFGH' },
  'app.openDeviceCodePage': { vaultId: 'v1' },
  'app.setValueVisible': { visible: true },
  'settings.updateUi': { theme: 'dark', revealSeconds: 30, contentProtection: true },
  'settings.saveViewState': { vaultId: 'v1', secretName: 'db-password', scrollTop: 120 },
  'vaults.add': { vault: 'contoso-kv', auth: { method: 'default' } },
  'vaults.remove': { vaultId: 'v1' },
  'vaults.rename': { vaultId: 'v1', displayName: 'Prod' },
  'vaults.select': { vaultId: 'v1' },
  'vaults.setPinned': { vaultId: 'v1', pinned: true },
  'vaults.setAuth': { vaultId: 'v1', auth: { method: 'azure-cli' } },
  'vaults.inspectCertificates': { vaultId: 'v1', origin: 'https://vault.example.com' },
  'vaults.pinCertificate': { vaultId: 'v1', origin: 'https://vault.example.com', fingerprint256: FP },
  'vaults.unpinCertificate': { vaultId: 'v1', origin: 'https://vault.example.com', fingerprint256: FP },
  'vaults.diagnose': { vaultId: 'v1', runId: '0b6e8d1c-2f4a-4c3b-8d9e-7a6b5c4d3e2f' },
  'localVault.open': {},
  'localVault.status': {},
  'secrets.listPage': { vaultId: 'v1', continuationToken: 'next' },
  'secrets.listVersionsPage': { vaultId: 'v1', name: 'db-password' },
  'secrets.get': { vaultId: 'v1', name: 'db-password', version: VERSION },
  'secrets.set': {
    vaultId: 'v1',
    name: 'db-password',
    value: MARKER,
    contentType: 'text/plain',
    tags: { a: 'b' },
  },
  'secrets.updateProperties': { vaultId: 'v1', name: 'db-password', enabled: false },
  'secrets.delete': { vaultId: 'v1', name: 'db-password' },
  'secrets.copyValue': { vaultId: 'v1', name: 'db-password' },
  'secrets.saveValueToFile': { vaultId: 'v1', name: 'db-password' },
  'deleted.listPage': { vaultId: 'v1' },
  'deleted.get': { vaultId: 'v1', name: 'db-password' },
  'deleted.recover': { vaultId: 'v1', name: 'db-password' },
  'deleted.purge': { vaultId: 'v1', name: 'db-password' },
  'secrets.backupToFile': { vaultId: 'v1', name: 'db-password' },
  'secrets.restoreFromFile': { vaultId: 'v1' },
  'versions.restore': { vaultId: 'v1', name: 'db-password', version: VERSION, expectedVersion: VERSION },
  'bulk.start': { vaultId: 'v1', action: 'delete', names: ['db-password', 'api-key'] },
  'bulk.cancel': { jobId: '6f1c2b9e-4d3a-4f5b-9c7d-1e2f3a4b5c6d' },
  'index.build': { buildId: '0b6e8d1c-2f4a-4c3b-8d9e-7a6b5c4d3e2f', vaultIds: ['v1'] },
  'transfer.export': { vaultId: 'v1', format: 'bundle', passphrase: MARKER, names: ['db-password'] },
  'transfer.importOpen': { vaultId: 'v1' },
  'transfer.importUnlock': { importId: '6f1c2b9e-4d3a-4f5b-9c7d-1e2f3a4b5c6d', passphrase: MARKER },
  'transfer.importDiff': { importId: '6f1c2b9e-4d3a-4f5b-9c7d-1e2f3a4b5c6d', names: ['db-password'] },
  'transfer.importApply': {
    importId: '6f1c2b9e-4d3a-4f5b-9c7d-1e2f3a4b5c6d',
    conflict: 'skip',
    deleted: 'recover',
  },
  'transfer.importDiscard': { importId: '6f1c2b9e-4d3a-4f5b-9c7d-1e2f3a4b5c6d' },
  'compare.start': { vaultA: 'v1', vaultB: 'v2', filter: 'db' },
  'compare.cancel': { compareId: '7c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' },
  'compare.close': { compareId: '7c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' },
  'compare.review': {
    compareId: '7c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    items: [{ name: 'db-password', mode: 'copy' }],
    metadata: { tags: true, contentType: true, dates: false },
  },
  'compare.promote': {
    compareId: '7c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    items: [{ name: 'db-password', mode: 'new-version' }],
    metadata: { tags: false, contentType: true, dates: true },
  },
  'discovery.start': {
    browseId: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99',
    auth: { method: 'azure-cli' },
    tenantId: 'contoso.onmicrosoft.com',
  },
  'discovery.cancel': { browseId: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99' },
  'auth.saveServicePrincipal': { vaultId: 'v1', tenantId: 't1', clientId: 'c1', secret: 's3cret' },
  'auth.signOut': { vaultId: 'v1' },
  'auth.whoAmI': { vaultId: 'v1' },
  'auth.cancelSignIn': { vaultId: 'v1' },
};

/** Deterministic PRNG so a failure can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CONFUSABLE_NAMES = [
  'dь-password',
  'db‐password',
  'ｄｂ',
  'db\u200bpass',
  'db\u0000',
  'dｂ',
  'ԁb',
  '../db',
  'db/1',
  ' db',
];
const WRONG_TYPES: unknown[] = [
  42,
  -1,
  1.5,
  NaN,
  true,
  false,
  [],
  [MARKER],
  { nested: MARKER },
  Symbol.for('x'),
  10n,
];
const deep = (depth: number): unknown => {
  let v: unknown = MARKER;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

type Mutation = (valid: Record<string, unknown>, rnd: () => number) => unknown;

const pick = <T>(items: readonly T[], rnd: () => number): T => items[Math.floor(rnd() * items.length)]!;

const MUTATIONS: Array<[string, Mutation]> = [
  [
    'extra field',
    (v, r) => ({ ...v, [pick(['extra', 'value2', 'isAdmin', 'vaultUrl', MARKER], r)]: MARKER }),
  ],
  [
    '__proto__ key',
    (v) => {
      const rest = JSON.stringify(v).slice(1, -1);
      return JSON.parse(`{"__proto__":{"polluted":"${MARKER}"}${rest ? `,${rest}` : ''}}`);
    },
  ],
  ['constructor key', (v) => ({ ...v, constructor: { prototype: { polluted: MARKER } } })],
  ['not an object', (_v, r) => pick([MARKER, 7, true, [MARKER], ['a', 'b']], r)],
  [
    'wrong type for a field',
    (v, r) => {
      const keys = Object.keys(v);
      if (keys.length === 0) return { [MARKER]: 1 };
      const key = pick(keys, r);
      const current = v[key];
      // A value of another type than the valid one (a number is no wrong type for a number field).
      const wrong = WRONG_TYPES.filter(
        (w) =>
          typeof w !== 'symbol' && typeof w !== typeof current && Array.isArray(w) === Array.isArray(current),
      );
      // An array field (bulk names) gets an array holding a wrong-typed element.
      return { ...v, [key]: pick(wrong.length ? wrong : [[MARKER, 42]], r) };
    },
  ],
  [
    'huge string in a field',
    (v, r) => {
      const keys = Object.keys(v);
      const key = keys.length ? pick(keys, r) : 'huge';
      return { ...v, [key]: MARKER + 'x'.repeat(100_000 + Math.floor(r() * 1_000_000)) };
    },
  ],
  ['deep nesting', (v, r) => ({ ...v, [Object.keys(v)[0] ?? 'deep']: deep(50 + Math.floor(r() * 5000)) })],
  [
    'missing or confusable name',
    (v, r) => {
      if ('name' in v) {
        if (r() < 0.3) {
          const { name: _name, ...rest } = v;
          return rest;
        }
        return { ...v, name: pick(CONFUSABLE_NAMES, r) + MARKER.slice(0, r() < 0.5 ? 0 : 3) };
      }
      if ('vaultId' in v) {
        const { vaultId: _vaultId, ...rest } = v;
        return r() < 0.5 ? rest : { ...v, vaultId: '../../' + MARKER };
      }
      return { ...v, [MARKER]: MARKER };
    },
  ],
];

function makeImplementation(calls: string[]): KluisImplementation {
  const groups: Record<string, Record<string, () => Promise<never>>> = {};
  for (const [group, method] of allOperations()) {
    (groups[group] ??= {})[method] = async () => {
      calls.push(`${group}.${method}`);
      throw new Error('must not be reached with invalid input');
    };
  }
  return groups as unknown as KluisImplementation;
}

describe('IPC fuzzing', () => {
  it('answers every malformed payload with invalid-input and never runs the operation', async () => {
    const calls: string[] = [];
    const registry = createHandlerRegistry(makeImplementation(calls), () => true);
    const rnd = prng(20261129);
    const operations = allOperations();
    expect(Object.keys(VALID).sort()).toEqual(operations.map(([g, m]) => `${g}.${m}`).sort());

    let sent = 0;
    const perMutation = new Map<string, number>();
    const rounds = 10_500;
    for (let i = 0; i < rounds; i++) {
      const [group, method] = operations[i % operations.length]!;
      const [mutationName, mutate] = MUTATIONS[Math.floor(i / operations.length) % MUTATIONS.length]!;
      const payload = mutate(VALID[`${group}.${method}`]!, rnd);
      const handler = registry.get(channelOf(group, method))!;
      const result = await handler(TRUSTED, payload);
      sent++;
      perMutation.set(mutationName, (perMutation.get(mutationName) ?? 0) + 1);
      if (result.ok || result.error.kind !== 'invalid-input') {
        throw new Error(
          `${group}.${method} / ${mutationName}: expected invalid-input, got ${JSON.stringify(result)}`,
        );
      }
      expect(JSON.stringify(result)).not.toContain(MARKER);
    }
    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect(calls).toEqual([]);
    for (const [name] of MUTATIONS) expect(perMutation.get(name), name).toBeGreaterThan(1000);
    // No mutation leaked onto Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // CPU-bound and growing with every channel (about 5 s with the import, export and compare channels on a
    // loaded 2-core machine): more than the default 5 s.
  }, 30_000);

  it('refuses every channel from a sender that is not our main frame, before looking at the input', async () => {
    const calls: string[] = [];
    const trusted = (s: SenderInfo) => s.webContentsId === 1 && s.isMainFrame;
    const registry = createHandlerRegistry(makeImplementation(calls), trusted);
    const senders: SenderInfo[] = [
      { webContentsId: 1, isMainFrame: false, url: 'file:///app/index.html' },
      { webContentsId: 2, isMainFrame: true, url: 'https://evil.example/' },
    ];
    for (const [group, method] of allOperations()) {
      for (const sender of senders) {
        const result = await registry.get(channelOf(group, method))!(sender, VALID[`${group}.${method}`]);
        expect(result).toMatchObject({ ok: false, error: { kind: 'sender-refused' } });
      }
    }
    expect(calls).toEqual([]);
  });
});
