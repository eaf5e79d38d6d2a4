/**
 * Figure 5: start-up proxies from the build output. The renderer's initial JS is every script index.html
 * loads before first render (the entry script and its modulepreloads), gzipped with zlib's default level.
 * The main process's start-up path is the closure of its top-level require()s; a module reached only through
 * import() (or electron-vite's Promise.resolve().then(() => require(...)) form of it) is not on that path.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface StartupResult {
  initialJsFiles: { file: string; bytes: number; gzipBytes: number }[];
  initialJsGzipKb: number;
  initialJsRawKb: number;
  initialCssGzipKb: number;
  mainStaticModules: string[];
  mainDynamicModules: string[];
  /** Heavy modules found on main's static path (should be empty). */
  heavyOnStartupPath: string[];
  azureSdkAndLocalVaultOffStartupPath: boolean;
}

const HEAVY = [/^@azure\//, /local-vault/, /^node-forge/];

function tagAttr(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];
}

export function startupProxy(outDir: string): StartupResult {
  const rendererDir = join(outDir, 'renderer');
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const js: string[] = [];
  const css: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const rel = tagAttr(tag, 'rel');
    if (tag.startsWith('<script')) {
      const src = tagAttr(tag, 'src');
      if (src) js.push(src);
    } else if (rel === 'modulepreload') js.push(tagAttr(tag, 'href')!);
    else if (rel === 'stylesheet') css.push(tagAttr(tag, 'href')!);
  }
  const sized = (files: string[]) =>
    files.map((file) => {
      const body = readFileSync(resolve(rendererDir, file));
      return { file, bytes: body.length, gzipBytes: gzipSync(body).length };
    });
  const jsFiles = sized(js);
  const kb = (n: number) => Math.round((n / 1024) * 10) / 10;

  const statics = new Set<string>();
  const dynamics = new Set<string>();
  const visit = (file: string) => {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/require\("([^"]+)"\)/g)) {
      const before = src.slice(Math.max(0, m.index - 40), m.index);
      const dynamic = /Promise\.resolve\(\)\.then\(\(\) =>\s*$/.test(before);
      const spec = m[1]!;
      if (dynamic) dynamics.add(spec);
      else if (!statics.has(spec)) {
        statics.add(spec);
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      }
    }
    for (const m of src.matchAll(/\bimport\("([^"]+)"\)/g)) dynamics.add(m[1]!);
  };
  visit(join(outDir, 'main', 'index.js'));
  const heavy = [...statics].filter((s) => HEAVY.some((re) => re.test(s)));
  return {
    initialJsFiles: jsFiles,
    initialJsGzipKb: kb(jsFiles.reduce((a, f) => a + f.gzipBytes, 0)),
    initialJsRawKb: kb(jsFiles.reduce((a, f) => a + f.bytes, 0)),
    initialCssGzipKb: kb(sized(css).reduce((a, f) => a + f.gzipBytes, 0)),
    mainStaticModules: [...statics],
    mainDynamicModules: [...dynamics],
    heavyOnStartupPath: heavy,
    azureSdkAndLocalVaultOffStartupPath: heavy.length === 0,
  };
}
