import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Runs @doyensec/electronegativity over the Electron sources and the renderer's HTML. The tool exits 0 even
 * when it finds something, so its report is parsed here: every finding must be listed, with a reason, in
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

/** The part of the tool's SARIF report read here. */
interface SarifReport {
  runs: {
    results: {
      ruleId: string;
      message: { text: string };
      locations?: {
        physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } };
      }[];
    }[];
  }[];
}

function scan(): Finding[] {
  // Scan exactly what ships: the Electron processes' sources and the renderer (its HTML carries the CSP).
  const dir = mkdtempSync(join(tmpdir(), 'kluis-electronegativity-'));
  try {
    cpSync(join(root, 'electron'), join(dir, 'electron'), { recursive: true });
    cpSync(join(root, 'renderer'), join(dir, 'renderer'), { recursive: true });
    // SARIF, not CSV: the tool writes its CSV header and rows with two unsynchronised async writes, so under load
    // the header can land on top of the rows (seen once in CI). Its SARIF report is a single write.
    const out = join(dir, 'findings.sarif');
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
    const report = JSON.parse(readFileSync(out, 'utf8')) as SarifReport;
    expect(report.runs).toHaveLength(1);
    return report.runs[0]!.results.map((r) => {
      const location = r.locations?.[0]?.physicalLocation;
      const uri = location?.artifactLocation?.uri;
      return {
        check: r.ruleId,
        // The tool reports findings that have no file (global checks) with the uri file:///.
        file: !uri || uri === 'file:///' ? 'N/A' : relative(dir, join(dir, uri)).replaceAll('\\', '/'),
        sample: `${r.message.text} (line ${location?.region?.startLine ?? '?'})`,
      };
    });
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
