import type { ActorId } from '../../core/actor-ids.ts';
import { probeProvider } from '../../harness/conformance/probes.ts';
import { figuresOf } from '../../harness/conformance/selection.ts';
import type { Finding } from '../../harness/conformance/types.ts';
import { driveFigure8 } from '../../harness/drive/figure8.ts';
import { driveFigure9 } from '../../harness/drive/figure9.ts';
import { driveFigure10 } from '../../harness/drive/figure10.ts';
import { resetAll, settle } from '../../harness/drive/settle.ts';
import { runFindings } from '../../harness/conformance/run-findings.ts';
import type { Exchange } from '../../harness/exchange.ts';
import { startEcosystem, type Ecosystem } from '../../harness/ecosystem.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { PARTNER_FAULTS, PROBE_LATENCY_BUDGET_MS, type PartnerFault } from './partner-faults.ts';

/** The outcome of one planted fault: the failing findings the conformance probes gave. */
export interface MutationResult {
  readonly fault: PartnerFault;
  readonly failures: readonly Finding[];
  /** A failing finding names the fault's rule. */
  readonly caught: boolean;
}

export interface MutationRun {
  readonly results: readonly MutationResult[];
  /** Failing findings with no fault planted, per party. */
  readonly faithful: Readonly<Record<string, readonly Finding[]>>;
}

/**
 * Where each party's collections get their data: the flows that fill them best, driven in turn (a
 * `reset` first starts from a clean ecosystem; without it the flow adds to what the one before left).
 */
const FILLED_BY: ReadonlyArray<{ parties: readonly ActorId[]; reset: boolean; drive: (e: Ecosystem) => Promise<unknown> }> = [
  { parties: ['csp'], reset: true, drive: driveFigure8 },
  { parties: ['call-center'], reset: true, drive: driveFigure9 },
  // The OEM's bills and settlement notes come from figure 9, its central catalog from figure 10.
  { parties: ['car-manufacturer'], reset: false, drive: driveFigure10 },
];

/** Drives a figure from a clean ecosystem as one scenario, until every party is done; the scenario's exchanges. */
async function driven(ecosystem: Ecosystem, scenario: string, drive: (e: Ecosystem) => Promise<unknown>): Promise<readonly Exchange[]> {
  await resetAll(ecosystem);
  ecosystem.recorder.startScenario(scenario);
  await drive(ecosystem);
  await settle(ecosystem);
  return ecosystem.recorder.exchangesOf(scenario);
}

/**
 * The party's failures in a flow, judged as a conformance run judges a scenario's exchanges. Latency is
 * the probes' fault to plant: a flow on a loaded machine is given a budget it cannot miss honestly.
 */
const FLOW_LATENCY_BUDGET_MS = 60_000;
const flowFailures = (exchanges: readonly Exchange[], party: ActorId) =>
  runFindings({ exchanges, flows: [], scenarios: [] }, party, figuresOf(party), FLOW_LATENCY_BUDGET_MS).filter((f) => f.verdict === 'fail');

/**
 * Runs the mutation suite on one in-process ecosystem: the parties under test behind fault proxies
 * (bound by URL, as partners are), a figure's flow driven once, faithfully, to fill their collections,
 * then for each fault the conformance probes of its party (the real judging code). Parties are probed
 * in parallel, their faults one after the other.
 */
export async function runMutations(faults: readonly PartnerFault[] = PARTNER_FAULTS): Promise<MutationRun> {
  const parties = [...new Set(faults.map((f) => f.party))];
  const proxies = new Map<ActorId, FaultProxy>();
  for (const party of parties) proxies.set(party, await startFaultProxy(party));
  const ecosystem = await startEcosystem({ bindings: Object.fromEntries([...proxies].map(([p, proxy]) => [p, { kind: 'remote', url: proxy.baseUrl }])) });
  const results: MutationResult[] = [];
  const faithful: Record<string, Finding[]> = {};
  const probe = async (party: ActorId) =>
    (await probeProvider(ecosystem, party, figuresOf(party), PROBE_LATENCY_BUDGET_MS, { collections: true, bundles: false })).filter(
      (f) => f.verdict === 'fail',
    );
  try {
    for (const { parties: filled, reset, drive } of FILLED_BY) {
      const here = filled.filter((p) => proxies.has(p));
      // A flow from a clean ecosystem is judged too: the faithful parties must send nothing a fault could.
      let flow: readonly Exchange[] = [];
      if (reset) flow = await driven(ecosystem, `mutation: filled by ${drive.name}`, drive);
      else await drive(ecosystem);
      if (here.length === 0) continue;
      await Promise.all(
        here.map(async (party) => {
          const proxy = proxies.get(party)!;
          faithful[party] = [...flowFailures(flow, party), ...(await probe(party))];
          const planted = async (fault: PartnerFault, judge: () => Promise<Finding[]>) => {
            proxy.plant(fault.plant());
            try {
              const failures = await judge();
              results.push({ fault, failures, caught: failures.some((f) => f.rule === fault.rule) });
            } finally {
              proxy.plant(undefined);
            }
          };
          const mine = faults.filter((f) => f.party === party);
          for (const fault of mine.filter((f) => !f.inFlow)) await planted(fault, () => probe(party));
          // Faults in what the party sends show in a flow: its figure driven again with each fault (last: it resets the data).
          for (const fault of mine.filter((f) => f.inFlow))
            await planted(fault, async () => flowFailures(await driven(ecosystem, `mutation: ${fault.name}`, drive), party));
        }),
      );
    }
  } finally {
    await ecosystem.stop();
    await Promise.all([...proxies.values()].map((p) => p.close()));
  }
  return { results, faithful };
}
