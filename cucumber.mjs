import { wholeFigureScenarios } from './step-definitions/support/whole-figure-scenarios.mjs';

// Cucumber profiles (README, "Cucumber profiles"); `cch run` runs the default one. Reports go to the run's report folder: CCH_REPORT_DIR, default reports/latest.
// A function, so that every run in one process (a conformance run after another) reads its own folder.
export default function profiles() {
  const reportDir = process.env.CCH_REPORT_DIR ?? 'reports/latest';
  const common = {
    paths: ['features/**/*.feature'],
    import: ['step-definitions/**/*.ts'],
    format: [
      'summary', // cch run names each scenario as it finishes
      `html:${reportDir}/cucumber.html`,
      `json:${reportDir}/cucumber.json`,
      `junit:${reportDir}/junit.xml`,
    ],
    formatOptions: { junit: { suiteName: 'connected-car-harness' } },
    strict: true,
  };
  return {
    /** Everything, with every party simulated locally. */
    default: common,
    /** One figure at a time, e.g. `cucumber-js -p figure7`. */
    figure7: { ...common, tags: '@figure7' },
    figure8: { ...common, tags: '@figure8' },
    figure9: { ...common, tags: '@figure9' },
    figure10: { ...common, tags: '@figure10' },
    figure11: { ...common, tags: '@figure11' },
    /** Fast: each figure walked whole once (the scenarios that claim no `@steps:` subset), about a seventh of the run. */
    smoke: { ...common, paths: wholeFigureScenarios() },
  };
}
