import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadConfiguration } from '@cucumber/cucumber/api';
import { ACTOR_IDS } from '../core/actor-ids.ts';
import { selectedScenarios } from '../harness/cli/run.ts';
import { startAlone } from '../harness/cli/up.ts';
import { figuresOf, figuresWithScenarios, tagExpression } from '../harness/conformance/selection.ts';
import type { RunningActor } from '../actors/kit/serve.ts';
import { conformance, describeFinding } from './support/conformance-run.ts';

// The self-test: every simulated party, started alone (as `cch up --only` starts it) and bound by URL,
// passes conformance with zero failures. One run binds all five and serves the five tests: each judges
// its party's part of the report. Five runs of one party each ran the same scenarios over and over (the
// CSP's and the OEM's all 42 each); a party bound alone beside simulated ones is what the negative
// controls in conformance.test.ts run, and the choice of a lone party's scenarios is tested below.

let parties: RunningActor[] = [];
let run: Awaited<ReturnType<typeof conformance>>;

before(async () => {
  // In memory: this judges the parties' answers, not their persistence (crash-restart.test.ts does that).
  parties = await Promise.all(ACTOR_IDS.map(async (actor) => (await startAlone(actor, 0, undefined)).actor));
  // The test machine is shared and busy: the self-test judges correctness, the latency test speed.
  run = await conformance(
    parties.map((p) => `${p.id}=${p.url}`),
    ['--latency-budget-ms', '5000'],
  );
});

after(async () => {
  await Promise.all(parties.map((p) => p.stop()));
});

for (const actor of ACTOR_IDS) {
  test(`self-test: the simulated ${actor}, started alone and bound by URL, passes conformance with zero failures`, () => {
    const { code, output: out, report, dir } = run;
    assert.deepEqual(report.failures.filter((f) => f.party === actor).map(describeFinding), []);
    assert.equal(code, 0, out);
    assert.equal(report.partners.find((p) => p.party === actor)?.mode, 'full');
    assert.ok(report.scenarios.length >= 5 && report.scenarios.every((s) => s.passed), 'the scenarios of its figures ran and passed');
    for (const [i, s] of report.scenarios.entries())
      assert.ok(out.includes(`✔ ${i + 1}/${report.scenarios.length} ${s.name}`), `the progress names "${s.name}" as it finishes`);
    const own = report.matrix.filter((r) => r.party === actor);
    const rows = own.filter((r) => r.verdict !== 'not exercised');
    assert.ok(rows.length > 10 && rows.every((r) => r.verdict === 'pass'), 'every row of its figures passed');
    assert.ok(
      own.filter((r) => r.verdict === 'not exercised').every((r) => Boolean(r.reason)),
      'a row not exercised says why',
    );
    assert.match(out, /conformance PASS/);
    assert.match(out, new RegExp(`${report.notProbed.length} check\\(s\\) not probed`), 'the summary line counts what could not be probed');
    assert.ok(
      report.notProbed.filter((f) => f.party === actor).every((f) => f.verdict === 'not probed' && f.message),
      'each check not probed says why',
    );
    assert.match(out, new RegExp(`${actor} \\(http://127\\.0\\.0\\.1:\\d+\\) must call its peers at:`));
    const peers = (
      JSON.parse(readFileSync(join(dir, 'peers.json'), 'utf8')) as {
        party: string;
        peers: Record<string, string>;
        credentials: { presentsTo: Record<string, string> };
      }[]
    ).find((p) => p.party === actor);
    const peer = actor === 'csp' ? 'car-manufacturer' : 'csp';
    assert.match(peers?.peers[peer] ?? '', /\/wire\//);
    assert.ok(peers?.credentials.presentsTo[peer], 'with the credentials it presents');
    assert.match(readFileSync(join(dir, 'conformance.junit.xml'), 'utf8'), /<testsuite name="conformance [^"]+" tests="\d+" failures="0"/);
    assert.match(readFileSync(join(dir, 'conformance.html'), 'utf8'), /Conformance <span class="ok">PASS/);
  });
}

test('a party bound alone runs the scenarios of its figures only: at least 5, and fewer than all for a party outside some figures', async () => {
  const withScenarios = figuresWithScenarios();
  const count = async (tags: string) => {
    const { runConfiguration } = await loadConfiguration({ provided: { tags } });
    return selectedScenarios(runConfiguration.sources, tags);
  };
  const all = await count(tagExpression(withScenarios)!);
  for (const actor of ACTOR_IDS) {
    const figures = figuresOf(actor).filter((f) => withScenarios.includes(f));
    const selected = await count(tagExpression(figures)!);
    assert.ok(selected >= 5, `${actor}: ${selected} scenarios of figures ${figures.join(', ')}`);
    if (figures.length < withScenarios.length) assert.ok(selected < all, `${actor} takes no part in some figures, so runs fewer than all ${all}`);
  }
  assert.ok(
    ACTOR_IDS.some((a) => figuresOf(a).filter((f) => withScenarios.includes(f)).length < withScenarios.length),
    'some party is outside a figure',
  );
});
