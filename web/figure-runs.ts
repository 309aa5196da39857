import type { Ecosystem } from '../harness/ecosystem.ts';
import { driveFigure7 } from '../harness/drive/figure7.ts';
import { driveFigure8 } from '../harness/drive/figure8.ts';
import { driveFigure9 } from '../harness/drive/figure9.ts';
import { driveFigure10 } from '../harness/drive/figure10.ts';
import { driveFigure11 } from '../harness/drive/figure11.ts';
import { journals } from '../harness/drive/journals.ts';
import { resetAll, settle } from '../harness/drive/settle.ts';
import { BRANCHES, type Branch, type Figure } from '../harness/flows/types.ts';

export { journals, settle };

/**
 * A scripted run of one figure: how to drive it, the branches of FLOWS.md it takes, and the figures it
 * goes through first to set the scene (their steps explain traffic, none is claimed).
 */
export interface FigureRun {
  readonly drive: (ecosystem: Ecosystem) => Promise<unknown>;
  readonly branches: readonly Branch[];
  readonly setup?: readonly Figure[];
}

/** The figures the dashboard can drive; each run starts from a clean ecosystem. */
export const FIGURE_RUNS: Partial<Record<Figure, FigureRun>> = {
  7: { drive: driveFigure7, branches: [] },
  8: { drive: driveFigure8, branches: [BRANCHES.newParty], setup: [7] },
  9: { drive: driveFigure9, branches: [BRANCHES.misdirected, BRANCHES.oemInvoicesCsp], setup: [7] },
  10: { drive: driveFigure10, branches: [] },
  11: { drive: driveFigure11, branches: [], setup: [10] },
};

/** Runs a figure from a clean ecosystem. */
export async function runFigure(ecosystem: Ecosystem, run: FigureRun): Promise<void> {
  await resetAll(ecosystem);
  await run.drive(ecosystem);
}
