import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const fixtures = join(import.meta.dirname, 'fixtures');

/** The messages TypeScript gives for one file under the compiler options of one of the project's tsconfigs. */
function messagesUnder(tsconfig: string, file: string): string[] {
  const { config, error } = ts.readConfigFile(join(root, tsconfig), (path) => ts.sys.readFile(path));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const program = ts.createProgram([join(fixtures, file)], { ...options, noEmit: true });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

// Each process gets only its own globals: Node code never compiles against the DOM, the renderer never against Node.
describe('the Node and DOM tsconfigs fail on each other’s globals', { timeout: 120_000 }, () => {
  it('tsconfig.node.json (main, preload, core, local-vault) has no DOM', () => {
    expect(messagesUnder('tsconfig.node.json', 'uses-dom.ts').join('\n')).toMatch(
      /Cannot find name 'document'/,
    );
    expect(messagesUnder('tsconfig.node.json', 'uses-node.ts')).toEqual([]);
  });

  it('tsconfig.web.json (the renderer) has no Node types', () => {
    expect(messagesUnder('tsconfig.web.json', 'uses-node.ts').join('\n')).toMatch(
      /Cannot find name 'process'/,
    );
    expect(messagesUnder('tsconfig.web.json', 'uses-dom.ts')).toEqual([]);
  });
});
