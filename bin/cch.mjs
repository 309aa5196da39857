#!/usr/bin/env node
// The `cch` command: runs bin/main.ts, the TypeScript CLI, from a build compiled on first use and used
// while its sources are unchanged (bin/compiled.mjs); from source through tsx for the commands that load
// TypeScript themselves (Cucumber's step definitions), with CCH_FROM_SOURCE set, or if compiling failed.
import { compiledMain } from './compiled.mjs';

const compiled = await compiledMain(process.argv.slice(2));
if (compiled) {
  process.setSourceMapsEnabled(true); // stack traces name the TypeScript sources, as from source
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
