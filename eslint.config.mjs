import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import kluis from './eslint-rules/index.mjs';

const rawIpc = {
  paths: [
    {
      name: 'electron',
      importNames: ['ipcMain', 'ipcRenderer'],
      message: 'Use the typed IPC wrappers (electron/main/ipc.ts, electron/preload/index.ts).',
    },
  ],
};

/**
 * Who may import whom, by resolved path (a relative import counts the same as any other). The processes' code is
 * renderer (DOM, talks to main only through window.kluis), main (Electron), and core, local-vault and contract
 * (plain Node); see electron/core/README.md.
 */
const boundaries = [
  {
    target: './renderer/src',
    from: './electron',
    except: ['./contract'],
    message: 'The renderer imports only electron/contract; it reaches main through window.kluis.',
  },
  {
    target: './electron/core',
    from: ['./electron/main', './electron/preload', './renderer'],
    message: 'core runs under plain Node and never imports main, preload or the renderer.',
  },
  {
    target: './electron/local-vault',
    from: ['./electron/main', './electron/preload', './electron/core', './renderer'],
    message: 'The local vault is a server of its own: it imports only electron/contract and Node.',
  },
  {
    target: './electron/contract',
    from: [
      './electron/main',
      './electron/preload',
      './electron/core',
      './electron/local-vault',
      './renderer',
    ],
    message: 'The contract depends on nothing but zod.',
  },
  {
    target: './electron/preload',
    from: ['./electron/main', './electron/core', './electron/local-vault', './renderer'],
    message: 'preload builds window.kluis from the contract only.',
  },
];

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'coverage/', 'test/unit/lint/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX, kluis },
    languageOptions: { globals: { ...globals.node } },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.mjs', '.js'] })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', rawIpc],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: boundaries }],
      'kluis/no-raw-webcontents-send': 'error',
    },
  },
  {
    // Type-aware: a promise nobody awaits loses its failure. `void` marks fire-and-forget that is meant.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to main only through window.kluis.' },
            { name: '@azure/keyvault-secrets', message: 'The Azure SDK lives in the main process only.' },
            { name: '@azure/identity', message: 'The Azure SDK lives in the main process only.' },
          ],
          patterns: [
            {
              regex: '^node:',
              message: 'The renderer runs in a sandboxed page: no Node modules.',
            },
            {
              // Values would pull the contract's zod schemas into the renderer bundle; limits.ts and
              // secret-classes.ts (the dashboard's classification) are zod-free.
              regex: '(^|/)electron/contract(?!/(limits|secret-classes)$)',
              allowTypeImports: true,
              message:
                'The renderer imports types from electron/contract, and values only from electron/contract/limits or secret-classes.',
            },
          ],
        },
      ],
      // Electron's session denies the page's clipboard and main denies new windows (see
      // test/unit/security/renderer-browser-apis.test.ts for the whole list).
      'no-restricted-properties': [
        'error',
        { object: 'navigator', property: 'clipboard', message: 'Copy through kluis().app.copyText.' },
        { object: 'window', property: 'open', message: 'Main denies new windows; open pages through main.' },
      ],
    },
  },
  {
    // Renderer tests and their fake window.kluis use the contract's helpers and preload's API builder.
    files: ['renderer/src/**/*.test.{ts,tsx}', 'renderer/src/test-support/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': 'off',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './renderer/src',
              from: ['./electron/core', './electron/main', './electron/local-vault'],
              message: 'Renderer tests run the renderer alone, against fake-kluis.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/local-vault/**/*.ts', 'electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'core, contract and local-vault run under plain Node.' }] },
      ],
    },
  },
  {
    // The one wrapper on each side may touch raw IPC.
    files: ['electron/main/ipc.ts', 'electron/preload/index.ts'],
    rules: { 'no-restricted-imports': 'off', 'kluis/no-raw-webcontents-send': 'off' },
  },
);
