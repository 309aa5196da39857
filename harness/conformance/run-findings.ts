import type { ActorId } from '../../core/actor-ids.ts';
import type { Exchange } from '../exchange.ts';
import { isFigure, step as stepById } from '../flows/catalogue.ts';
import { describeMatcher } from '../flows/describe.ts';
import type { FlowVerdict } from '../flows/match.ts';
import type { Figure } from '../flows/types.ts';
import { cellOf, refOf } from './attribution.ts';
import { checkExchange } from './exchange-checks.ts';
import { leavesOfParty, takesPart, type StepLeaf } from './selection.ts';
import { STEP_RULES } from './step-rules.ts';
import type { Finding } from './types.ts';

/** A scenario as Cucumber's JSON formatter reports it (the parts the verdict needs). */
export interface CucumberScenario {
  readonly name: string;
  readonly tags?: readonly { readonly name: string }[];
  readonly steps: readonly {
    readonly keyword: string;
    readonly name?: string;
    readonly result: { readonly status: string; readonly error_message?: string };
  }[];
}

/** What a run of the scenarios left: the wire's trace, the flow verdicts, Cucumber's results. */
export interface RunRecord {
  readonly exchanges: readonly Exchange[];
  readonly flows: readonly FlowVerdict[];
  readonly scenarios: readonly CucumberScenario[];
}

/** Every finding about `party` in a run of the scenarios: exchanges, step rules, documented steps, scenario results. */
export function runFindings(run: RunRecord, party: ActorId, activeFigures: readonly Figure[], latencyBudgetMs?: number): Finding[] {
  const figuresOf = (scenario: string): Figure[] => {
    const own = run.flows
      .find((v) => v.scenario === scenario)
      ?.figures.map((f) => f.figure)
      .filter(isFigure);
    return own?.length ? own : [...activeFigures];
  };
  const findings: Finding[] = [];
  for (const scenario of new Set(run.exchanges.map((e) => e.scenario))) {
    const exchanges = run.exchanges.filter((e) => e.scenario === scenario);
    const figures = figuresOf(scenario);
    findings.push(...exchanges.flatMap((e) => checkExchange(e, party, figures, latencyBudgetMs)));
    findings.push(...STEP_RULES.flatMap((rule) => rule(exchanges, party, figures)));
  }
  findings.push(...run.flows.flatMap((v) => flowFindings(v, party, run.exchanges)));
  findings.push(...run.scenarios.map((s) => scenarioFinding(s, party)));
  return findings;
}

/** Seen, missing and out-of-order steps the party takes part in, and undocumented traffic of the party. */
function flowFindings(v: FlowVerdict, party: ActorId, exchanges: readonly Exchange[]): Finding[] {
  const findings: Finding[] = [];
  const leaves = (id: string): StepLeaf[] => {
    const s = stepById(id);
    return takesPart(s, party) ? leavesOfParty(party, [s.figure]).filter((l) => l.step.id === id) : [];
  };
  const at = (l: StepLeaf, ok: boolean, rule: string, message: string): Finding => ({
    party,
    api: l.api,
    operation: l.operation,
    step: l.step.id,
    verdict: ok ? 'pass' : 'fail',
    source: 'flow',
    rule,
    message,
    scenario: v.scenario,
  });
  for (const f of v.figures) {
    for (const seen of f.seen) findings.push(...leaves(seen.step).map((l) => at(l, true, 'the documented step is observed', `seen in "${v.scenario}"`)));
    for (const unmet of f.unmet) {
      const own = leaves(unmet.step);
      const missing = own.filter((l) => unmet.parts.includes(describeMatcher(l.matcher)));
      findings.push(
        ...(missing.length ? missing : own).map((l) =>
          at(l, false, 'the documented step is observed', `not observed in "${v.scenario}": ${unmet.parts.join('; ')}`),
        ),
      );
    }
    for (const o of f.outOfOrder)
      findings.push(
        ...leaves(o.step).map((l) => at(l, false, `the step comes after ${o.mustFollow}`, `${o.step} was seen before ${o.mustFollow} in "${v.scenario}"`)),
      );
  }
  for (const u of v.unexpected.filter((x) => x.from === party || x.to === party)) {
    const e = exchanges.find((x) => x.seq === u.seq);
    const cell = e ? cellOf(e, party, []) : { party, api: 'unknown', operation: u.operation, step: '—' };
    findings.push({
      ...cell,
      verdict: 'fail',
      source: 'flow',
      rule: 'every exchange is a documented step',
      message: `#${u.seq} ${u.from} → ${u.to} ${u.operation} ${u.path} (${u.status}) is no step of FLOWS.md`,
      scenario: v.scenario,
      ...(e ? { exchange: refOf(e, true) } : {}),
    });
  }
  return findings;
}

/** A scenario's own verdict: its Then steps check what the wire cannot show (the parties' state). */
function scenarioFinding(s: CucumberScenario, party: ActorId): Finding {
  const failed = s.steps.find((st) => st.result.status !== 'passed');
  const cell = { party, api: 'scenario', operation: s.name, step: stepsTag(s) };
  if (!failed) return { ...cell, verdict: 'pass', source: 'scenario', rule: 'the scenario passes', message: 'passed', scenario: s.name };
  const what = `${failed.keyword.trim()} ${failed.name ?? ''}`.trim();
  const why = (failed.result.error_message ?? failed.result.status).split('\n').slice(0, 6).join('\n');
  return { ...cell, verdict: 'fail', source: 'scenario', rule: 'the scenario passes', message: `${what}: ${why}`, scenario: s.name };
}

/** The steps a scenario claims (`@steps:7.1,7.5`), or its figures. */
function stepsTag(s: CucumberScenario): string {
  const tags = (s.tags ?? []).map((t) => t.name);
  const steps = tags.find((t) => t.startsWith('@steps:'))?.slice('@steps:'.length);
  return (
    steps ??
    (tags
      .filter((t) => /^@figure\d+$/.test(t))
      .map((t) => t.slice(1))
      .join(',') ||
      '—')
  );
}
