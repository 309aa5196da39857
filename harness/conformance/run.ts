import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActorId } from '../../core/actor-ids.ts';
import { startEcosystem } from '../ecosystem.ts';
import type { Exchange } from '../exchange.ts';
import { FIGURES, type Figure } from '../flows/types.ts';
import { matrixOf } from './matrix.ts';
import { assertPortFree } from '../cli/port-free.ts';
import type { ConformanceOptions } from './options.ts';
import { describePeerUrls, peerUrlsOf, type PeerUrls } from './peers.ts';
import { probeAfterFlows, probeContract, probeProvider } from './probes.ts';
import { officialOpinion, summaryLine, type ConformanceReport } from './report.ts';
import { conformancePage } from './report-html.ts';
import { conformanceJunit } from './report-junit.ts';
import { runFindings, type RunRecord } from './run-findings.ts';
import { runScenarios } from './scenarios.ts';
import { figuresOf, figuresWithScenarios, tagExpression } from './selection.ts';
import type { Finding, PartnerMode } from './types.ts';

/** Per scenario and partner: how often its checks read the partner's control state. */
export function selfReportedChecks(exchanges: readonly Exchange[], partners: readonly ActorId[]): ConformanceReport['selfReported'] {
  const counts = new Map<string, { scenario: string; party: ActorId; reads: number }>();
  for (const e of exchanges) {
    if (e.from !== 'harness' || !partners.includes(e.to) || e.method !== 'GET' || e.path.split('?')[0] !== '/control/state') continue;
    const key = `${e.scenario}\u0000${e.to}`;
    const entry = counts.get(key) ?? { scenario: e.scenario, party: e.to, reads: 0 };
    counts.set(key, { ...entry, reads: entry.reads + 1 });
  }
  return [...counts.values()];
}

/** A selection (`--figure`) in which no partner takes part would judge nothing: it is refused before anything starts. */
function assertSomePartnerTakesPart(partners: readonly ActorId[], selected: readonly Figure[] | undefined): void {
  if (!selected) return;
  const idle = selected.filter((f) => !partners.some((p) => figuresOf(p).includes(f)));
  if (idle.length > 0)
    throw new Error(
      `--figure ${idle.join(', ')}: ${partners.join(', ')} take${partners.length === 1 ? 's' : ''} no part in figure ${idle.join(', ')} (${partners.map((p) => `${p}: ${figuresOf(p).join(', ')}`).join('; ')})`,
    );
}

/** The files a run writes into its report folder. */
export const REPORT_FILES = { html: 'conformance.html', json: 'conformance.json', junit: 'conformance.junit.xml', peers: 'peers.json', run: 'run' } as const;

const EMPTY_RUN: RunRecord = { exchanges: [], flows: [], scenarios: [] };

/**
 * A conformance run: tell each partner where its peers are, find out how far the harness can go with
 * it (control contract or not), exercise the TMF APIs it provides, run the scenarios of the figures it
 * takes part in with every other party simulated, and judge everything it served and sent.
 */
