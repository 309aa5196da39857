#!/usr/bin/env node
// The `cch` command: loads the TypeScript CLI through tsx (the project runs TypeScript directly).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli.ts');
process.exitCode = await main(process.argv.slice(2));
