import type { ActorId } from '../../core/actor-ids.ts';
import type { Exchange } from '../exchange.ts';
import type { Figure } from '../flows/types.ts';
import { checkAll, isTmfTraffic, type OfficialIssue } from '../official-specs/check.ts';
import { loadOfficialSpecs } from '../official-specs/load.ts';
import { cellOf, refOf } from './attribution.ts';
import type { PeerUrls } from './peers.ts';
import type { Finding, MatrixRow, PartnerMode } from './types.ts';

/** An official-spec issue on the partner's side of an exchange. */
export interface PartnerOfficialIssue extends OfficialIssue {
  readonly party: ActorId;
  readonly scenario: string;
}

/** The second opinion: the same exchanges against the official TMF files, reported apart (each issue also fails its row). */
export interface OfficialOpinion {
  readonly dir: string;
  /** Why nothing could be checked (no such folder, no file), if so. */
  readonly unavailable?: string;
  readonly checked: number;
  readonly notCovered: number;
  readonly issues: readonly PartnerOfficialIssue[];
}

/** The conformance report of one run: `conformance.json` is this object. */
export interface ConformanceReport {
  readonly generatedAt: string;
  readonly harnessUrl: string;
  readonly timeoutMs: number;
  readonly partners: readonly PartnerMode[];
  readonly peerUrls: readonly PeerUrls[];
  /** The figures named with `--figure`; absent when every figure was run. */
  readonly selectedFigures?: readonly Figure[];
  /** Per partner: the figures it takes part in, those of them that have scenarios, and those of these that were run. */
  readonly figures: readonly {
    readonly party: ActorId;
    readonly takesPart: readonly Figure[];
    readonly withScenarios: readonly Figure[];
    readonly run: readonly Figure[];
  }[];
  readonly scenarios: readonly { readonly name: string; readonly passed: boolean }[];
  /**
   * Scenario checks that could only read a partner's own account of itself (its GET /control/state),
   * because no TMF API it serves shows the fact: such a verdict rests on what the partner says.
   */
  readonly selfReported: readonly { readonly scenario: string; readonly party: ActorId; readonly reads: number }[];
  readonly matrix: readonly MatrixRow[];
  /** Every failed check, with its exchange, JSON path and rule. */
  readonly failures: readonly Finding[];
  /** Checks the harness could not make (a collection too small to page, a create the provider refused), with why. */
  readonly notProbed: readonly Finding[];
  readonly official: OfficialOpinion;
  readonly summary: { readonly ok: boolean; readonly pass: number; readonly fail: number; readonly notExercised: number; readonly line: string };
}

/**
 * Checks the partners' side of every exchange against the official files. Each batch is one wire (its
 * own `seq` numbering), so the issues are tied back to their exchange batch by batch.
 */
/** The official files are read and compiled once per process and folder (several runs may share them). */
const loaded = new Map<string, ReturnType<typeof loadOfficialSpecs>>();
function officialSpecsOf(dir: string): ReturnType<typeof loadOfficialSpecs> {
  if (!loaded.has(dir)) loaded.set(dir, loadOfficialSpecs(dir));
  return loaded.get(dir)!;
}

export function officialOpinion(
  dir: string,
  batches: readonly (readonly Exchange[])[],
  partners: readonly ActorId[],
  figuresOf: (party: ActorId) => readonly Figure[],
): { readonly opinion: OfficialOpinion; readonly failures: readonly Finding[] } {
  const none = (unavailable: string) => ({ opinion: { dir, unavailable, checked: 0, notCovered: 0, issues: [] }, failures: [] });
  const tmfTraffic = batches.some((b) => b.some((e) => isTmfTraffic(e) && partners.some((p) => e.to === p || e.from === p)));
  if (!tmfTraffic) return none('no TMF exchange of the partners to check');
  let specs: ReturnType<typeof officialSpecsOf>;
  try {
    specs = officialSpecsOf(dir);
  } catch (error) {
    return none((error as Error).message);
  }
  if (specs.byApi.size === 0) return none('no official specification file found');
  let checked = 0;
  let notCovered = 0;
  const issues: PartnerOfficialIssue[] = [];
  const failures: Finding[] = [];
  for (const batch of batches) {
    const mine = batch.filter((e) => partners.some((p) => e.to === p || e.from === p));
    const result = checkAll(specs, mine);
    checked += result.checked;
    notCovered += result.notCovered;
    for (const issue of result.issues) {
      const e = mine.find((x) => x.seq === issue.seq);
      const party = partners.find((p) => (issue.where === 'response' ? e?.to === p : e?.from === p));
      if (!e || !party) continue;
      issues.push({ ...issue, party, scenario: e.scenario });
      failures.push(officialFailure(issue, e, party, figuresOf(party)));
    }
  }
  return { opinion: { dir, checked, notCovered, issues }, failures };
}

/**
 * An official issue fails the row of its exchange: a payload the official file refuses breaks the
 * standard, whether or not the project's schemas model the attribute (they type what the flows use; an
 * official file types every attribute of its resources).
 */
function officialFailure(issue: OfficialIssue, e: Exchange, party: ActorId, figures: readonly Figure[]): Finding {
  return {
    ...cellOf(e, party, figures),
    verdict: 'fail',
    source: 'official',
    rule: `official ${issue.definition}: ${issue.rule}`,
    message: `${issue.where} ${issue.path || '(root)'}: ${issue.message} (${issue.spec})`,
    path: `${issue.where}${issue.path}`,
    scenario: e.scenario,
    exchange: refOf(e, true),
  };
}

/** The one line the terminal shows. */
export function summaryLine(
  partners: readonly PartnerMode[],
  matrix: readonly MatrixRow[],
  scenarios: ConformanceReport['scenarios'],
  official: OfficialOpinion,
  reportFile: string,
  notProbed = 0,
  selected?: readonly Figure[],
): string {
  const count = (v: MatrixRow['verdict']) => matrix.filter((r) => r.verdict === v).length;
  const ok = count('fail') === 0;
  const who = partners.map((p) => `${p.party} (${p.mode})`).join(', ') + (selected ? `, figure ${selected.join(', ')} only` : '');
  const second = official.unavailable ? 'official specs: not available' : `official specs: ${official.issues.length} issue(s)`;
  return (
    `conformance ${ok ? 'PASS' : 'FAIL'} ${who}: ${count('pass')} pass, ${count('fail')} fail, ${count('not exercised')} not exercised, ${notProbed} check(s) not probed; ` +
    `${scenarios.length} scenario(s), ${scenarios.filter((s) => !s.passed).length} failed; ${second} → ${reportFile}`
  );
}
