// Cucumber profiles. Reports go to the run's report folder: CCH_REPORT_DIR, default reports/latest.
const reportDir = process.env.CCH_REPORT_DIR ?? 'reports/latest';

const common = {
  paths: ['features/**/*.feature'],
  import: ['step-definitions/**/*.ts'],
  format: [
    'summary',
    `html:${reportDir}/cucumber.html`,
    `json:${reportDir}/cucumber.json`,
    `junit:${reportDir}/junit.xml`,
  ],
  formatOptions: { junit: { suiteName: 'connected-car-harness' } },
  strict: true,
};

/** Everything, with every party simulated locally. */
export default common;

/** One figure at a time, e.g. `cucumber-js -p figure7`. */
export const figure7 = { ...common, tags: '@figure7' };
