import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFormat, ImportPreview } from '../../../electron/contract';
import { scratchDir, startTransferCore, type TransferCore } from './transfer-harness';

/**
 * Export and import between two cores, each over its own local vault (the real SDK over verified HTTPS): every
 * format round-trips values byte for byte, the formats with properties keep them; the dry run, the conflict
 * rules, invalid lines, deleted names on the target and bad files, each against the real vault.
 */

const PASS = 'a long bundle passphrase';
const HOUR = 3_600_000;
const notBefore = Math.floor((Date.now() - 24 * HOUR) / 1000) * 1000;
const expiresOn = Math.floor((Date.now() + 90 * 24 * HOUR) / 1000) * 1000;

const SEEDS: Record<string, string> = {
  'multi-line': 'first\nsecond\r\nthird\n',
  quotes: `it's "quoted" \`ticked\` \\ back\\nslash $HOME # not a comment`,
  unicode: 'ünïcødé ✓ 鍵 🔑',
  equals: 'a=b==c',
  big: 'x"\n='.repeat(6_400),
  empty: '',
  props: '{"json": true}',
};
const WITH_PROPERTIES: ExportFormat[] = ['json-full', 'csv', 'bundle'];

describe('import and export between two local vaults', () => {
  let a: TransferCore;
  let b: TransferCore;
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  const files: Partial<Record<ExportFormat, string>> = {};

  beforeAll(async () => {
    scratch = await scratchDir();
    [a, b] = await Promise.all([startTransferCore(), startTransferCore()]);
    for (const [name, value] of Object.entries(SEEDS)) {
      await a.value('secrets', 'set', {
        vaultId: a.vaultId,
        name,
        value,
        ...(name === 'props'
          ? { contentType: 'application/json', tags: { env: 'prod', team: 'a b' }, notBefore, expiresOn }
          : {}),
      });
    }
    // A disabled secret's value cannot be read: the export leaves it out and says why.
    await a.value('secrets', 'set', { vaultId: a.vaultId, name: 'switched-off', value: 'x', enabled: false });
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
    await scratch?.remove();
  });

  async function exportAs(format: ExportFormat): Promise<string> {
    const path = join(
      scratch.dir,
      `export-${format}.${format === 'json-full' ? 'json' : format === 'bundle' ? 'kluis' : format}`,
    );
    a.saveTo.path = path;
    const result = await a.value('transfer', 'export', {
      vaultId: a.vaultId,
      format,
      ...(format === 'bundle' ? { passphrase: PASS } : { plainTextConfirmed: true }),
    });
    expect(result).toMatchObject({ saved: true, path, count: Object.keys(SEEDS).length });
    expect(result.skipped.map((s) => s.name)).toEqual(['switched-off']);
    expect(result.skipped[0]?.error).toMatch(/disabled/i);
    files[format] = path;
    return path;
  }

  async function open(core: TransferCore, path: string, passphrase?: string): Promise<ImportPreview> {
    core.openFrom.path = path;
    const preview = await core.value('transfer', 'importOpen', { vaultId: core.vaultId });
    if (!preview.needsPassphrase) return preview;
    return core.value('transfer', 'importUnlock', {
      importId: preview.importId,
      passphrase: passphrase ?? PASS,
    });
  }

  const valueIn = async (core: TransferCore, name: string) =>
    (await core.value('secrets', 'get', { vaultId: core.vaultId, name })).value;

  it.each(['env', 'json', 'json-full', 'csv', 'bundle'] as ExportFormat[])(
    'round-trips %s: values byte for byte, properties where the format holds them',
    async (format) => {
      const path = await exportAs(format);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      const text = await readFile(path, 'utf8');
      if (format === 'bundle') expect(text).not.toContain('ünïcødé');

      const preview = await open(b, path);
      // .env keys are the names with underscores; the suggested names are the original names again.
      expect(preview.rows.map((r) => r.name).sort()).toEqual(Object.keys(SEEDS).sort());
      const names = preview.rows.map((r) => `${format}-${r.name}`);
      const diff = await b.value('transfer', 'importDiff', { importId: preview.importId, names });
      expect(diff.counts).toMatchObject({ new: names.length, changed: 0, same: 0, invalid: 0 });
      const started = await b.value('transfer', 'importApply', {
        importId: preview.importId,
        conflict: 'skip',
        deleted: 'skip',
      });
      const final = await b.finished(started.jobId);
      expect(final.failed).toBe(0);
      expect(final.results?.every((r) => r.outcome === 'created')).toBe(true);

      for (const [name, value] of Object.entries(SEEDS)) {
        const got = await b.value('secrets', 'get', { vaultId: b.vaultId, name: `${format}-${name}` });
        expect(Buffer.from(got.value, 'utf8').equals(Buffer.from(value, 'utf8'))).toBe(true);
        if (name === 'props' && WITH_PROPERTIES.includes(format)) {
          expect(got.properties).toMatchObject({
            contentType: 'application/json',
            tags: { env: 'prod', team: 'a b' },
            notBefore,
            expiresOn,
            enabled: true,
          });
        }
      }
      // The import is over: its id holds nothing any more.
      const again = await b.call('transfer', 'importDiff', { importId: preview.importId, names });
      expect(again.ok ? undefined : again.error.kind).toBe('not-found');
    },
  );

  it('compares with the target and applies each conflict rule, recovering a deleted name when asked', async () => {
    const path = files.bundle ?? (await exportAs('bundle'));
    const names = (p: ImportPreview) => p.rows.map((r) => `rules-${r.name}`);
    // Imported once as new secrets; then someone changed one value on the target, and deleted another.
    const initial = await open(b, path);
    await b.value('transfer', 'importDiff', { importId: initial.importId, names: names(initial) });
    const first = await b.value('transfer', 'importApply', {
      importId: initial.importId,
      conflict: 'stop',
      deleted: 'skip',
    });
    expect((await b.finished(first.jobId)).failed).toBe(0);
    await b.value('secrets', 'set', { vaultId: b.vaultId, name: 'rules-equals', value: 'changed on b' });
    await b.value('secrets', 'delete', { vaultId: b.vaultId, name: 'rules-unicode' });
    const versionsOf = async (name: string) =>
      (await b.value('secrets', 'listVersionsPage', { vaultId: b.vaultId, name })).items.length;

    // A wrong passphrase can be typed again on the same import.
    b.openFrom.path = path;
    const sealed = await b.value('transfer', 'importOpen', { vaultId: b.vaultId });
    expect(sealed).toMatchObject({ needsPassphrase: true, rows: [] });
    const wrong = await b.call('transfer', 'importUnlock', {
      importId: sealed.importId,
      passphrase: 'not the one!',
    });
    expect(wrong.ok ? undefined : wrong.error).toMatchObject({
      kind: 'invalid-input',
      code: 'BundleWrongPassphrase',
    });
    const preview = await b.value('transfer', 'importUnlock', {
      importId: sealed.importId,
      passphrase: PASS,
    });

    const diff = await b.value('transfer', 'importDiff', {
      importId: preview.importId,
      names: names(preview),
    });
    const status = Object.fromEntries(diff.rows.map((r) => [r.name, r.status]));
    expect(status).toMatchObject({
      'rules-equals': 'changed',
      'rules-unicode': 'deleted',
      'rules-big': 'same',
    });
    expect(diff.rows.find((r) => r.name === 'rules-equals')?.reason).toBe('The value differs.');
    // No value reaches the renderer in the diff.
    expect(JSON.stringify(diff)).not.toContain('a=b==c');

    const stopped = await b.call('transfer', 'importApply', {
      importId: preview.importId,
      conflict: 'stop',
      deleted: 'recover',
    });
    expect(stopped.ok ? undefined : stopped.error.kind).toBe('conflict');
    expect(await versionsOf('rules-equals')).toBe(2);
    expect(await valueIn(b, 'rules-equals')).toBe('changed on b');

    const started = await b.value('transfer', 'importApply', {
      importId: preview.importId,
      conflict: 'new-version',
      deleted: 'recover',
    });
    const final = await b.finished(started.jobId);
    const outcome = Object.fromEntries((final.results ?? []).map((r) => [r.name, r.outcome]));
    expect(final.failed).toBe(0);
    expect(outcome).toMatchObject({
      'rules-equals': 'new-version',
      'rules-unicode': 'recovered',
      'rules-big': 'skipped',
    });
    expect(await valueIn(b, 'rules-equals')).toBe(SEEDS.equals);
    expect(await versionsOf('rules-equals')).toBe(3);
    expect(await valueIn(b, 'rules-unicode')).toBe(SEEDS.unicode);
    // Unchanged rows wrote no version.
    expect(await versionsOf('rules-big')).toBe(1);

    // Skip leaves a changed secret as it is.
    await b.value('secrets', 'set', { vaultId: b.vaultId, name: 'rules-equals', value: 'changed again' });
    const third = await open(b, path);
    await b.value('transfer', 'importDiff', { importId: third.importId, names: names(third) });
    const skipJob = await b.value('transfer', 'importApply', {
      importId: third.importId,
      conflict: 'skip',
      deleted: 'skip',
    });
    expect(
      (
        await b.call('transfer', 'importApply', {
          importId: third.importId,
          conflict: 'skip',
          deleted: 'skip',
        })
      ).ok,
    ).toBe(false);
    const skipped = await b.finished(skipJob.jobId);
    expect(skipped.results?.find((r) => r.name === 'rules-equals')?.outcome).toBe('skipped');
    expect(await valueIn(b, 'rules-equals')).toBe('changed again');
  });

  it('marks invalid lines with their reason, lets the mapping fix names, and writes only valid rows', async () => {
    const path = join(scratch.dir, 'hand-written.env');
    await writeFile(
      path,
      [
        'GOOD_ONE=fine',
        'DB_PASSWORD=one',
        'DB.PASSWORD=two',
        `TOO_LONG=${'x'.repeat(25_601)}`,
        'RENAMED=v',
      ].join('\n'),
    );
    const preview = await open(b, path);
    expect(preview.rows.map((r) => r.name)).toEqual([
      'GOOD-ONE',
      'DB-PASSWORD',
      'DB-PASSWORD',
      'TOO-LONG',
      'RENAMED',
    ]);
    expect(preview.rows[3]?.problem).toMatch(/25,601 characters/);
    const suggested = preview.rows.map((r) => r.name);
    const first = await b.value('transfer', 'importDiff', {
      importId: preview.importId,
      names: [...suggested.slice(0, 4), 'bad_name'],
    });
    expect(first.rows.map((r) => r.status)).toEqual(['new', 'invalid', 'invalid', 'invalid', 'invalid']);
    expect(first.rows[1]?.reason).toContain('line 3');
    expect(first.rows[2]?.reason).toContain('line 2');
    expect(first.rows[4]?.reason).toMatch(/letters, digits and dashes/);

    const fixed = await b.value('transfer', 'importDiff', {
      importId: preview.importId,
      names: ['GOOD-ONE', 'DB-PASSWORD', 'DB-PASSWORD-2', 'TOO-LONG', 'renamed-by-user'],
    });
    expect(fixed.counts).toMatchObject({ new: 4, invalid: 1 });
    const started = await b.value('transfer', 'importApply', {
      importId: preview.importId,
      conflict: 'skip',
      deleted: 'skip',
    });
    const final = await b.finished(started.jobId);
    expect((final.results ?? []).map((r) => r.name).sort()).toEqual([
      'DB-PASSWORD',
      'DB-PASSWORD-2',
      'GOOD-ONE',
      'renamed-by-user',
    ]);
    expect(await valueIn(b, 'DB-PASSWORD-2')).toBe('two');
    expect((await b.call('secrets', 'get', { vaultId: b.vaultId, name: 'TOO-LONG' })).ok).toBe(false);
  });

  it('imports properties a file gives, also a disabled state, and compares them', async () => {
    const path = join(scratch.dir, 'full.json');
    const off = {
      name: 'given-off',
      value: 'v',
      enabled: false,
      contentType: 'text/plain',
      tags: { a: '1' },
    };
    const tagged = { name: 'given-tags', value: 'w', tags: { a: '1' } };
    const write = (secrets: object[]) =>
      writeFile(path, JSON.stringify({ format: 'kluis-secrets', version: 1, secrets }));
    await write([off, tagged]);
    const preview = await open(b, path);
    expect(preview.rows.map((r) => r.hasProperties)).toEqual([true, true]);
    await b.value('transfer', 'importDiff', {
      importId: preview.importId,
      names: ['given-off', 'given-tags'],
    });
    const job = await b.value('transfer', 'importApply', {
      importId: preview.importId,
      conflict: 'skip',
      deleted: 'skip',
    });
    expect((await b.finished(job.jobId)).failed).toBe(0);
    const listed = await b.value('secrets', 'listVersionsPage', { vaultId: b.vaultId, name: 'given-off' });
    expect(listed.items[0]).toMatchObject({ enabled: false, contentType: 'text/plain', tags: { a: '1' } });

    // The same value with other tags is a change of properties; a disabled target cannot be compared.
    await write([off, { ...tagged, tags: { a: '2' } }]);
    const second = await open(b, path);
    const diff = await b.value('transfer', 'importDiff', {
      importId: second.importId,
      names: ['given-off', 'given-tags'],
    });
    expect(diff.rows[1]).toMatchObject({ status: 'changed', reason: 'Same value, different tags.' });
    expect(diff.rows[0]?.status).toBe('changed');
    expect(diff.rows[0]?.reason).toMatch(/could not be read to compare: .*disabled/i);
    expect(await b.value('transfer', 'importDiscard', { importId: second.importId })).toEqual({
      discarded: true,
    });
  });

  it('stops an import on Cancel: items not started are not written, those done are in the results', async () => {
    const path = join(scratch.dir, 'many.env');
    // More rows than the creates' burst (25), so the job is still pacing its writes when Cancel arrives.
    await writeFile(path, Array.from({ length: 80 }, (_, i) => `CANCEL_ME_${i}=value ${i}`).join('\n'));
    const preview = await open(b, path);
    await b.value('transfer', 'importDiff', {
      importId: preview.importId,
      names: preview.rows.map((r) => r.name),
    });
    const { jobId } = await b.value('transfer', 'importApply', {
      importId: preview.importId,
      conflict: 'skip',
      deleted: 'skip',
    });
    expect(await b.value('bulk', 'cancel', { jobId })).toEqual({ cancelled: true });
    const final = await b.finished(jobId);
    expect(final.cancelled).toBe(true);
    const results = final.results ?? [];
    expect(results.length).toBeLessThan(80);
    const listed: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await b.value('secrets', 'listPage', {
        vaultId: b.vaultId,
        ...(continuationToken ? { continuationToken } : {}),
      });
      listed.push(...page.items.map((p) => p.name).filter((n) => n.startsWith('CANCEL-ME-')));
      continuationToken = page.continuationToken;
    } while (continuationToken);
    expect(listed.sort()).toEqual(
      results
        .filter((r) => r.ok)
        .map((r) => r.name)
        .sort(),
    );
  });

  it('refuses bad files with the line and field, writing nothing', async () => {
    const before = (await b.value('secrets', 'listPage', { vaultId: b.vaultId })).items.length;
    const cases: Array<[string, string, string, RegExp]> = [
      ['bad.csv', 'name,value\r\nok,fine\r\nbad,"oops"x\r\n', 'ImportBadQuote', /line 3, column 11/],
      ['dupes.env', 'A=1\nB=2\nA=3\n', 'ImportDuplicateKey', /line 1 and line 3/],
    ];
    for (const [file, text, code, where] of cases) {
      const path = join(scratch.dir, file);
      await writeFile(path, text);
      b.openFrom.path = path;
      const result = await b.call('transfer', 'importOpen', { vaultId: b.vaultId });
      expect(result.ok ? undefined : result.error).toMatchObject({ kind: 'invalid-input', code });
      expect(result.ok ? '' : result.error.message).toMatch(where);
      expect(result.ok ? '' : result.error.message).toContain('Nothing was imported');
    }
    const bundle = await readFile(files.bundle ?? (await exportAs('bundle')), 'utf8');
    const cut = join(scratch.dir, 'cut.kluis');
    await writeFile(cut, bundle.slice(0, bundle.length - 50));
    const changed = join(scratch.dir, 'changed.kluis');
    const [magic, header, body] = bundle.split('\n') as [string, string, string];
    await writeFile(
      changed,
      `${magic}\n${header}\n${body.slice(0, 60)}${body[60] === 'Q' ? 'R' : 'Q'}${body.slice(61)}\n`,
    );
    for (const [path, code] of [
      [cut, 'BundleTruncated'],
      [changed, 'BundleTampered'],
    ] as const) {
      b.openFrom.path = path;
      const sealed = await b.value('transfer', 'importOpen', { vaultId: b.vaultId });
      const result = await b.call('transfer', 'importUnlock', {
        importId: sealed.importId,
        passphrase: PASS,
      });
      expect(result.ok ? undefined : result.error.code).toBe(code);
    }
    expect((await b.value('secrets', 'listPage', { vaultId: b.vaultId })).items.length).toBe(before);
  });

  it('asks for the warning to be confirmed before a plain-text export, and writes nothing on cancel', async () => {
    const unconfirmed = await a.call('transfer', 'export', { vaultId: a.vaultId, format: 'env' });
    expect(unconfirmed.ok ? undefined : unconfirmed.error).toMatchObject({
      kind: 'invalid-input',
      field: 'plainTextConfirmed',
    });
    a.saveTo.path = undefined;
    const cancelled = await a.value('transfer', 'export', {
      vaultId: a.vaultId,
      format: 'bundle',
      passphrase: PASS,
      names: ['equals'],
    });
    expect(cancelled).toEqual({ saved: false, count: 0, skipped: [] });
    // Selected secrets only.
    const path = join(scratch.dir, 'two.json');
    a.saveTo.path = path;
    await a.value('transfer', 'export', {
      vaultId: a.vaultId,
      format: 'json',
      plainTextConfirmed: true,
      names: ['equals', 'unicode'],
    });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      equals: SEEDS.equals,
      unicode: SEEDS.unicode,
    });
  });
});
