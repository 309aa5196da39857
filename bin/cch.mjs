#!/usr/bin/env node
// The `cch` command: loads the TypeScript CLI through tsx (the project runs TypeScript directly). This
// is the composition root: it hands the dashboard (web/, a floor above the harness) to the harness CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli.ts');
const { mountDashboard } = await import('../web/server.ts');
process.exitCode = await main(process.argv.slice(2), { dashboard: mountDashboard });