export async function runConformance(options: ConformanceOptions, say: (line: string) => void): Promise<ConformanceReport> {
  const partners = Object.keys(options.bindings) as ActorId[];
  const withScenarios = figuresWithScenarios();
  const selected = options.figures ?? FIGURES;
  assertSomePartnerTakesPart(partners, options.figures);
  const figures = partners.map((party) => {
    const mine = figuresOf(party).filter((f) => withScenarios.includes(f));
    return { party, takesPart: figuresOf(party), withScenarios: mine, run: mine.filter((f) => selected.includes(f)) };
  });
  const active = (party: ActorId): Figure[] => figures.find((f) => f.party === party)!.run;
  await assertPortFree(options.harnessPort, options.host, '--harness-port');
  await rm(options.reportDir, { recursive: true, force: true });
  await mkdir(options.reportDir, { recursive: true });

  // The probes run on an ecosystem of their own; the scenarios' ecosystem takes the same port after it.
  const ecosystem = await startEcosystem({
    bindings: options.bindings,
    port: options.harnessPort,
    host: options.host,
    publicHost: options.publicHost,
    timeoutMs: options.timeoutMs,
    secret: options.secret,
  });
  const harnessPort = Number(new URL(ecosystem.url).port);
  const peerUrls: PeerUrls[] = partners.map((p) => peerUrlsOf(ecosystem, p));
  await writeFile(join(options.reportDir, REPORT_FILES.peers), `${JSON.stringify(peerUrls, null, 2)}\n`);
  say(
    [
      `Harness: ${ecosystem.url} (wire time-out ${options.timeoutMs} ms)`,
      ...describePeerUrls(peerUrls),
      `(also in ${join(options.reportDir, REPORT_FILES.peers)})`,
    ].join('\n'),
  );

  const modes: PartnerMode[] = [];
  const findings: Finding[] = [];
  let probeExchanges: Exchange[];
  try {
    for (const party of partners) {
      const contract = await probeContract(ecosystem, party);
      modes.push(contract.mode);
      findings.push(...contract.findings);
      say(`${party}: ${contract.mode.mode} — ${contract.mode.reason}`);
      if (contract.mode.mode === 'provider-only') findings.push(...(await probeProvider(ecosystem, party, active(party), options.latencyBudgetMs)));
    }
    // A partner the harness can drive is probed after each of its figures has put data in its collections.
    const driven = modes.filter((m) => m.mode === 'full').map(({ party }) => ({ party, figures: active(party) }));
    findings.push(...(await probeAfterFlows(ecosystem, driven, options.latencyBudgetMs)));
    probeExchanges = [...ecosystem.recorder.exchanges];
  } finally {
    await ecosystem.stop();
  }

  const runFigures = withScenarios.filter((f) => partners.some((p) => active(p).includes(f)));
  const tags = tagExpression(runFigures);
  let run: RunRecord = EMPTY_RUN;
  if (modes.every((m) => m.mode === 'full') && tags) {
    say(`Running the scenarios of ${tags} …`);
    const bindings = Object.fromEntries(partners.map((p) => [p, ecosystem.actorUrls[p]]));
    const result = await runScenarios({
      bindings,
      harnessPort,
      host: options.host,
      publicHost: options.publicHost,
      timeoutMs: options.timeoutMs,
      dir: join(options.reportDir, REPORT_FILES.run),
      tags,
      say: (line) => say(`  ${line}`),
    });
    run = result;
    if (result.error)
      findings.push(
        ...partners.map(
          (party): Finding => ({
            party,
            api: 'scenario',
            operation: 'run the scenarios',
            step: '—',
            verdict: 'fail',
            source: 'scenario',
            rule: 'the scenarios can run',
            message: result.error!,
          }),
        ),
      );
  }
  for (const party of partners) findings.push(...runFindings(run, party, active(party), options.latencyBudgetMs));

  const { opinion: official, failures: officialFailures } = officialOpinion(options.specDir, [probeExchanges, run.exchanges], partners, active);
  findings.push(...officialFailures);
  const matrix = partners.flatMap((party) =>
    matrixOf(party, modes.find((m) => m.party === party)!, findings, figuresOf(party), active(party), options.figures),
  );
  const scenarios = run.scenarios.map((s) => ({ name: s.name, passed: s.steps.every((st) => st.result.status === 'passed') }));
  const selfReported = selfReportedChecks(run.exchanges, partners);
  const notProbed = findings.filter((f) => f.verdict === 'not probed');
  const line = summaryLine(modes, matrix, scenarios, official, join(options.reportDir, REPORT_FILES.html), notProbed.length, options.figures);
  const report: ConformanceReport = {
    generatedAt: new Date().toISOString(),
    harnessUrl: ecosystem.url,
    timeoutMs: options.timeoutMs,
    ...(options.figures ? { selectedFigures: options.figures } : {}),
    partners: modes,
    peerUrls,
    figures,
    scenarios,
    selfReported,
    matrix,
    failures: findings.filter((f) => f.verdict === 'fail'),
    notProbed,
    official,
    summary: {
      ok: matrix.every((r) => r.verdict !== 'fail'),
      pass: matrix.filter((r) => r.verdict === 'pass').length,
      fail: matrix.filter((r) => r.verdict === 'fail').length,
      notExercised: matrix.filter((r) => r.verdict === 'not exercised').length,
      line,
    },
  };
  await writeFile(join(options.reportDir, REPORT_FILES.json), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(options.reportDir, REPORT_FILES.html), conformancePage(report));
  await writeFile(join(options.reportDir, REPORT_FILES.junit), conformanceJunit(report));
  return report;
}
