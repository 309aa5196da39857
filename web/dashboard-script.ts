import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

const SOURCE = new URL('./public/app.ts', import.meta.url);

let compiled: string | undefined;

/**
 * The dashboard's script, written in TypeScript (type-checked with the rest by `tsc --noEmit`) and served
 * as the JavaScript module the page loads: types stripped by esbuild once, on first request, then kept.
 * No build step and no generated file to commit or forget to rebuild.
 */
export function dashboardScript(): string {
  compiled ??= transformSync(readFileSync(SOURCE, 'utf8'), { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: 'app.ts' }).code;
  return compiled;
}
