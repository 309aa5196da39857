export const HELP = `cch — connected-car harness: five TM Forum parties, their documented flows, and a verdict.

Usage:
  cch up  [--port P] [--data DIR] [--no-dashboard]
          Start the whole ecosystem (csp, car-manufacturer, content-provider, call-center, driver), each
          its own Express app and port with lowdb files under DIR (default data/), behind the harness on
          port P (default 8080). Prints every URL. Ctrl-C stops it cleanly.
  cch up  --only ACTOR --port P [--peer ACTOR=URL ...] [--data DIR]
          Start one party alone on port P (e.g. to be bound by URL from another harness).
  cch run [--tags EXPR] [--report-dir DIR]
          Start a fresh ecosystem, run the Gherkin features (all, or those matching the tag
          expression, e.g. "@figure7"), write the reports to DIR (default reports/latest): cucumber.html,
          cucumber.json, junit.xml, trace.json, flows.json, sequence/*.html|.mmd, index.html.
          Exits non-zero when a scenario fails.
  cch --help

Environment:
  CCH_SECRET     shared secret from which bootstrap credentials derive (default: a fixed dev secret)
  CCH_ACTORS     remote bindings for \`cch run\`, e.g. "csp=http://127.0.0.1:9001"
  TMF_SPECS_DIR  folder of the official TM Forum specification files (tests use it as a second opinion)
`;
