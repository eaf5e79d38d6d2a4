import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

let axeSource: string | undefined;

/** Runs axe-core in the page; returns the serious and critical violations, summarised. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the debugging protocol: the page's CSP rightly refuses inline <script> tags.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    type Context = { exclude: string[][] };
    type Axe = { run(context: Context): Promise<{ violations: AxeViolation[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    // Tabster's focus sentinels (Fluent's focus management) are aria-hidden and focusable by design: they
    // hand focus straight on and are never announced.
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${JSON.stringify(v.nodes.slice(0, 3))}`);
}
