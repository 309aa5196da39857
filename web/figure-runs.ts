import type { Ecosystem } from '../harness/ecosystem.ts';
import { driveFigure7 } from '../harness/drive/figure7.ts';
import { driveFigure8 } from '../harness/drive/figure8.ts';
import { journals } from '../harness/drive/journals.ts';
import { resetAll, settle } from '../harness/drive/settle.ts';
import type { Figure } from '../harness/flows/types.ts';

export { journals, settle };

/** Drives one figure's scenario through the parties' control APIs, until the wire is quiet. */
export type FigureRun = (ecosystem: Ecosystem) => Promise<void>;

/** The figures the dashboard can drive (each from a clean ecosystem); the others are not scripted yet. */
export const FIGURE_RUNS: Partial<Record<Figure, FigureRun>> = {
  7: async (ecosystem) => {
    await resetAll(ecosystem);
    await driveFigure7(ecosystem);
  },
  8: async (ecosystem) => {
    await resetAll(ecosystem);
    await driveFigure8(ecosystem);
  },
};
