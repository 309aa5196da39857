#!/usr/bin/env node
// The `cch` command: runs bin/main.ts, the TypeScript CLI, from a build compiled on first use and used
// while its sources are unchanged (bin/compiled.mjs), Cucumber's step definitions compiled beside it
// (harness/compiled-steps.ts); from source through tsx with CCH_FROM_SOURCE set, or if compiling failed.
import { compiledMain } from './compiled.mjs';

const compiled = await compiledMain();
if (compiled) {
  process.setSourceMapsEnabled(true); // stack traces name the TypeScript sources, as from source
  globalThis[Symbol.for('cch.compiledStepDefinitions')] = compiled.stepDefinitions;
  await import(compiled.main);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
