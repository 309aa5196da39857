// The composition root of `cch`: hands the dashboard (web/, a floor above the harness) to the harness CLI.
// bin/cch.mjs runs it compiled (bin/compiled.mjs) or from source through tsx.
import { main } from '../harness/cli.ts';
import { mountDashboard } from '../web/server.ts';

process.exitCode = await main(process.argv.slice(2), { dashboard: mountDashboard });
