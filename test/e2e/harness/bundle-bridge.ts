import { resolve } from 'node:path';
import { build } from 'esbuild';

/** page-bridge.ts (with the contract and the API builder) as one script for page.addInitScript. */
export async function bundlePageBridge(): Promise<string> {
  const result = await build({
    entryPoints: [resolve(__dirname, 'page-bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the page bridge');
  return file.text;
}
