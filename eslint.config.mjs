import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const rawIpc = {
  paths: [
    {
      name: 'electron',
      importNames: ['ipcMain', 'ipcRenderer'],
      message: 'Use the typed IPC wrappers (electron/main/ipc.ts, electron/preload/index.ts).',
    },
  ],
};

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', rawIpc],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to main only through window.kluis.' },
            { name: '@azure/keyvault-secrets', message: 'The Azure SDK lives in the main process only.' },
            { name: '@azure/identity', message: 'The Azure SDK lives in the main process only.' },
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
    rules: { 'no-restricted-imports': 'off' },
  },
);
