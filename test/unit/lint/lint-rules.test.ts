import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const fixtures = join(import.meta.dirname, 'fixtures');

/** The project's own lint config, fixtures included (the normal run ignores them). */
const eslint = new ESLint({ cwd: root, ignore: false });
/** The same, for text at a path that does not exist: without the type-aware rules, which need a file on disk. */
const untyped = new ESLint({
  cwd: root,
  ignore: false,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
});

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await untyped.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

// Loading the config and starting TypeScript's project service take seconds on a busy machine.
describe('lint rules fail on deliberate violations', { timeout: 120_000 }, () => {
  it('the renderer may not import core, main or local-vault, even by a relative path', async () => {
    for (const from of ['electron/core', 'electron/main/ipc', 'electron/local-vault/server']) {
      const ids = await ruleIds(
        `import { x } from '../../../../${from}';\nexport const y = x;\n`,
        'renderer/src/features/secrets/lint-fixture.ts',
      );
      expect(ids, from).toContain('import-x/no-restricted-paths');
    }
  });

  it('the renderer imports contract values only from contract/limits; types from anywhere in the contract', async () => {
    const file = 'renderer/src/features/secrets/lint-fixture.ts';
    expect(
      await ruleIds(
        `import { contract } from '../../../../electron/contract';\nexport const c = contract;\n`,
        file,
      ),
    ).toContain('@typescript-eslint/no-restricted-imports');
    expect(
      await ruleIds(
        `import { MAX_TAGS } from '../../../../electron/contract/limits';\nexport const m = MAX_TAGS;\n`,
        file,
      ),
    ).toEqual([]);
    expect(
      await ruleIds(
        `import type { Settings } from '../../../../electron/contract';\nexport type S = Settings;\n`,
        file,
      ),
    ).toEqual([]);
  });

  it('core never imports main', async () => {
    const ids = await ruleIds(
      `import { sendEvent } from '../main/ipc';\nexport const s = sendEvent;\n`,
      'electron/core/lint-fixture.ts',
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('the local vault, the contract and preload import none of the processes above them', async () => {
    const cases: Array<[file: string, from: string]> = [
      ['electron/local-vault/lint-fixture.ts', '../core'],
      ['electron/local-vault/lint-fixture.ts', '../main/ipc'],
      ['electron/contract/lint-fixture.ts', '../core'],
      ['electron/contract/lint-fixture.ts', '../local-vault/server'],
      ['electron/preload/lint-fixture.ts', '../main/ipc'],
      ['electron/preload/lint-fixture.ts', '../core'],
    ];
    for (const [file, from] of cases) {
      const ids = await ruleIds(`import { x } from '${from}';\nexport const y = x;\n`, file);
      expect(ids, `${file} <- ${from}`).toContain('import-x/no-restricted-paths');
    }
    // The control: the contract is what each of them may import.
    expect(
      await ruleIds(
        `import type { Settings } from '../contract';\nexport type S = Settings;\n`,
        'electron/local-vault/lint-fixture.ts',
      ),
    ).toEqual([]);
  });

  it('the renderer imports neither electron, the Azure SDK nor Node modules, and uses no denied browser API', async () => {
    const file = 'renderer/src/features/secrets/lint-fixture.ts';
    for (const from of ['electron', '@azure/keyvault-secrets', '@azure/identity', 'node:fs']) {
      const ids = await ruleIds(`import * as m from '${from}';\nexport const y = m;\n`, file);
      expect(ids, from).toContain('@typescript-eslint/no-restricted-imports');
    }
    for (const use of ["void navigator.clipboard.writeText('x');", "window.open('https://example.com');"]) {
      expect(await ruleIds(`${use}\n`, file), use).toContain('no-restricted-properties');
    }
  });

  it('webContents.send only in the IPC wrapper', async () => {
    const code = `declare const win: { webContents: { send(c: string): void } };\nwin.webContents.send('kluis:event');\n`;
    expect(await ruleIds(code, 'electron/main/window.ts')).toContain('kluis/no-raw-webcontents-send');
    expect(await ruleIds(code, 'electron/main/ipc.ts')).not.toContain('kluis/no-raw-webcontents-send');
  });

  it('no import cycles', async () => {
    const [result] = await eslint.lintFiles([join(fixtures, 'cycle-a.ts')]);
    expect(result?.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });

  it('no floating promises (type-aware)', async () => {
    const [result] = await eslint.lintFiles([join(fixtures, 'floating.ts')]);
    expect(result?.messages.map((m) => m.ruleId)).toContain('@typescript-eslint/no-floating-promises');
  });
});
