/**
 * Writes the reports of a run into its report folder (default `reports/latest/`), next to
 * cucumber's own: trace.json, flows.json, one sequence diagram per scenario, and index.html.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Exchange } from '../exchange.ts';
import type { FlowVerdict } from '../flows/match.ts';
import { indexPage } from './index-page.ts';
import { toMermaid } from './mermaid.ts';
import { sequencePagePath, type RunSummary, type ScenarioSummary } from './run-summary.ts';
import type { DiagramOptions } from './sequence-model.ts';
import { sequencePage } from './sequence-page.ts';
import { uniqueSlugs } from './slug.ts';
import { labelledTrace, stepsOfVerdicts } from './trace.ts';

/** Everything the run reports are made of. */
export interface RunReportInput extends RunSummary {
  /** Every exchange recorded on the wire during the run. */
  readonly exchanges: readonly Exchange[];
  /** Flow verdicts of the scenarios that claim figures: written as they are, and shown on each page. */
  readonly flows: readonly FlowVerdict[];
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

async function write(path: string, text: string): Promise<string> {
  await writeFile(path, text, 'utf8');
  return path;
}

/**
 * Writes `trace.json`: the exchanges as recorded, each labelled with the documented steps it fulfils
 * (from the verdicts), so a replay shows them. Returns the path written.
 */
export async function writeTrace(dir: string, exchanges: readonly Exchange[], verdicts: readonly FlowVerdict[] = []): Promise<string> {
  await mkdir(dir, { recursive: true });
  return write(join(dir, 'trace.json'), json(labelledTrace(exchanges, stepsOfVerdicts(verdicts))));
}

/** Writes `flows.json`: the flow verdicts as given. Returns the path written. */
export async function writeFlows(dir: string, verdicts: readonly object[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  return write(join(dir, 'flows.json'), json(verdicts));
}

/** Writes `index.html`, the run summary. Returns the path written. */
export async function writeRunIndex(dir: string, summary: RunSummary): Promise<string> {
  await mkdir(dir, { recursive: true });
  return write(join(dir, 'index.html'), indexPage(summary));
}

/**
 * Writes `sequence/<slug>.mmd` and `sequence/<slug>.html` for each scenario, from the exchanges
 * recorded under its name. The folder is emptied first so that pages of a previous run do not linger.
 * Returns the paths written.
 */
export async function writeSequences(
  dir: string,
  exchanges: readonly Exchange[],
  scenarios: readonly ScenarioSummary[],
  options: DiagramOptions = {},
  flows: readonly FlowVerdict[] = [],
): Promise<string[]> {
  const folder = join(dir, 'sequence');
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const slugs = uniqueSlugs(scenarios.map((s) => s.name));
  const written: string[] = [];
  for (const [i, scenario] of scenarios.entries()) {
    const own = exchanges.filter((e) => e.scenario === scenario.name);
    const sharedName = scenarios.filter((s) => s.name === scenario.name).length;
    written.push(await write(join(folder, `${slugs[i]}.mmd`), toMermaid(own, options)));
    const verdict = flows.find((v) => v.scenario === scenario.name);
    const html = sequencePage(scenario, own, { ...options, indexHref: '../index.html', sharedName, verdict });
    written.push(await write(join(dir, sequencePagePath(slugs[i])), html));
  }
  return written;
}

/** Writes every run report into `dir` (created if needed, files overwritten). Returns the paths written. */
export async function writeRunReports(dir: string, input: RunReportInput, options: DiagramOptions = {}): Promise<string[]> {
  return [
    await writeTrace(dir, input.exchanges, input.flows),
    await writeFlows(dir, input.flows),
    ...(await writeSequences(dir, input.exchanges, input.scenarios, options, input.flows)),
    await writeRunIndex(dir, { scenarios: input.scenarios }),
  ];
}
