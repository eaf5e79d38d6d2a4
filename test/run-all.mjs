// `npm test`: typecheck, lint, unit, integration, build, e2e, in that order, stopping at the first failure.
// Ends with one line that sums up every test run: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = 'test-results';
mkdirSync(resultsDir, { recursive: true });

const vitest = (project) => [
  'vitest',
  'run',
  '--project',
  project,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${join(resultsDir, `vitest-${project}.json`)}`,
];
const steps = [
  // Node code without DOM types, the renderer without Node's, then everything with the tests.
  ['typecheck', ['tsc', '--noEmit', '-p', 'tsconfig.node.json']],
  ['typecheck', ['tsc', '--noEmit', '-p', 'tsconfig.web.json']],
  ['typecheck', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', ['eslint', '.']],
  ['format', ['prettier', '--check', '.']],
  ['unit', vitest('unit')],
  ['integration', vitest('integration')],
  ['build', ['electron-vite', 'build']],
  ['e2e', vitest('e2e')],
];
const only = process.argv.slice(2);

const totals = { passed: 0, failed: 0, skipped: 0 };
function addTotals(project) {
  const file = join(resultsDir, `vitest-${project}.json`);
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
  } catch {
    // the runner crashed before writing its report; its exit code already failed the step
  }
}

let failedStep;
for (const [name, [cmd, ...args]] of steps) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  if (cmd === 'vitest') rmSync(join(resultsDir, `vitest-${args[2]}.json`), { force: true });
  const started = Date.now();
  const r = spawnSync('npx', ['--no-install', cmd, ...args], { stdio: 'inherit' });
  if (cmd === 'vitest') addTotals(args[2]);
  console.log(
    `=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (r.status !== 0) {
    failedStep = name;
    break;
  }
}
if (failedStep) console.log(`\nnpm test stopped: the ${failedStep} step failed.`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStep ? 1 : 0);
