import type { ActorId } from '../../core/actor-ids.ts';
import type { Figure } from '../flows/types.ts';
import { leavesOfParty } from './selection.ts';
import type { Cell, Finding, MatrixRow, PartnerMode } from './types.ts';

const keyOf = (c: Cell) => `${c.party}\u0000${c.api}\u0000${c.operation}\u0000${c.step}`;

/**
 * The party's rows of the matrix: one per operation of each documented step it takes part in (in every
 * figure, run or not), plus any other operation a finding is about. A row fails with one failed finding,
 * passes with at least one passed finding and none failed, and is otherwise not exercised, with why.
 */
export function matrixOf(
  party: ActorId,
  mode: PartnerMode,
  findings: readonly Finding[],
  figures: readonly Figure[],
  run: readonly Figure[],
  selected?: readonly Figure[],
): MatrixRow[] {
  const own = findings.filter((f) => f.party === party);
  const cells = new Map<string, { cell: Cell; figure?: Figure }>();
  for (const leaf of leavesOfParty(party, figures)) {
    const cell = { party, api: leaf.api, operation: leaf.operation, step: leaf.step.id };
    if (!cells.has(keyOf(cell))) cells.set(keyOf(cell), { cell, figure: leaf.step.figure });
  }
  for (const f of own) {
    const cell = { party, api: f.api, operation: f.operation, step: f.step };
    if (!cells.has(keyOf(cell))) cells.set(keyOf(cell), { cell });
  }
  // Grouped once: a run has thousands of findings, and filtering them per row made this quadratic.
  const byCell = new Map<string, Finding[]>();
  for (const f of own) {
    const group = byCell.get(keyOf(f));
    if (group) group.push(f);
    else byCell.set(keyOf(f), [f]);
  }
  return [...cells.values()].map(({ cell, figure }) => {
    const mine = byCell.get(keyOf(cell)) ?? [];
    const failed = mine.filter((f) => f.verdict === 'fail').length;
    const passed = mine.filter((f) => f.verdict === 'pass').length;
    const notProbed = mine.filter((f) => f.verdict === 'not probed').map((f) => `not probed: ${f.message}`);
    const note = notProbed.length > 0 ? { reason: notProbed.join('; ') } : {};
    if (failed > 0) return { ...cell, verdict: 'fail', passed, failed, ...note };
    if (passed > 0) return { ...cell, verdict: 'pass', passed, failed, ...note };
    return { ...cell, verdict: 'not exercised', passed, failed, reason: notProbed.length > 0 ? note.reason : whyNot(mode, figure, run, selected) };
  });
}

function whyNot(mode: PartnerMode, figure: Figure | undefined, run: readonly Figure[], selected: readonly Figure[] | undefined): string {
  if (mode.mode === 'unreachable') return `${mode.party} could not be reached: ${mode.reason}`;
  if (figure !== undefined && selected && !selected.includes(figure)) return `figure ${figure} not selected (--figure ${selected.join(',')})`;
  if (figure !== undefined && !run.includes(figure)) return `no scenario of figure ${figure} yet`;
  if (mode.mode === 'provider-only')
    return `provider-only checks (${mode.reason}): the harness cannot drive ${mode.party}'s processes nor see its internal steps`;
  return 'not covered by the scenarios that ran';
}
