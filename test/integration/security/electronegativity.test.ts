import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Runs @doyensec/electronegativity over the Electron sources and the renderer's HTML. The tool exits 0 even
 * when it finds something, so its CSV is parsed here: every finding must be listed, with a reason, in
 * test/security/electronegativity-allowlist.json, and every allowlist entry must still match a finding.
 */

interface Finding {
  check: string;
  file: string;
  sample: string;
}
interface AllowEntry {
  check: string;
  file: string;
  reason: string;
}

const root = join(__dirname, '..', '..', '..');
const electronVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron;

/** Minimal CSV reader for the tool's output: comma-separated, fields optionally double-quoted. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        fields.push(field.trim());
        field = '';
      } else field += c;
    }
    fields.push(field.trim());
    rows.push(fields);
  }
  return rows;
}

function scan(): Finding[] {
  // Scan exactly what ships: the Electron processes' sources and the renderer (its HTML carries the CSP).
  const dir = mkdtempSync(join(tmpdir(), 'kluis-electronegativity-'));
  try {
    cpSync(join(root, 'electron'), join(dir, 'electron'), { recursive: true });
    cpSync(join(root, 'renderer'), join(dir, 'renderer'), { recursive: true });
    const out = join(dir, 'findings.csv');
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js'),
        '-i',
        dir,
        '-r',
        '-v',
        'false',
        '-e',
        electronVersion,
        '-o',
        out,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const [header, ...rows] = parseCsv(readFileSync(out, 'utf8'));
    expect(header?.[0]).toBe('issue');
    return rows.map((f) => ({
      check: f[0]!,
      file: f[3] === 'N/A' ? 'N/A' : relative(dir, join(dir, f[3]!)).replaceAll('\\', '/'),
      sample: f[5] ?? '',
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('electronegativity', () => {
  it('finds nothing that is not allowlisted with a reason', () => {
    const allow: AllowEntry[] = JSON.parse(
      readFileSync(join(root, 'test', 'security', 'electronegativity-allowlist.json'), 'utf8'),
    );
    for (const entry of allow)
      expect(entry.reason.length, `${entry.check} needs a reason`).toBeGreaterThan(20);
    const findings = scan();
    const allowed = (f: Finding) => allow.some((a) => a.check === f.check && a.file === f.file);
    const unexplained = findings.filter((f) => !allowed(f));
    expect(unexplained, 'fix these or allowlist them with a reason').toEqual([]);
    const stale = allow.filter((a) => !findings.some((f) => f.check === a.check && f.file === a.file));
    expect(stale, 'these allowlist entries no longer match a finding: remove them').toEqual([]);
  });
});
